package dev.cowpte.mm;

/**
 * The page-fault path ({@code handle_mm_fault}): checks the vma; at the pmd, a huge PMD or an
 * empty entry where a huge page may go is handled by {@link HugePmd} ({@code create_huge_pmd},
 * {@code wp_huge_pmd}), which may fall back to the PTE level; there it breaks a copy-on-write PTE
 * table through the policy that shared it, then the classic anonymous, shmem and write-protect
 * faults ({@code do_anonymous_page}, {@code do_shared_fault}, {@code do_wp_page}).
 */
final class FaultHandler {
    private final Machine m;
    private final RunFaults runFaults;

    FaultHandler(Machine m) {
        this.m = m;
        this.runFaults = new RunFaults(m);
    }

    /**
     * Makes one access to the page at {@code addr} succeed, faulting as needed, and returns the
     * pfn it reaches. A bad access kills the task and throws {@link SegmentationFault}.
     */
    int access(Mm mm, long addr, boolean write) {
        Vma vma = mm.findVma(addr);
        if (vma == null) {
            throw m.segv(mm, addr, "no mapping at this address");
        }
        if (write && !vma.writable) {
            throw m.segv(mm, addr, "write to a read-only mapping");
        }
        if (vma.hugetlb != null || vma.mshare != null) {
            throw new IllegalStateException("hugetlb and mshare memory go through Hugetlb and Mshare");
        }
        PageTable pmd = m.pageTables.pmdTable(mm, addr, true);
        int idx = PageTables.pmdIndex(addr);
        if (pmd.huge(idx) || (pmd.next[idx] == null && m.huge.eligible(vma, addr))) {
            int pfn = m.huge.access(mm, vma, pmd, idx, addr, write);
            if (pfn >= 0) {
                return pfn;
            }
        }
        int i = PageTables.pteIndex(addr);
        PageTable pte = pmd.next[idx];
        boolean faulted = false;
        if (pte != null && pmd.writeProtected(idx)) {
            int e = pte.pte(i);
            if (!write && PageTable.present(e)) {
                return PageTable.pfn(e);
            }
            faulted = true;
            // a file page never goes into a table a fork shared: the fault breaks it first
            if (pte.sharedBy.breaksOnFault(vma, write) || vma.fileBacked()) {
                pte = pte.sharedBy.breakShared(m, mm, pmd, idx);
                mm.faults.table++;
                m.faults.table++;
            } else {
                // A read of an empty entry: the zero page goes into the shared table.
                if (vma.shared) {
                    throw new IllegalStateException("shmem entries in a shared PTE table");
                }
                pte.setPte(i, PageTable.mkpte(FrameTable.ZERO_PFN, false));
                countFault(mm);
                mm.faults.zero++;
                m.faults.zero++;
                return FrameTable.ZERO_PFN;
            }
        }
        if (pte == null) {
            pte = m.pageTables.pteAlloc(mm, pmd, addr);
        }
        int e = pte.pte(i);
        if (!PageTable.present(e)) {
            countFault(mm);
            return faultEmpty(mm, vma, pte, i, addr, write);
        }
        if (write && !PageTable.writable(e)) {
            countFault(mm);
            return wpFault(mm, vma, pte, i, e);
        }
        if (faulted) {
            countFault(mm);
        }
        return PageTable.pfn(e);
    }

