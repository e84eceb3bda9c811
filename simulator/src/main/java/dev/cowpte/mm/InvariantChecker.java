package dev.cowpte.mm;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's invariants, checked against a full walk of every address space: table
 * refcounts, frame mapcounts and references, rss and pgtables_bytes, pins, and nothing left
 * once every process has exited. A violation is a simulator bug.
 */
final class InvariantChecker {
    private final Machine m;
    private final List<String> violations = new ArrayList<>();
    private final IdentityHashMap<PageTable, List<Mm>> pointers = new IdentityHashMap<>();
    private final Map<Integer, long[]> expected = new HashMap<>();
    /** Huge PMDs found, and per 2 MiB page (its first pfn) how many map it. */
    private int hugePmds;
    private final Map<Integer, Integer> hugeMaps = new HashMap<>();

    InvariantChecker(Machine m) {
        this.m = m;
    }

    List<String> check() {
        for (Mm host : m.mshare.hosts()) {
            checkMm(host);
        }
        for (Mm mm : m.mms) {
            if (mm.alive) {
                checkMm(mm);
            } else if (mm.rss() != 0 || mm.pgtablesBytes != 0) {
                fail("Bad rss-counter state: exited %s has rss %d pages, pgtables_bytes %d", mm, mm.rss(),
                        mm.pgtablesBytes);
            }
        }
        checkTableRefcounts();
        checkHugePages();
        checkFrames();
        checkPins();
        checkHugetlb();
        boolean anyAlive = m.mms.stream().anyMatch(x -> x.alive);
        if (!anyAlive && (m.frames.used() != m.filePages() || m.totalTables() != 0)) {
            fail("every process has exited but %d frames and %d tables are left (files hold %d)", m.frames.used(),
                    m.totalTables(), m.filePages());
        }
        return violations;
    }

    private void fail(String fmt, Object... args) {
        violations.add(String.format(fmt, args));
    }

    private void checkMm(Mm mm) {
        for (DeferredWork w : mm.deferredWork()) {
            w.check(mm, violations);
        }
        long[] rss = {0, 0, 0};
        long[] pgtables = {0};
        EnumMap<Level, Integer> reached = new EnumMap<>(Level.class);
        long hugeBefore = hugeAnon;
        walk(mm, mm.pgd, null, 0, rss, pgtables, reached);
        if (hugeAnon - hugeBefore != mm.anonHuge) {
            fail("%s counts %d huge PMDs of anonymous pages but its tables hold %d", mm, mm.anonHuge,
                    hugeAnon - hugeBefore);
        }
        if (rss[0] != mm.rssAnon || rss[1] != mm.rssShmem || rss[2] != mm.rssFile) {
            fail("%s rss counters anon %d shmem %d file %d, but its tables carry anon %d shmem %d file %d", mm,
                    mm.rssAnon, mm.rssShmem, mm.rssFile, rss[0], rss[1], rss[2]);
        }
        if (pgtables[0] != mm.pgtablesBytes) {
            fail("%s pgtables_bytes is %d, but its tables account for %d", mm, mm.pgtablesBytes, pgtables[0]);
        }
        for (Level l : Level.values()) {
            int walked = reached.getOrDefault(l, 0);
            if (walked != mm.tables(l)) {
                fail("%s reaches %d %s tables, its counter says %d", mm, walked, l.label(), mm.tables(l));
            }
        }
    }

    private void walk(Mm mm, PageTable t, PageTable parent, int idx, long[] rss, long[] pgtables,
                      EnumMap<Level, Integer> reached) {
        pointers.computeIfAbsent(t, k -> new ArrayList<>()).add(mm);
        reached.merge(t.level, 1, Integer::sum);
        if (t.level == Level.PUD && parent != null && parent == mm.pgd && m.mshare.isHostTable(t)
                && !m.mshare.hosts().contains(mm)) {
            return; // an mshare host's table: the host's walk counts it and what it maps
        }
        if (t.level == Level.PTE) {
            boolean wp = parent.writeProtected(idx);
            if (wp && t.sharedBy == null) {
                fail("%s: pmd entry for %s is write-protected but no policy shared the table", mm, t.label());
            }
            if (PageTables.accounts(mm, parent, idx)) {
                pgtables[0] += Geometry.PAGE_SIZE;
                for (int e : t.ptesCopy()) {
                    if (PageTable.present(e) && PageTable.pfn(e) != FrameTable.ZERO_PFN) {
                        int pfn = PageTable.pfn(e);
                        rss[m.frames.shmem(pfn) ? 1 : m.frames.file(pfn) ? 2 : 0]++;
                    }
                }
            }
            return;
        }
        if (t.level == Level.PUD || t.level == Level.PMD) {
            pgtables[0] += Geometry.PAGE_SIZE;
        }
        if (t.level == Level.PMD) {
            walkHuge(mm, t, rss, pgtables);
        }
        for (int i = 0; i < t.next.length; i++) {
            if (t.next[i] != null) {
                walk(mm, t.below(i), t, i, rss, pgtables, reached);
            }
        }
    }

