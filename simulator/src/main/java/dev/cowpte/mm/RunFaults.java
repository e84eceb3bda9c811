package dev.cowpte.mm;

/**
 * The accesses of a whole 1 GiB (one pmd table's reach) that {@link FaultHandler#accessRange}
 * does at once, leaving a run of 512 PTE tables ({@link PageTable#setRun}) instead of making
 * them: exactly what 262,144 single accesses would leave and count, held as one run.
 * <ul>
 * <li>an access the run's tables already allow: nothing to do, no fault;</li>
 * <li>write faults on an empty GiB of private anonymous memory ({@code do_anonymous_page} on
 * every page): fresh frames, a block per table;</li>
 * <li>write faults on an empty GiB of shmem ({@code do_shared_fault}, {@code shmem_fault}
 * allocating each page into the page cache): fresh frames in the cache, a block per table;</li>
 * <li>read faults on an empty GiB of shmem whose pages the cache holds as whole blocks in
 * order ({@code do_read_fault}: with fault-around, {@code filemap_map_pages} maps the 16
 * cached pages around each fault, so a table takes 32 faults; without it, 512).</li>
 * </ul>
 * Each returns false, having changed at most the upper tables the page-by-page path allocates
 * first, when that path must go on.
 */
final class RunFaults {
    private static final int TABLES = Geometry.PTRS_PER_TABLE;
    private static final long PAGES = (long) TABLES * Geometry.PTRS_PER_TABLE;
    private final Machine m;

    RunFaults(Machine m) {
        this.m = m;
    }

    /**
     * Does the access of every page of the 1 GiB at {@code base} (aligned, inside {@code vma})
     * at once when it can; returns whether it did.
     */
    boolean accessGiB(Mm mm, Vma vma, long base, boolean write, boolean store, long value) {
        if (!m.runs || vma.hugetlb != null || vma.mshare != null || anyHugeEligible(vma, base)) {
            return false;
        }
        PageTable pmd = m.pageTables.pmdTableHoldingRun(mm, base);
        if (pmd != null) {
            // every entry present: a read, or a write where the entries are writable and the pmd
            // entries not write-protected (no fork shared or deferred the tables), takes no fault
            TableRun run = pmd.run();
            return !store && (!write || (run.writable && !run.writeProtected()));
        }
        if (vma.fileBacked()) {
            return false;
        }
        if (vma.shared) {
            return write ? shmemFaultTables(mm, vma, base, store ? value : 0) : !store && shmemMapTables(mm, vma, base);
        }
        return write && anonFaultTables(mm, vma, base, store ? value : 0);
    }

    /**
     * Whether a huge PMD may map some 2 MiB of the GiB at {@code base}: {@link HugePmd#eligible}
     * of the first 2 MiB of it that the vma holds whole, if there is one (eligibility does not
     * change along a vma but at its ends).
     */
    private boolean anyHugeEligible(Vma vma, long base) {
        long first = Math.max(base, Geometry.pmdUp(vma.start));
        return first + Geometry.PMD_SIZE <= base + Geometry.PUD_SIZE && m.huge.eligible(vma, first);
    }

    /**
     * The pmd table of mm for the GiB at {@code base} when it is empty and 512 tables and
     * {@code frames} new frames fit, else null.
     */
    private PageTable emptyPmd(Mm mm, long base, long frames) {
        if (!m.hasRoomFor(TABLES + frames) || m.frames.hasFreed()
                || m.frames.limit() + frames + 2L * TABLES + FrameTable.BLOCK_FRAMES > FrameTable.MAX_PFN) {
            return null;
        }
        PageTable pmd = m.pageTables.pmdTable(mm, base, true);
        return pmd.hasEntries() ? null : pmd;
    }

    /** Write faults on every page of an empty GiB of a private, writable vma of 4 KiB anonymous pages. */
    private boolean anonFaultTables(Mm mm, Vma vma, long base, long value) {
        // a private file mapping copies its file's pages (do_cow_fault), and multi-size THP maps folios
        if (!vma.writable || m.anonFolio.anyAllowed(vma)) {
            return false;
        }
        PageTable pmd = emptyPmd(mm, base, PAGES);
        if (pmd == null) {
            return false;
        }
        long idBase = m.pageTables.allocRun(mm);
        int first = m.frames.allocMappedRun(FrameTable.BLOCK_FRAMES, value);
        for (int t = 1; t < TABLES; t++) {
            m.frames.allocMappedRun(FrameTable.BLOCK_FRAMES, value);
        }
        pmd.setRun(idBase, first, true);
        mm.rssAnon += PAGES;
        vma.anon.prepare();
        countFaults(mm, PAGES);
        return true;
    }