    /**
     * Accesses every page of [start, end) in order, as {@link #access} one page at a time would,
     * and with {@code store} writes {@code value} into each. Walks the tables once per 2 MiB
     * instead of once per page; a write-protected (shared) PTE table goes page by page through
     * {@link #access}. A bad page kills the task there, after the pages before it were done.
     */
    void accessRange(Mm mm, long start, long end, boolean write, boolean store, long value) {
        long a = start;
        while (a < end) {
            Vma vma = mm.findVma(a);
            if (vma == null || (write && !vma.writable)) {
                access(mm, a, write);
                throw new IllegalStateException("access did not fault at " + Long.toHexString(a));
            }
            if (vma.hugetlb != null) {
                long stop = Math.min(end, vma.end);
                m.hugetlb.accessRange(mm, vma, a, stop, write, store, value);
                a = stop;
                continue;
            }
            if (vma.mshare != null) {
                long stop = Math.min(end, vma.end);
                m.mshare.accessRange(mm, vma, a, stop, write, store, value);
                a = stop;
                continue;
            }
            if ((a & (Geometry.PUD_SIZE - 1)) == 0 && a + Geometry.PUD_SIZE <= Math.min(end, vma.end)
                    && runFaults.accessGiB(mm, vma, a, write, store, value)) {
                a += Geometry.PUD_SIZE;
                continue;
            }
            long chunkEnd = Math.min(Math.min(end, vma.end), Geometry.pmdDown(a) + Geometry.PMD_SIZE);
            PageTable pmd = m.pageTables.pmdTable(mm, a, true);
            int idx = PageTables.pmdIndex(a);
            PageTable pte = pmd.next[idx];
            if (pmd.huge(idx) || (pte == null && m.huge.eligible(vma, a))) {
                // the first page faults the huge page in (or splits, or falls back); then the
                // rest of a huge PMD that allows the access takes no fault
                int pfn = access(mm, a, write);
                if (store) {
                    m.frames.setValue(pfn, value);
                }
                a += Geometry.PAGE_SIZE;
                int e = pmd.hugeEntry(idx);
                if (pmd.huge(idx) && (!write || PageTable.writable(e))) {
                    if (store) {
                        for (; a < chunkEnd; a += Geometry.PAGE_SIZE) {
                            m.frames.setValue(PageTables.hugeLeafPfn(e, a), value);
                        }
                    }
                    a = chunkEnd;
                }
                continue;
            }
            if (pte != null && pmd.writeProtected(idx)) {
                for (; a < chunkEnd; a += Geometry.PAGE_SIZE) {
                    int pfn = access(mm, a, write);
                    if (store) {
                        m.frames.setValue(pfn, value);
                    }
                }
                continue;
            }
            if (pte == null) {
                pte = m.pageTables.pteAlloc(mm, pmd, a);
            }
            for (; a < chunkEnd; a += Geometry.PAGE_SIZE) {
                int i = PageTables.pteIndex(a);
                int e = pte.pte(i);
                int pfn;
                if (i == 0 && write && vma.shared && !vma.fileBacked() && chunkEnd - a == Geometry.PMD_SIZE
                        && runFaults.shmemFaultTable(mm, vma, pte, a, store ? value : 0)) {
                    a += Geometry.PMD_SIZE - Geometry.PAGE_SIZE;
                    continue;
                }
                if (!PageTable.present(e) && write && !vma.shared && !vma.fileBacked() && !m.anonFolio.anyAllowed(vma)) {
                    int run = anonFaultRun(mm, vma, pte, i, PageTables.pteIndex(chunkEnd - 1) + 1, store ? value : 0);
                    if (run > 0) {
                        a += (long) (run - 1) * Geometry.PAGE_SIZE;
                        continue;
                    }
                }
                if (!PageTable.present(e)) {
                    countFault(mm);
                    pfn = faultEmpty(mm, vma, pte, i, a, write);
                } else if (write && !PageTable.writable(e)) {
                    countFault(mm);
                    pfn = wpFault(mm, vma, pte, i, e);
                } else {
                    pfn = PageTable.pfn(e);
                }
                if (store) {
                    m.frames.setValue(pfn, value);
                }
            }
        }
    }

    /**
     * Write faults on the empty entries from {@code from} on (up to {@code to}), all at once: as
     * many {@code do_anonymous_page} calls would leave them. Returns how many pages it faulted
     * in, or 0 when the pages must go one by one (freed frames to reuse, or too little memory
     * left, so the fault that runs out is the one reported).
     */
    private int anonFaultRun(Mm mm, Vma vma, PageTable pte, int from, int to, long value) {
        int end = from;
        while (end < to && !PageTable.present(pte.pte(end))) {
            end++;
        }
        int n = end - from;
        if (n < 2 || !m.hasRoomFor(n)) {
            return 0;
        }
        int first = m.frames.allocMappedRun(n, value);
        if (first < 0) {
            return 0;
        }
        if (n == Geometry.PTRS_PER_TABLE && m.runs) {
            pte.mapBlock(first, true); // a whole table of faults: its entries follow the block
        } else {
            int[] w = pte.ptesForWrite();
            for (int k = 0; k < n; k++) {
                w[from + k] = PageTable.mkpte(first + k, true);
            }
        }
        mm.rssAnon += n;
        pte.anonPages += n;
        vma.anon.prepare();
        mm.faults.all += n;
        m.faults.all += n;
        return n;
    }

    private void countFault(Mm mm) {
        mm.faults.all++;
        m.faults.all++;
    }

