package dev.cowpte.mm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Read-only views of the machine, cheap enough to take after every statement. */
public final class Inspector {
    private final Machine m;

    Inspector(Machine m) {
        this.m = m;
    }

    /** The walk of {@code addr} in mm: pgd, (p4d), pud, pmd, PTE table, entry. */
    /** The large folio (below 2 MiB) that holds {@code pfn}, or null. */
    private PageWalk.FolioInfo folio(int pfn) {
        Folio f = m.folios.folioOf(pfn);
        if (f == null) {
            return null;
        }
        m.folios.settle();
        return new PageWalk.FolioInfo(MthpSettings.bytes(f.order), f.indexOf(pfn), f.pfns[0], f.deferredSplit);
    }

    /**
     * The id of the PTE table that maps {@code addr} in mm, or -1 when none: a table of a run is
     * named by the run ({@link TableRun}: ids in order), without making it, as a walk would.
     */
    public long pteTableId(Mm mm, long addr) {
        PageTable pmd = m.pageTables.pmdTableHoldingRun(mm, addr);
        if (pmd != null) {
            return pmd.run().idBase + PageTables.pmdIndex(addr);
        }
        PageWalk.TableStep t = walk(mm, addr).pteTable();
        return t == null ? -1 : t.id();
    }

    public PageWalk walk(Mm mm, long addr) {
        List<PageWalk.TableStep> steps = new ArrayList<>();
        int levels = m.config().levels();
        PageTable t = mm.pgd;
        boolean wp = false;
        int index = 0;
        PageWalk.PteInfo info = null;
        PageWalk.HugeInfo huge = null;
        PageWalk.HugetlbInfo hugetlb = null;
        Vma hv = mm.alive ? mm.findVma(addr) : null;
        HugePageSize hsize = hv == null ? null : hv.hugetlbSize();
        while (t != null) {
            int i = PageTables.index(t.level, addr, levels);
            steps.add(new PageWalk.TableStep(t.level, t.id, index, t.refcount,
                    t.sharerComms(), wp,
                    t.owner == null ? null : t.owner.comm, t.sharedBy));
            if (hsize != null && t.level == hsize.leafLevel()) {
                Hugetlb.Leaf[] ls = m.hugetlb.leavesOf(t);
                Hugetlb.Leaf l = ls == null ? null : ls[i];
                hugetlb = l == null
                        ? new PageWalk.HugetlbInfo(hsize.label(), t.level, i, false, 0, hv.shared, false, 0, 0, 0)
                        : new PageWalk.HugetlbInfo(hsize.label(), t.level, i, true, l.folio().id, !l.folio().anon,
                                l.writable(), l.folio().mapcount, l.folio().refcount,
                                l.folio().value(addr & (hsize.bytes() - 1)));
                break;
            }
            if (t.level == Level.PMD && t.huge(i)) {
                int e = t.hugeEntry(i);
                int first = PageTable.hugePfn(e);
                boolean zero = first == FrameTable.ZERO_PFN;
                int pfn = PageTables.hugeLeafPfn(e, addr);
                huge = new PageWalk.HugeInfo(first, zero, zero ? 0 : m.frames.pmdMapcount(first), t.depositId(i));
                info = new PageWalk.PteInfo(true, PageTable.writable(e), zero, pfn, m.frames.value(pfn),
                        zero ? 0 : m.frames.mapcount(pfn), zero ? 0 : m.frames.refcount(pfn),
                        zero ? 0 : m.frames.pincount(pfn), false);
                break;
            }
            if (t.level == Level.PTE) {
                int e = t.pte(i);
                if (PageTable.present(e)) {
                    int pfn = PageTable.pfn(e);
                    boolean zero = pfn == FrameTable.ZERO_PFN;
                    info = new PageWalk.PteInfo(true, PageTable.writable(e), zero, pfn, m.frames.value(pfn),
                            zero ? 0 : m.frames.mapcount(pfn), zero ? 0 : m.frames.refcount(pfn),
                            zero ? 0 : m.frames.pincount(pfn), !zero && m.frames.shmem(pfn),
                            !zero && m.frames.file(pfn), folio(pfn));
                } else {
                    info = new PageWalk.PteInfo(false, false, false, -1, 0, 0, 0, 0, false);
                }
                break;
            }
            wp = t.writeProtected(i);
            index = i;
            t = t.below(i);
        }
        ForkPolicy pendingBy = null;
        if (info == null && mm.alive) {
            for (DeferredWork w : mm.deferredWork()) {
                if (w.tableFor(mm, addr) != null) {
                    pendingBy = w.policy();
                    break;
                }
            }
        }
        return new PageWalk(mm.comm, addr, mm.alive ? VmaInfo.of(mm.findVma(addr)) : null, steps, info, pendingBy,
                huge, hugetlb);
    }

