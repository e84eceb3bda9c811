package dev.cowpte.mm;

import java.util.List;

/**
 * How {@code fork} copies page tables, and what later faults, unmaps and exits do to what it
 * shared. One subclass per design; all of them give every load the same value, and differ in
 * tables, counters and work. The machine calls these methods per table; a design whose fork
 * leaves work for later in the address spaces (async-fork) also attaches a {@link DeferredWork}
 * to each of them, whose hooks the machine calls per statement. No class but the registry
 * ({@link ForkPolicies}) names a subclass.
 */
public abstract class ForkPolicy {
    private final String name;
    private final boolean chargesEverySharer;

    ForkPolicy(String name) {
        this(name, true);
    }

    ForkPolicy(String name, boolean chargesEverySharer) {
        this.name = name;
        this.chargesEverySharer = chargesEverySharer;
    }

    /** The name users write in {@code policy NAME}. */
    public final String name() {
        return name;
    }

    /** What the policy does, in the kernel's words (a paragraph). */
    public abstract String summary();

    /**
     * What users see of a policy besides its name: where the design comes from, a short phrase
     * for completion lists, and its row of docs/MODEL.md's table (what fork does, what it defers
     * and to whom, the accounting). Every surface of the product reads these; none keeps a copy.
     */
    public record Description(String source, String brief, String fork, String deferred, String accounting) {
    }

    /** This policy's {@link Description}. */
    public abstract Description description();

    /**
     * Whether every process that reaches a table this policy shares carries it in its rss and
     * pgtables_bytes (else only the table's owner does).
     */
    public final boolean chargesEverySharer() {
        return chargesEverySharer;
    }

    /**
     * Whether fork may share a PTE table instead of copying it (a table holding a pinned page,
     * or under a vma fork cannot copy whole, is copied all the same).
     */
    public boolean sharesPteTablesAtFork() {
        return false;
    }

    /**
     * How a walk names a PTE table under a write-protected pmd entry that this policy set:
     * {@code shared by NAME}, or what else the write-protection means under this design.
     */
    public String writeProtectedState() {
        return "shared by " + name();
    }

    /**
     * {@link #writeProtectedState()} for a table of this refcount: with no other sharer left (refcount
     * 1) the entry is still write-protected but the table is no longer shared, so a walk says
     * {@code write-protected by NAME (no other sharer left)} rather than {@code shared by NAME}.
     */
    public String writeProtectedState(int refcount) {
        return refcount <= 1 ? "write-protected by " + name() + " (no other sharer left)" : writeProtectedState();
    }

    /**
     * How a walk names a PTE table that the walked process has not got yet because this policy's
     * fork deferred its copy ({@link PageWalk#pendingBy()}).
     */
    public String pendingTableState() {
        return "pending (" + name() + ")";
    }

    /**
     * Copies, or shares, the part of the parent's PTE table {@code src} that the child must
     * inherit: the ranges {@code copy} (pairs of start, end) lie within the table's 2 MiB and
     * belong to vmas that fork copies.
     */
    abstract void copyPteTable(Machine m, Mm parent, Mm child, PageTable parentPmd, int idx, List<long[]> copy);

    /**
     * {@link #copyPteTable} for each of the 512 PTE tables of a run ({@link PageTable#hasRun})
     * that the child inherits whole. This makes the tables and copies them one by one; a policy
     * that can copy the run as a run overrides it, with the same result.
     */
    void copyRun(Machine m, Mm parent, Mm child, PageTable parentPmd) {
        long base = parentPmd.base;
        PageTable pmd = m.pageTables.pmdTable(parent, base, false);
        for (int i = 0; i < Geometry.PTRS_PER_TABLE; i++) {
            long s = base + ((long) i << Geometry.PMD_SHIFT);
            copyPteTable(m, parent, child, pmd, i, List.<long[]>of(new long[] {s, s + Geometry.PMD_SIZE}));
        }
    }

    /**
     * Whether a fault at a page of {@code vma} under a write-protected pmd entry must break the
     * shared table; when not, a read of an empty entry maps the zero page into the shared table.
     */
    boolean breaksOnFault(Vma vma, boolean write) {
        return true;
    }

    /**
     * Gives mm a PTE table of its own in place of the shared one its pmd entry points to (by
     * reusing or copying it), makes the pmd entry writable, and returns the table.
     */
    PageTable breakCowPte(Machine m, Mm mm, PageTable pmd, int idx) {
        throw new IllegalStateException(name() + " never shares PTE tables");
    }

    /** {@link #breakCowPte}, its work counted as deferred by the fork that shared the table. */
    final PageTable breakShared(Machine m, Mm mm, PageTable pmd, int idx) {
        Work before = m.work.snapshot();
        try {
            return breakCowPte(m, mm, pmd, idx);
        } finally {
            m.deferred.add(m.work.since(before));
        }
    }

