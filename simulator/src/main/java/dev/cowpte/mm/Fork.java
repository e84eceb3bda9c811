package dev.cowpte.mm;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dup_mmap}: the child gets a copy of every vma but the dontfork ones, then, over the
 * vmas that have anonymous pages, each huge PMD is copied ({@code copy_huge_pmd}, the same under
 * every policy) and the policy copies or shares each PTE table, a table that a huge PMD's split
 * left included. Shared vmas are never copied (faults fill the child's entries); wipeonfork
 * vmas come to the child empty.
 */
final class Fork {
    private final Machine m;

    Fork(Machine m) {
        this.m = m;
    }

    void dupMmap(Mm parent, Mm child, ForkPolicy policy) {
        // anon_vma_fork: one anon_vma in the child per anon_vma of the parent (merged vmas share
        // one); a wipeonfork vma comes without one (dup_mmap).
        Map<AnonVma, AnonVma> kept = new IdentityHashMap<>();
        Map<AnonVma, AnonVma> wiped = new IdentityHashMap<>();
        for (Vma v : parent.vmas.values()) {
            if (v.dontfork) {
                continue;
            }
            Vma c = v.copy();
            if (v.hugetlb != null) {
                c.hugetlb = m.hugetlb.dupVmaPrivate(v);
            }
            if (v.mshare != null) {
                v.mshare.users++; // the container is copied, no entry: the child links at its first fault
            }
            if (v.shared) {
                v.shmem.users++;
            }
            c.anon = v.wipeonfork ? wiped.computeIfAbsent(v.anon.key(), k -> AnonVma.none())
                    : kept.computeIfAbsent(v.anon.key(), k -> k.forChild());
            child.vmas.put(c.start, c);
        }
        // The pmd entries to copy (PTE tables and huge PMDs), in address order, with the parts
        // of them the copied vmas cover.
        List<PageTable> pmds = new ArrayList<>();
        List<List<long[]>> ranges = new ArrayList<>();
        long[] lastBase = {-1};
        for (Vma v : parent.vmas.values()) {
            if (!v.plainPrivate() || !v.anon.present() || v.hugetlb != null) {
                continue;
            }
            m.pageTables.forEachPmd(parent, v.start, v.end, (pmd, idx, s, e) -> {
                long base = Geometry.pmdDown(s);
                if (base == lastBase[0]) {
                    ranges.get(ranges.size() - 1).add(new long[] {s, e});
                } else {
                    lastBase[0] = base;
                    pmds.add(pmd);
                    List<long[]> l = new ArrayList<>(1);
                    l.add(new long[] {s, e});
                    ranges.add(l);
                }
            });
        }
        for (int i = 0; i < pmds.size(); i++) {
            PageTable pmd = pmds.get(i);
            int idx = PageTables.pmdIndex(ranges.get(i).get(0)[0]);
            // copy_pmd_range: a huge PMD is copied as one entry; one whose page may be pinned
            // was split instead, and its new table is copied below as any other
            if (pmd.huge(idx) && m.huge.copy(parent, child, pmd, idx)) {
                continue;
            }
            policy.copyPteTable(m, parent, child, pmd, idx, ranges.get(i));
        }
        // copy_hugetlb_page_range: private hugetlb vmas with pages, each entry copied on write
        for (Vma v : parent.vmas.values()) {
            if (v.hugetlb != null && v.plainPrivate() && v.anon.present()) {
                m.hugetlb.copy(parent, child, v);
            }
        }
        // Upper tables with no PTE table below (pt-reclaim freed them): the child gets them too.
        for (Vma v : parent.vmas.values()) {
            if (v.plainPrivate() && v.anon.present() && v.hugetlb == null) {
                m.pageTables.copyUpperTables(parent, child, v.start, v.end);
            }
        }
    }
}