    private int faultEmpty(Mm mm, Vma vma, PageTable pte, int i, long addr, boolean write) {
        if (vma.fileBacked()) {
            return fileFault(mm, vma, pte, i, addr, write);
        }
        if (vma.shared) {
            if (!write && m.config().faultAround()) {
                faultAround(mm, vma, pte, i, addr);
                if (PageTable.present(pte.pte(i))) {
                    return PageTable.pfn(pte.pte(i));
                }
            }
            int pfn = shmemPage(vma, addr);
            m.frames.map(pfn);
            mm.rssShmem++;
            pte.shmemPages++;
            pte.setPte(i, PageTable.mkpte(pfn, vma.writable));
            return pfn;
        }
        if (!write) {
            pte.setPte(i, PageTable.mkpte(FrameTable.ZERO_PFN, false));
            mm.faults.zero++;
            m.faults.zero++;
            return FrameTable.ZERO_PFN;
        }
        if (m.anonFolio.anyAllowed(vma)) {
            int pfn = m.anonFolio.fault(mm, vma, pte, i, addr);
            if (pfn >= 0) {
                return pfn;
            }
        }
        m.reservePages(1);
        int pfn = m.frames.alloc(0, false);
        m.frames.map(pfn);
        mm.rssAnon++;
        pte.anonPages++;
        vma.anon.prepare();
        pte.setPte(i, PageTable.mkpte(pfn, true));
        return pfn;
    }

    /**
     * A fault on an empty entry of a file mapping ({@code do_fault}): a read maps the cached page
     * read-only, with fault-around ({@code do_read_fault}); a write in a private mapping copies it
     * into a new anonymous page ({@code do_cow_fault}, the vma gets its anon_vma); a write in a
     * shared one maps the file's page writable ({@code do_shared_fault}). Read-only also in a shared
     * writable mapping: a disk file system asks to be told of the first write
     * ({@code vma_wants_writenotify}, {@code page_mkwrite}), which then takes a fault.
     */
    private int fileFault(Mm mm, Vma vma, PageTable pte, int i, long addr, boolean write) {
        if (!write) {
            if (m.config().faultAround()) {
                faultAround(mm, vma, pte, i, addr);
            }
            if (!PageTable.present(pte.pte(i))) {
                mapCachePage(mm, vma, pte, i, vma.shmem.pages.get(vma.shmemIndex(addr)), false);
            }
            return PageTable.pfn(pte.pte(i));
        }
        int page = vma.shmem.pages.get(vma.shmemIndex(addr));
        if (vma.shared) {
            mapCachePage(mm, vma, pte, i, page, true);
            return page;
        }
        int copy = copyPage(page);
        mm.rssAnon++;
        pte.anonPages++;
        vma.anon.prepare();
        pte.setPte(i, PageTable.mkpte(copy, true));
        return copy;
    }

    /** Entry {@code i} maps the page cache's {@code pfn}: mapcount and reference +1, and the rss of its kind. */
    private void mapCachePage(Mm mm, Vma vma, PageTable pte, int i, int pfn, boolean writable) {
        m.frames.map(pfn);
        if (vma.fileBacked()) {
            mm.rssFile++;
            pte.filePages++;
        } else {
            mm.rssShmem++;
            pte.shmemPages++;
        }
        pte.setPte(i, PageTable.mkpte(pfn, writable));
    }

    /** fault_around_bytes: 64 KiB unless changed through debugfs. */
    static final int FAULT_AROUND_PAGES = 16;

    /**
     * A read fault on shmem maps first the pages around it that are already in the page cache,
     * as {@code do_read_fault} calls {@code do_fault_around} (and shmem's
     * {@code filemap_map_pages}) before {@code shmem_fault}: the window is the
     * {@link #FAULT_AROUND_PAGES} entries aligned to their size that hold the faulting one,
     * clipped to the vma and the PTE table; empty entries whose page is cached get it (mapcount
     * +1, rss +1, writable as the vma is), all in this one fault. Pages never touched are not in
     * the cache and stay unmapped.
     */
    private void faultAround(Mm mm, Vma vma, PageTable pte, int i, long addr) {
        long vmaOff = (addr - vma.start) >>> Geometry.PAGE_SHIFT;
        long vmaPages = (vma.end - vma.start) >>> Geometry.PAGE_SHIFT;
        int from = Math.max(i & -FAULT_AROUND_PAGES, i - (int) Math.min(i, vmaOff));
        int to = (int) Math.min(Math.min(from + FAULT_AROUND_PAGES, Geometry.PTRS_PER_TABLE),
                i + vmaPages - vmaOff);
        for (int k = from; k < to; k++) {
            if (PageTable.present(pte.pte(k))) {
                continue;
            }
            Integer pfn = vma.shmem.pages.get(vma.shmemIndex(pte.base + ((long) k << Geometry.PAGE_SHIFT)));
            if (pfn != null) {
                // a file's page read-only: its first write takes a fault (write-notify, or a copy)
                mapCachePage(mm, vma, pte, k, pfn, vma.writable && !vma.fileBacked());
            }
        }
    }