    /** Whether a huge PMD maps {@code addr} in mm (the huge zero page included). */
    public boolean huge(Mm mm, long addr) {
        if (!mm.alive) {
            return false;
        }
        if (m.pageTables.pmdTableHoldingRun(mm, addr) != null) {
            return false; // a run of PTE tables: no huge PMD
        }
        PageTable pmd = m.pageTables.pmdTable(mm, addr, false);
        return pmd != null && pmd.huge(PageTables.pmdIndex(addr));
    }

    /** Refcount of the PTE table that maps {@code addr} in mm: the address spaces that use it; 0 if none. */
    public int pteRefcount(Mm mm, long addr) {
        PageTable run = mm.alive ? m.pageTables.pmdTableHoldingRun(mm, addr) : null;
        if (run != null) {
            return run.run().refcount(); // each table of a run is reached by the run's sharers
        }
        PageTable pte = mm.alive ? m.pageTables.pte(mm, addr) : null;
        return pte == null ? 0 : pte.refcount;
    }

    /** Mapcount of the page mapped at {@code addr} in mm; 0 when no page or the zero page. */
    public int mapcount(Mm mm, long addr) {
        int pfn = mm.alive ? m.pageTables.leafPfn(mm, addr) : -1;
        return pfn <= FrameTable.ZERO_PFN ? 0 : m.frames.mapcount(pfn);
    }

    /** Whether {@code a} and {@code b} reach {@code addr} through the very same PTE table. */
    public boolean sameTable(Mm a, Mm b, long addr) {
        if (!a.alive || !b.alive) {
            return false;
        }
        PageTable ra = m.pageTables.pmdTableHoldingRun(a, addr);
        PageTable rb = m.pageTables.pmdTableHoldingRun(b, addr);
        if (ra != null || rb != null) {
            // a run is made in every sharer at once: the same table only when both hold the same run
            return ra != null && rb != null && ra.run() == rb.run();
        }
        PageTable ta = m.pageTables.pte(a, addr);
        return ta != null && ta == m.pageTables.pte(b, addr);
    }

    /** The names of the regions (vmas) of mm over [start, end), in address order, each once. */
    public List<String> regionsIn(Mm mm, long start, long end) {
        List<String> out = new ArrayList<>();
        for (Vma v : mm.vmasIn(start, end)) {
            if (!out.contains(v.name)) {
                out.add(v.name);
            }
        }
        return out;
    }

    /** How many pages in [start, end) mm holds long-term pins on ({@code pin_user_pages(FOLL_LONGTERM)}). */
    public int pinnedPages(Mm mm, long start, long end) {
        return mm.pins.subMap(start >>> Geometry.PAGE_SHIFT, end >>> Geometry.PAGE_SHIFT).size();
    }