    /** {@link #zapShared}, its work counted as deferred by the fork that shared the table. */
    final void zapSharedDeferred(Machine m, Mm mm, PageTable pmd, int idx) {
        Work before = m.work.snapshot();
        try {
            zapShared(m, mm, pmd, idx);
        } finally {
            m.deferred.add(m.work.since(before));
        }
    }

    /** mm drops a whole shared PTE table (munmap or exit of its whole range). */
    void zapShared(Machine m, Mm mm, PageTable pmd, int idx) {
        throw new IllegalStateException(name() + " never shares PTE tables");
    }

    /**
     * {@link #zapSharedDeferred} of each of the 512 tables of the run mm's pmd table holds, this
     * policy having shared it, at once: mm's whole GiB goes (munmap or exit) and the run stays
     * whole for the sharers that keep it. Returns false, having changed nothing, when this policy
     * cannot (the tables are then made and go one by one).
     */
    boolean zapSharedRun(Machine m, Mm mm, PageTable pmd) {
        return false;
    }

    /**
     * Whether mm's rss and pgtables_bytes carry a table this policy shared and mm reaches: every
     * sharer's do, or the owner's alone. A field, not an override: the fault and zap paths ask
     * it for every table, under every policy.
     */
    final boolean accountsSharer(Mm mm, PageTable pte) {
        return chargesEverySharer || pte.owner == mm;
    }

    /** Whether a page mapped by a shared table counts one mapcount per sharer (else one per entry). */
    boolean mapcountPerSharer() {
        return false;
    }

    @Override
    public String toString() {
        return name();
    }

    // ---- the classic copy, which every policy falls back to ----

    /**
     * {@link #classicCopyRun} for 512 tables already made: the PTE tables {@code src} of one pmd
     * table (entry i the table at {@code base + i * 2 MiB}), each whole to copy, private, and
     * each mapping the block after the previous one's whole and in order. Copied into the
     * child's empty pmd table as a read-only run; returns false, having changed nothing but the
     * child's upper tables, when they do not form one or must go one by one.
     */
    static boolean classicCopyTablesAsRun(Machine m, Mm parent, Mm child, long base, PageTable[] src) {
        if (!m.runs || parent.pinsIn(base, base + Geometry.PUD_SIZE)) {
            return false;
        }
        int first = src[0].derived() ? PageTable.pfn(src[0].pte(0)) : -1;
        for (int i = 0; i < src.length; i++) {
            PageTable t = src[i];
            if (first < 0 || t == null || !t.derived() || PageTable.pfn(t.pte(0)) != first + i * FrameTable.BLOCK_FRAMES
                    || t.anonPages != Geometry.PTRS_PER_TABLE || t.shmemPages != 0) {
                return false;
            }
        }
        PageTable childPmd = m.pageTables.pmdTable(child, base, true);
        int n = Geometry.PTRS_PER_TABLE;
        if (childPmd.hasEntries() || !m.hasRoomFor(n) || m.frames.limit() + n > FrameTable.MAX_PFN) {
            return false;
        }
        long idBase = m.pageTables.allocRun(child);
        for (PageTable t : src) {
            if (t.wrprotectAll()) {
                m.work.tlbFlushes++;
            }
        }
        childPmd.setRun(idBase, first, false);
        int mapped = m.frames.mapBlocks(first, n);
        m.work.entriesCopied += (long) n * Geometry.PTRS_PER_TABLE;
        m.work.pageUpdates += mapped;
        child.rssAnon += mapped;
        return true;
    }

    /**
     * {@link #classicCopy} of the 512 whole PTE tables of a run at once, when no page of it is
     * pinned and the child's 512 tables fit: the parent's run becomes read-only, the child's pmd
     * table gets a read-only run over the same blocks, each block gains one mapping and one
     * reference, and the counters move as 512 whole-table copies move them. Returns false,
     * having changed nothing but the child's upper tables (which {@link #classicCopy} allocates
     * first too), when the tables must go one by one (a run a policy shared or
     * deferred, whose pmd entries are write-protected, is copied table by table, as page by page).
     */
    static boolean classicCopyRun(Machine m, Mm parent, Mm child, PageTable src) {
        long base = src.base;
        if (src.run().writeProtected() || parent.pinsIn(base, base + Geometry.PUD_SIZE)) {
            return false;
        }
        PageTable childPmd = m.pageTables.pmdTable(child, base, true);
        int n = Geometry.PTRS_PER_TABLE;
        long pages = (long) n * Geometry.PTRS_PER_TABLE;
        if (childPmd.hasEntries() || !m.hasRoomFor(n) || m.frames.limit() + n > FrameTable.MAX_PFN) {
            return false;
        }
        long idBase = m.pageTables.allocRun(child);
        if (src.wrprotectRun()) {
            m.work.tlbFlushes += n;
        }
        childPmd.setRun(idBase, src.runFirstPfn(), false);
        int mapped = m.frames.mapBlocks(src.runFirstPfn(), n);
        m.work.entriesCopied += pages;
        m.work.pageUpdates += mapped;
        child.rssAnon += mapped;
        return true;
    }