    /** The first of the 512 chunks of the shmem object behind the GiB at {@code base}, or -1 when not chunk-aligned. */
    private static long firstChunk(Vma vma, long base) {
        long index = vma.shmemIndex(base);
        return (index & (ShmemPages.CHUNK_PAGES - 1)) == 0 ? index >>> ShmemPages.CHUNK_SHIFT : -1;
    }

    /** Write faults on every page of an empty GiB of a writable shmem vma whose object has no page there yet. */
    private boolean shmemFaultTables(Mm mm, Vma vma, long base, long value) {
        long chunk = firstChunk(vma, base);
        if (!vma.writable || chunk < 0 || !vma.shmem.pages.noneIn(chunk, TABLES)) {
            return false;
        }
        PageTable pmd = emptyPmd(mm, base, PAGES);
        if (pmd == null) {
            return false;
        }
        long idBase = m.pageTables.allocRun(mm);
        int first = m.frames.allocShmemBlock(value);
        for (int t = 1; t < TABLES; t++) {
            m.frames.allocShmemBlock(value);
        }
        vma.shmem.pages.putBlocks(chunk, TABLES, first);
        pmd.setRun(idBase, first, true, true);
        mm.rssShmem += PAGES;
        countFaults(mm, PAGES);
        return true;
    }

    /**
     * Write faults on every page of the empty PTE table {@code pte} (at {@code base}) of a
     * writable shmem vma whose object has no page there yet: a block of fresh frames in the cache,
     * the table mapping it whole, as 512 {@code do_shared_fault} calls leave it. The page-by-page
     * model does the same, so that both hand out the same frames.
     */
    boolean shmemFaultTable(Mm mm, Vma vma, PageTable pte, long base, long value) {
        long index = vma.shmemIndex(base);
        int n = Geometry.PTRS_PER_TABLE;
        if (!vma.writable || (index & (ShmemPages.CHUNK_PAGES - 1)) != 0 || pte.hasEntries()
                || !vma.shmem.pages.noneIn(index >>> ShmemPages.CHUNK_SHIFT, 1) || !m.hasRoomFor(n)
                || m.frames.hasFreed() || m.frames.limit() + 2L * n > FrameTable.MAX_PFN) {
            return false;
        }
        int first = m.frames.allocShmemBlock(value);
        vma.shmem.pages.putBlocks(index >>> ShmemPages.CHUNK_SHIFT, 1, first);
        if (m.runs) {
            pte.mapBlock(first, true);
        } else {
            int[] w = pte.ptesForWrite();
            for (int k = 0; k < n; k++) {
                w[k] = PageTable.mkpte(first + k, true);
            }
        }
        mm.rssShmem += n;
        pte.shmemPages += n;
        countFaults(mm, n);
        return true;
    }

    /** Read faults on every page of an empty GiB of a shmem vma whose object holds all of it as whole blocks in order. */
    private boolean shmemMapTables(Mm mm, Vma vma, long base) {
        long chunk = firstChunk(vma, base);
        int first = chunk < 0 ? -1 : vma.shmem.pages.blocksAt(chunk, TABLES);
        if (first < 0) {
            return false;
        }
        PageTable pmd = emptyPmd(mm, base, 0);
        if (pmd == null) {
            return false;
        }
        long idBase = m.pageTables.allocRun(mm);
        m.frames.mapBlocks(first, TABLES);
        pmd.setRun(idBase, first, vma.writable, true);
        mm.rssShmem += PAGES;
        long perTable = m.config().faultAround()
                ? Geometry.PTRS_PER_TABLE / FaultHandler.FAULT_AROUND_PAGES : Geometry.PTRS_PER_TABLE;
        countFaults(mm, perTable * TABLES);
        return true;
    }

    private void countFaults(Mm mm, long n) {
        mm.faults.all += n;
        m.faults.all += n;
    }
}