    /**
     * The pages in [start, end) that {@code parent} has pinned and that fork copied into
     * {@code child} because of the pin: pages of private mappings the child inherited with their
     * contents (not dontfork, not wipeonfork). {@code copy_present_ptes} copies such a page
     * ({@code folio_try_dup_anon_rmap_ptes} fails when {@code folio_needs_cow_for_dma}), and a
     * design that shares PTE tables at fork copies the table holding it.
     *
     * @return {pages, PTE tables holding them}
     */
    public int[] pinnedPagesCopiedAtFork(Mm parent, Mm child, long start, long end) {
        int pages = 0;
        int tables = 0;
        long lastTable = -1;
        for (long vpn : parent.pins.subMap(start >>> Geometry.PAGE_SHIFT, end >>> Geometry.PAGE_SHIFT).keySet()) {
            long addr = vpn << Geometry.PAGE_SHIFT;
            Vma v = child.findVma(addr);
            if (v == null || v.shared || v.wipeonfork) {
                continue;
            }
            pages++;
            long table = addr >>> Geometry.PMD_SHIFT;
            if (table != lastTable) {
                tables++;
                lastTable = table;
            }
        }
        return new int[] {pages, tables};
    }

    /**
     * The pages mm maps by PTEs over [start, end) that belong to large folios (multi-size THP),
     * by folio size, smallest first; empty when the range maps none (small pages, huge PMDs).
     * Reads the tables only: a run of tables maps small pages and is not made.
     */
    public List<LargeFolioPages> largeFolioPages(Mm mm, long start, long end) {
        if (!mm.alive || !m.folios.any()) {
            return List.of();
        }
        m.folios.settle();
        TreeMap<Integer, long[]> pages = new TreeMap<>();
        Map<Integer, Set<Folio>> folios = new HashMap<>();
        m.pageTables.forEachPmd(mm, start, end, (pmd, idx, s, e) -> {
            PageTable pte = pmd.next[idx];
            if (pte == null) {
                return; // a huge PMD
            }
            for (int i = PageTables.pteIndex(s); i <= PageTables.pteIndex(e - 1); i++) {
                int entry = pte.pte(i);
                if (!PageTable.present(entry)) {
                    continue;
                }
                Folio f = m.folios.folioOf(PageTable.pfn(entry));
                if (f != null) {
                    pages.computeIfAbsent(f.order, o -> new long[1])[0]++;
                    folios.computeIfAbsent(f.order, o -> new HashSet<>()).add(f);
                }
            }
        }, pmd -> {
            // a run maps blocks of small pages: never a large folio's
        });
        List<LargeFolioPages> out = new ArrayList<>();
        pages.forEach((order, n) -> out.add(new LargeFolioPages(MthpSettings.bytes(order), n[0],
                folios.get(order).size())));
        return out;
    }

    /** The process's page-table tree, PTE tables condensed into runs of alike neighbours. */
    public PageTableTree tree(Mm mm) {
        List<PageTableTree.Node> nodes = new ArrayList<>();
        if (mm.alive) {
            addTable(nodes, mm, mm.pgd, 0, 0, false);
        }
        return new PageTableTree(mm.comm, nodes);
    }

    private void addTable(List<PageTableTree.Node> out, Mm mm, PageTable t, long parentId, int index, boolean wp) {
        int levels = m.config().levels();
        out.add(node(t, parentId, index, 1, wp, t.span(levels), present(t)));
        Hugetlb.Leaf[] hugetlb = m.hugetlb.leavesOf(t);
        if (hugetlb != null) {
            addHugetlbRuns(out, t, hugetlb);
        }
        if (t.level == Level.PMD) {
            addPteRuns(out, mm, t);
            if (t.hugeCount > 0) {
                addHugeRuns(out, t);
            }
            return;
        }
        for (int i = 0; i < t.next.length; i++) {
            PageTable below = t.next[i];
            if (below != null && below.hasRun()) {
                addRun(out, below, t.id, i, t.writeProtected(i));
            } else if (below != null) {
                addTable(out, mm, t.below(i), t.id, i, t.writeProtected(i));
            }
        }
    }