    /**
     * {@code copy_pte_range}: copies the present entries of the ranges into a new child table,
     * write-protecting private pages in parent and child (one per-page update each); a pinned
     * anonymous page is copied into the child at once and the parent's entry stays writable, and
     * so is every exclusive page of a huge page that may be pinned.
     */
    /** The entries of {@code table} in the ranges {@code copy} that map a page of a file. */
    static int filePagesIn(Machine m, PageTable table, List<long[]> copy) {
        int n = 0;
        for (long[] r : copy) {
            for (int i = PageTables.pteIndex(r[0]); i <= PageTables.pteIndex(r[1] - 1); i++) {
                int e = table.pte(i);
                if (PageTable.present(e) && m.frames.file(PageTable.pfn(e))) {
                    n++;
                }
            }
        }
        return n;
    }

    static void classicCopy(Machine m, Mm parent, Mm child, PageTable src, long base, List<long[]> copy) {
        PageTable childPmd = m.pageTables.pmdTable(child, base, true);
        int idx = PageTables.pmdIndex(base);
        PageTable dst = childPmd.next[idx];
        boolean fresh = dst == null;
        if (fresh) {
            dst = m.pageTables.pteAlloc(child, childPmd, base);
        }
        // A pinned anonymous page is exclusive to its pinner: only the parent's own pins matter.
        boolean pins = parent.pinsIn(base, base + Geometry.PMD_SIZE);
        boolean flush = false;
        long entries = 0;
        long updates = 0;
        int pages = 0;
        try {
            for (long[] r : copy) {
                int from = PageTables.pteIndex(r[0]);
                int to = PageTables.pteIndex(r[1] - 1);
                if (!pins && fresh && copy.size() == 1 && from == 0 && to == Geometry.PTRS_PER_TABLE - 1) {
                    // The common case, a whole table: the child's starts on the parent's entries.
                    flush = src.wrprotectAll();
                    dst.takePtesOf(src);
                    entries += dst.presentEntries();
                    int mapped = m.frames.mapTable(dst);
                    updates += mapped;
                    pages += mapped;
                    continue;
                }
                if (!pins) {
                    // Part of a table: the entries in one pass, then the frames in another.
                    src.clearExclusiveRo(from, to + 1);
                    int[] d = dst.ptesForWrite();
                    for (int i = from; i <= to; i++) {
                        int e = src.pte(i);
                        if (PageTable.writable(e)) {
                            src.setPte(i, PageTable.wrprotect(e));
                            flush = true;
                        }
                        d[i] = PageTable.wrprotect(e);
                    }
                    entries += dst.presentEntries(from, to + 1);
                    int mapped = m.frames.mapEntries(dst, from, to + 1);
                    updates += mapped;
                    pages += mapped;
                    continue;
                }
                for (int i = from; i <= to; i++) {
                    int e = src.pte(i);
                    if (!PageTable.present(e)) {
                        continue;
                    }
                    int pfn = PageTable.pfn(e);
                    entries++;
                    if (pfn == FrameTable.ZERO_PFN) {
                        dst.setPte(i, e);
                        continue;
                    }
                    // folio_try_dup_anon_rmap_pte fails for an exclusive page of a folio that may
                    // be pinned: a pin on any page of a huge page counts for all 512, and one on
                    // any page of a large folio (folio_maybe_dma_pinned: its _pincount) for all its pages
                    if (m.frames.pincount(pfn) > 0 || ((m.frames.maybePinned(pfn) || m.folios.maybePinned(pfn))
                            && (PageTable.writable(e) || src.exclusiveRo(i)))) {
                        int copyPfn = m.faultHandler.copyPage(pfn);
                        dst.setPte(i, PageTable.mkpte(copyPfn, PageTable.writable(e)));
                        pages++;
                        continue;
                    }
                    if (PageTable.writable(e)) {
                        src.setPte(i, PageTable.wrprotect(e));
                        flush = true;
                    }
                    src.clearExclusiveRo(i, i + 1);
                    dst.setPte(i, PageTable.wrprotect(e));
                    m.frames.map(pfn);
                    updates++;
                    pages++;
                }
            }
        } finally {
            if (m.config().rules().forkBatching() && !pins) {
                // copy_present_ptes with folio_pte_batch: a large folio's run of entries is one batch
                long saving = 0;
                for (long[] r : copy) {
                    saving += m.folios.batchSaving(dst, PageTables.pteIndex(r[0]), PageTables.pteIndex(r[1] - 1) + 1);
                }
                entries -= saving;
                updates -= saving;
            }
            // Also when a pinned page's copy ran out of memory: the counters match the entries made.
            m.work.entriesCopied += entries;
            m.work.pageUpdates += updates;
            // copy_present_pte: a file's page keeps its kind (RssFile), every other one is anonymous
            int files = src.filePages == 0 ? 0 : filePagesIn(m, dst, copy);
            child.rssAnon += pages - files;
            dst.anonPages += pages - files;
            child.rssFile += files;
            dst.filePages += files;
            if (flush) {
                m.work.tlbFlushes++;
            }
        }
    }
}