    private long hugeAnon;

    /**
     * The huge PMDs of a pmd table: each carries one deposited table (in pgtables_bytes, whatever
     * the policy), and an anonymous one 512 pages of rss and one mapping and reference of each
     * of its page's 512 frames. None lies outside a vma that allows it, and no entry is both.
     */
    private void walkHuge(Mm mm, PageTable pmd, long[] rss, long[] pgtables) {
        int seen = 0;
        for (int i = 0; i < Geometry.PTRS_PER_TABLE; i++) {
            if (!pmd.huge(i)) {
                continue;
            }
            seen++;
            hugePmds++;
            if (pmd.next[i] != null) {
                fail("%s: %s entry %d is huge and points to a PTE table", mm, pmd.label(), i);
            }
            pgtables[0] += Geometry.PAGE_SIZE;
            long base = pmd.addressOf(i, m.config().levels());
            Vma v = mm.findVma(base);
            if (v == null || v.shared || v.start > base || v.end < base + Geometry.PMD_SIZE) {
                fail("%s: a huge PMD at %#x lies outside a private vma covering its 2 MiB", mm, base);
            }
            int e = pmd.hugeEntry(i);
            int first = PageTable.hugePfn(e);
            if (PageTable.writable(e) && (v == null || !v.writable)) {
                fail("%s: a writable huge PMD at %#x in a read-only vma", mm, base);
            }
            if (first == FrameTable.ZERO_PFN) {
                if (PageTable.writable(e)) {
                    fail("%s: the huge zero page is mapped writable at %#x", mm, base);
                }
                continue;
            }
            if (!PageTable.writable(e) && PageTable.hugeExclusive(e) && m.frames.mapcount(first) != 1) {
                fail("%s: the read-only huge PMD at %#x is marked exclusive but its page is mapped %d times", mm,
                        base, m.frames.mapcount(first));
            }
            hugeAnon++;
            rss[0] += Geometry.PTRS_PER_TABLE;
            hugeMaps.merge(first, 1, Integer::sum);
            for (int pfn = first; pfn < first + Geometry.PTRS_PER_TABLE; pfn++) {
                long[] x = expected.computeIfAbsent(pfn, k -> new long[2]);
                x[0]++;
                x[1]++;
            }
        }
        if (seen != pmd.hugeCount) {
            fail("%s counts %d huge entries but holds %d", pmd.label(), pmd.hugeCount, seen);
        }
    }

    /** Each 2 MiB page's count of huge PMDs against the entries found; the machine's AnonHugePages. */
    private void checkHugePages() {
        for (Map.Entry<Integer, Integer> h : hugeMaps.entrySet()) {
            if (m.frames.pmdMapcount(h.getKey()) != h.getValue()) {
                fail("the 2 MiB page at pfn %d counts %d huge PMDs but %d map it", h.getKey(),
                        m.frames.pmdMapcount(h.getKey()), h.getValue());
            }
            if ((h.getKey() & (Geometry.PTRS_PER_TABLE - 1)) != 1) {
                fail("a huge PMD maps pfn %d, which does not start a 2 MiB page", h.getKey());
            }
        }
        if (m.frames.pmdMappedHugePages() != hugeMaps.size()) {
            fail("the machine counts %d PMD-mapped 2 MiB pages but %d are mapped", m.frames.pmdMappedHugePages(),
                    hugeMaps.size());
        }
    }