    /** The frame of the shmem object behind {@code addr}, allocated (zeroed) on first use. */
    int shmemPage(Vma vma, long addr) {
        long index = vma.shmemIndex(addr);
        Integer pfn = vma.shmem.pages.get(index);
        if (pfn == null) {
            m.reservePages(1);
            pfn = m.frames.alloc(0, true);
            m.frames.get(pfn);
            vma.shmem.pages.put(index, pfn);
        }
        return pfn;
    }

    private int wpFault(Mm mm, Vma vma, PageTable pte, int i, int e) {
        int pfn = PageTable.pfn(e);
        if (vma.shared) {
            pte.setPte(i, e | PageTable.WRITE);
            return pfn;
        }
        if (m.frames.file(pfn)) {
            // wp_page_copy: a file's page in a private mapping is never reused, always copied
            int copy = copyPage(pfn);
            pte.setPte(i, PageTable.mkpte(copy, true));
            m.frames.unmap(pfn);
            mm.rssFile--;
            pte.filePages--;
            mm.rssAnon++;
            pte.anonPages++;
            vma.anon.prepare();
            mm.faults.cow++;
            m.faults.cow++;
            m.work.tlbFlushes++;
            return copy;
        }
        // wp_can_reuse_anon_folio: a small page mapped once; a page of a large folio when the
        // folio is exclusive to mm (LargeFolios.canReuse); else wp_page_copy copies this one page
        Folio folio = m.folios.folioOf(pfn);
        if (folio != null ? m.folios.canReuse(folio, mm, pte, i)
                : pfn != FrameTable.ZERO_PFN && m.frames.mapcount(pfn) == 1) {
            pte.setPte(i, e | PageTable.WRITE);
            return pfn;
        }
        int copy = copyPage(pfn);
        pte.setPte(i, PageTable.mkpte(copy, true));
        if (pfn == FrameTable.ZERO_PFN) {
            mm.rssAnon++;
            pte.anonPages++;
        } else {
            m.frames.unmap(pfn);
            // a page a fork left shared: the copy is work that fork deferred
            m.deferred.pagesCopied++;
            m.deferred.tlbFlushes++;
        }
        vma.anon.prepare();
        mm.faults.cow++;
        m.faults.cow++;
        m.work.tlbFlushes++;
        return copy;
    }

    /** A new frame holding the same value as {@code pfn}, mapped once. */
    int copyPage(int pfn) {
        m.reservePages(1);
        int copy = m.frames.alloc(m.frames.value(pfn), false);
        m.frames.map(copy);
        m.work.pagesCopied++;
        return copy;
    }

    /**
     * Makes the page at {@code addr} exclusive to mm for a long-term pin, as GUP with
     * FOLL_LONGTERM does: a write fault in a writable mapping, an unshare in a read-only one.
     */
    int faultForPin(Mm mm, long addr) {
        Vma vma = mm.findVma(addr);
        if (vma == null) {
            throw new MmError(String.format("cannot pin %#x: not mapped", addr));
        }
        if (vma.writable) {
            return access(mm, addr, true);
        }
        access(mm, addr, false);
        PageTable pmd = m.pageTables.pmdTable(mm, addr, false);
        int idx = PageTables.pmdIndex(addr);
        if (pmd.huge(idx) && m.huge.wpFault(mm, vma, pmd, idx, true)) {
            // FAULT_FLAG_UNSHARE on a huge PMD: the page is exclusive now, or was split
            return PageTables.hugeLeafPfn(pmd.hugeEntry(idx), addr);
        }
        if (pmd.writeProtected(idx)) {
            pmd.next[idx].sharedBy.breakShared(m, mm, pmd, idx);
        }
        PageTable pte = pmd.next[idx];
        int i = PageTables.pteIndex(addr);
        int e = pte.pte(i);
        int pfn = PageTable.pfn(e);
        if (!vma.shared && (pfn == FrameTable.ZERO_PFN || m.frames.file(pfn) || m.frames.mapcount(pfn) > 1)) {
            int copy = copyPage(pfn);
            pte.setPte(i, PageTable.mkpte(copy, false));
            pte.setExclusiveRo(i);
            if (pfn == FrameTable.ZERO_PFN) {
                mm.rssAnon++;
                pte.anonPages++;
            } else if (m.frames.file(pfn)) {
                m.frames.unmap(pfn);
                mm.rssFile--;
                pte.filePages--;
                mm.rssAnon++;
                pte.anonPages++;
            } else {
                m.frames.unmap(pfn);
                m.deferred.pagesCopied++;
            }
            vma.anon.prepare();
            return copy;
        }
        if (!vma.shared) {
            pte.setExclusiveRo(i); // the unshare reuses the page and marks it exclusive
        }
        return pfn;
    }
}