    /**
     * A PMD table whose PTE tables are a run, without making them: the 512 tables are alike
     * (the same sharers, owner and policy, none pinned, each mapping a block whole), so
     * {@link #addPteRuns} would condense them into the one node this adds.
     */
    private void addRun(List<PageTableTree.Node> out, PageTable pmd, long parentId, int index, boolean wp) {
        int levels = m.config().levels();
        out.add(node(pmd, parentId, index, 1, wp, pmd.span(levels), present(pmd)));
        TableRun run = pmd.run();
        int n = Geometry.PTRS_PER_TABLE;
        out.add(new PageTableTree.Node(Level.PTE, run.idBase, pmd.id, 0, n, pmd.base, n * Geometry.PMD_SIZE,
                run.refcount(), run.sharerComms(), run.writeProtected(), run.owner == null ? null : run.owner.comm,
                run.sharedBy, (long) n * Geometry.PTRS_PER_TABLE));
    }

    /**
     * Runs of neighbouring PTE tables alike in sharing; private ones also alike in holding pinned
     * pages or not, so a drawing shows where the pins are. A shared table is never split on what
     * one sharer has (its pins, its vmas): every sharer sees the same runs, and so does a drawing.
     */
    private void addPteRuns(List<PageTableTree.Node> out, Mm mm, PageTable pmd) {
        int i = 0;
        while (i < pmd.next.length) {
            PageTable first = pmd.next[i];
            if (first == null) {
                i++;
                continue;
            }
            boolean wp = pmd.writeProtected(i);
            int j = i + 1;
            long pages = present(first);
            boolean pinned = first.refcount == 1 && mm.pinsIn(first.base, first.base + Geometry.PMD_SIZE);
            while (j < pmd.next.length && pmd.next[j] != null && alike(first, wp, pmd.next[j], pmd.writeProtected(j))
                    && (first.refcount > 1
                    || pinned == mm.pinsIn(pmd.next[j].base, pmd.next[j].base + Geometry.PMD_SIZE))) {
                pages += present(pmd.next[j]);
                j++;
            }
            out.add(node(first, pmd.id, i, j - i, wp, (j - i) * Geometry.PMD_SIZE, pages));
            i = j;
        }
    }

    /** Runs of neighbouring huge PMDs alike: writable or not, the huge zero page or not. */
    private void addHugeRuns(List<PageTableTree.Node> out, PageTable pmd) {
        int i = 0;
        List<String> comms = pmd.sharerComms();
        while (i < Geometry.PTRS_PER_TABLE) {
            if (!pmd.huge(i)) {
                i++;
                continue;
            }
            int e = pmd.hugeEntry(i);
            boolean zero = PageTable.hugePfn(e) == FrameTable.ZERO_PFN;
            int j = i + 1;
            while (j < Geometry.PTRS_PER_TABLE && pmd.huge(j)
                    && PageTable.writable(pmd.hugeEntry(j)) == PageTable.writable(e)
                    && (PageTable.hugePfn(pmd.hugeEntry(j)) == FrameTable.ZERO_PFN) == zero) {
                j++;
            }
            out.add(new PageTableTree.Node(Level.PTE, pmd.depositId(i), pmd.id, i, j - i,
                    pmd.addressOf(i, m.config().levels()), (j - i) * Geometry.PMD_SIZE, 1, comms,
                    !PageTable.writable(e), null, null, zero ? 0 : (long) (j - i) * Geometry.PTRS_PER_TABLE, true));
            i = j;
        }
    }