    private void checkTableRefcounts() {
        int[] perLevel = new int[Level.values().length];
        for (Map.Entry<PageTable, List<Mm>> e : pointers.entrySet()) {
            PageTable t = e.getKey();
            perLevel[t.level.ordinal()]++;
            if (t.refcount != e.getValue().size()) {
                fail("%s has refcount %d but %d upper entries point to it", t.label(), t.refcount, e.getValue().size());
            }
            if (!t.sharers().containsAll(e.getValue()) || t.sharers().size() != e.getValue().size()) {
                fail("%s lists sharers %s but is reached by %s", t.label(), t.sharers(), e.getValue());
            }
            if (t.level == Level.PTE) {
                int anon = 0;
                int shmem = 0;
                int file = 0;
                for (int pte : t.ptesCopy()) {
                    if (PageTable.present(pte) && PageTable.pfn(pte) != FrameTable.ZERO_PFN) {
                        if (m.frames.shmem(PageTable.pfn(pte))) {
                            shmem++;
                        } else if (m.frames.file(PageTable.pfn(pte))) {
                            file++;
                        } else {
                            anon++;
                        }
                    }
                }
                if (anon != t.anonPages || shmem != t.shmemPages || file != t.filePages) {
                    fail("%s counts %d anon, %d shmem and %d file pages but maps %d, %d and %d", t.label(),
                            t.anonPages, t.shmemPages, t.filePages, anon, shmem, file);
                }
                for (int i = 0; i < Geometry.PTRS_PER_TABLE; i++) {
                    int pte = t.pte(i);
                    if (t.exclusiveRo(i) && (!PageTable.present(pte) || PageTable.writable(pte) || t.refcount != 1
                            || PageTable.pfn(pte) == FrameTable.ZERO_PFN || m.frames.pageCache(PageTable.pfn(pte))
                            || m.frames.mapcount(PageTable.pfn(pte)) != 1)) {
                        fail("%s entry %d is marked exclusive read-only but is not a read-only anonymous page "
                                + "mapped once by a private table", t.label(), i);
                    }
                }
                int contrib = t.sharedBy != null && t.sharedBy.mapcountPerSharer() ? t.refcount : 1;
                for (int pte : t.ptesCopy()) {
                    if (PageTable.present(pte) && PageTable.pfn(pte) != FrameTable.ZERO_PFN) {
                        long[] x = expected.computeIfAbsent(PageTable.pfn(pte), k -> new long[2]);
                        x[0] += contrib;
                        x[1] += contrib;
                    }
                }
            }
        }
        // every huge PMD holds one deposited PTE table, reached by no walk
        perLevel[Level.PTE.ordinal()] += hugePmds;
        int sum = 0;
        for (int c : perLevel) {
            sum += c;
        }
        if (sum != m.totalTables()) {
            fail("the machine counts %d tables in all but %d are reachable", m.totalTables(), sum);
        }
        for (Level l : Level.values()) {
            if (perLevel[l.ordinal()] != m.tables(l)) {
                fail("the machine counts %d %s tables but %d are reachable", m.tables(l), l.label(),
                        perLevel[l.ordinal()]);
            }
        }
    }

    private void checkFrames() {
        IdentityHashMap<Shmem, Boolean> seen = new IdentityHashMap<>();
        for (Shmem file : m.files.values()) {
            seen.put(file, true);
            file.pages.forEachPfn(pfn -> expected.computeIfAbsent(pfn, k -> new long[2])[1]++);
        }
        List<Mm> all = new ArrayList<>(m.mshare.hosts());
        all.addAll(m.mms);
        for (Mm mm : all) {
            if (!mm.alive) {
                continue;
            }
            for (Vma v : mm.vmas.values()) {
                if (v.shared && seen.put(v.shmem, true) == null) {
                    v.shmem.pages.forEachPfn(pfn -> expected.computeIfAbsent(pfn, k -> new long[2])[1]++);
                }
            }
            for (int[] pin : mm.pins.values()) {
                expected.computeIfAbsent(pin[0], k -> new long[2])[1] += pin[1];
            }
        }
        int counted = 0;
        for (int pfn = 1; pfn < m.frames.limit(); pfn++) {
            if (!m.frames.allocated(pfn)) {
                if (expected.containsKey(pfn)) {
                    fail("pfn %d is mapped or pinned but free", pfn);
                }
                continue;
            }
            counted++;
            long[] x = expected.getOrDefault(pfn, new long[2]);
            if (m.frames.mapcount(pfn) != x[0]) {
                fail("pfn %d has mapcount %d, its mappings say %d", pfn, m.frames.mapcount(pfn), x[0]);
            }
            if (m.frames.refcount(pfn) != x[1]) {
                fail("pfn %d has refcount %d, its mappings, page cache and pins say %d", pfn,
                        m.frames.refcount(pfn), x[1]);
            }
        }
        if (counted != m.frames.used()) {
            fail("%d frames are allocated but the frame counter says %d", counted, m.frames.used());
        }
    }

    /**
     * Each hugetlb folio's mapcount equals the entries that map it (a shared pmd table's once,
     * whoever shares it) and its refcount those plus one for a shared file's page cache; each
     * pool's pages in use are the folios alive; a hugetlb entry lies in a hugetlb vma of its size
     * in every mm that reaches its table.
     */
    private void checkHugetlb() {
        IdentityHashMap<HugetlbFolio, long[]> folios = new IdentityHashMap<>();
        for (Map.Entry<PageTable, Hugetlb.Leaf[]> e : m.hugetlb.allLeaves().entrySet()) {
            PageTable t = e.getKey();
            List<Mm> reachedBy = pointers.get(t);
            if (reachedBy == null) {
                fail("%s holds hugetlb entries but no live process reaches it", t.label());
                continue;
            }
            Hugetlb.Leaf[] ls = e.getValue();
            for (int i = 0; i < ls.length; i++) {
                if (ls[i] == null) {
                    continue;
                }
                HugetlbFolio f = ls[i].folio();
                folios.computeIfAbsent(f, k -> new long[1])[0]++;
                long addr = t.addressOf(i, m.config().levels());
                for (Mm mm : reachedBy) {
                    Vma v = mm.findVma(addr);
                    if (v == null || v.hugetlb == null || v.hugetlb.size != f.size
                            || (ls[i].writable() && !v.writable)) {
                        fail("%s: a hugetlb entry at %#x lies outside a hugetlb vma that allows it", mm, addr);
                    }
                }
            }
        }
        IdentityHashMap<HugetlbMapping, Boolean> files = new IdentityHashMap<>();
        for (Mm mm : m.mms) {
            if (!mm.alive) {
                continue;
            }
            for (Vma v : mm.vmas.values()) {
                if (v.hugetlb != null && v.hugetlb.shared && files.put(v.hugetlb, true) == null) {
                    for (HugetlbFolio f : v.hugetlb.pages.values()) {
                        folios.computeIfAbsent(f, k -> new long[1]);
                    }
                }
            }
        }
        long[] alive = new long[HugePageSize.values().length];
        for (Map.Entry<HugetlbFolio, long[]> e : folios.entrySet()) {
            HugetlbFolio f = e.getKey();
            alive[f.size.ordinal()]++;
            long cache = f.anon ? 0 : 1;
            if (f.mapcount != e.getValue()[0] || f.refcount != e.getValue()[0] + cache) {
                fail("%s has mapcount %d and refcount %d, but %d entries map it", f.label(), f.mapcount, f.refcount,
                        e.getValue()[0]);
            }
        }
        for (HugePageSize s : HugePageSize.values()) {
            if (m.hugetlb.inUse(s) != alive[s.ordinal()]) {
                fail("the %s hugetlb pool has %d pages in use but %d are mapped or cached", s.label(),
                        m.hugetlb.inUse(s), alive[s.ordinal()]);
            }
        }
    }

    private void checkPins() {
        for (Mm mm : m.mms) {
            if (!mm.alive) {
                if (!mm.pins.isEmpty()) {
                    fail("exited %s still holds pins", mm);
                }
                continue;
            }
            for (Map.Entry<Long, int[]> p : mm.pins.entrySet()) {
                long addr = p.getKey() << Geometry.PAGE_SHIFT;
                int pfn = m.pageTables.leafPfn(mm, addr);
                if (pfn != p.getValue()[0]) {
                    fail("%s pinned pfn %d at %#x, but its entry now maps %s", mm, p.getValue()[0], addr,
                            pfn >= 0 ? "pfn " + pfn : "nothing");
                }
            }
        }
    }
}