    /**
     * Runs of neighbouring hugetlb entries of a pmd table (2 MiB pages) or pud table (1 GiB), alike
     * in being writable or not: leaves drawn as huge PMDs are, one level below the table, the id
     * of each run its first page's.
     */
    private void addHugetlbRuns(List<PageTableTree.Node> out, PageTable t, Hugetlb.Leaf[] ls) {
        long pageBytes = t.level == Level.PUD ? Geometry.PUD_SIZE : Geometry.PMD_SIZE;
        List<String> comms = t.sharerComms();
        int i = 0;
        while (i < ls.length) {
            if (ls[i] == null) {
                i++;
                continue;
            }
            boolean writable = ls[i].writable();
            int j = i + 1;
            while (j < ls.length && ls[j] != null && ls[j].writable() == writable) {
                j++;
            }
            out.add(new PageTableTree.Node(t.level == Level.PUD ? Level.PMD : Level.PTE, ls[i].folio().id, t.id, i,
                    j - i, t.addressOf(i, m.config().levels()), (j - i) * pageBytes, 1, comms, !writable, null, null,
                    (j - i) * (pageBytes >>> Geometry.PAGE_SHIFT), true));
            i = j;
        }
    }

    private static boolean alike(PageTable a, boolean wpA, PageTable b, boolean wpB) {
        return wpA == wpB && a.refcount == b.refcount && a.owner == b.owner && a.sharedBy == b.sharedBy
                && a.sameSharers(b);
    }

    private static long present(PageTable t) {
        return t.anonPages + t.shmemPages + t.filePages;
    }

    private PageTableTree.Node node(PageTable t, long parentId, int index, int count, boolean wp, long span,
                                    long pages) {
        return new PageTableTree.Node(t.level, t.id, parentId, index, count, t.base, span, t.refcount,
                t.sharerComms(), wp, t.owner == null ? null : t.owner.comm,
                t.sharedBy, pages);
    }

    public MmSummary summary(Mm mm) {
        int[] shared = {0};
        if (mm.alive) {
            m.pageTables.forEachPmd(mm, 0, Geometry.taskSize(m.config().levels()), (pmd, idx, s, e) -> {
                PageTable pte = pmd.next[idx];
                if (pte != null && pte.refcount > 1) {
                    shared[0]++;
                }
            }, pmd -> {
                // the 512 tables of a run, shared when a policy's fork shared it
                if (pmd.run().refcount() > 1) {
                    shared[0] += Geometry.PTRS_PER_TABLE;
                }
            });
        }
        int pending = 0;
        if (mm.alive) {
            for (DeferredWork w : mm.deferredWork()) {
                pending += w.pendingTables(mm);
            }
        }
        // a walk through an mshare region's pgd entry reaches the host's pmd and PTE tables too
        Map<Level, Integer> reached = new java.util.EnumMap<>(mm.reached());
        if (mm.alive) {
            m.mshare.reachedThroughLinks(mm).forEach((level, n) -> reached.merge(level, n, Integer::sum));
        }
        return new MmSummary(mm.comm, mm.pid, mm.alive, mm.rssAnon, mm.rssShmem, mm.rssFile, mm.pgtablesBytes,
                java.util.Map.copyOf(reached), shared[0], pending,
                mm.faults.snapshot(), mm.vmas.values().stream().map(VmaInfo::of).toList(), mm.anonHuge,
                mm.hugetlbBytes());
    }

    /**
     * The page tables of the machine and of each live process by the mechanism that shares them
     * (a fork policy, hugetlb PMD sharing, mshare, or none), and what the same processes would
     * hold with no sharing: see {@link TableSharing}. Walks every live process's tables; counts a
     * run of tables without making it.
     */
    public TableSharing tableSharing() {
        return TableSharing.of(m);
    }

    /** {@link #tableSharing()} of one process; for an exited one, no tables. */
    public TableSharing.Process tableSharing(Mm mm) {
        return TableSharing.of(m, mm);
    }

    public MachineSummary summary() {
        return new MachineSummary(m.config(), m.mms.stream().filter(x -> x.alive).map(x -> x.comm).toList(),
                m.frames.used(), m.tableCounts(), m.pageTablesBytes(), m.memoryInUse(), m.faults(), m.work(),
                m.frames.pmdMappedHugePages());
    }
}
