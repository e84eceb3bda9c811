package dev.cowpte.mm;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dup_mmap}: the child gets a copy of every vma but the dontfork ones, then, over the
 * vmas that have anonymous pages, each huge PMD is copied ({@code copy_huge_pmd}, the same under
 * every policy) and the policy copies or shares each PTE table, a table that a huge PMD's split
 * left included; a run of PTE tables ({@link PageTable#hasRun}) goes to the policy as one.
 * Shared vmas are never copied (faults fill the child's entries); wipeonfork
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
        // The pmd entries to copy (PTE tables and huge PMDs), in address order, each with the
        // parts of it the copied vmas cover: an entry is copied once the walk has passed it (two
        // vmas may share its 2 MiB), so that no list of every table is held.
        Pending pending = new Pending(parent, child, policy);
        for (Vma v : parent.vmas.values()) {
            if (!v.plainPrivate() || !v.anon.present() || v.hugetlb != null) {
                continue;
            }
            m.pageTables.forEachPmd(parent, v.start, v.end, pending::add, pmd -> {
                // a run of PTE tables the vma covers whole: the policy copies it as one
                pending.flush();
                policy.copyRun(m, parent, child, pmd);
            });
        }
        pending.flush();
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

    /** The pmd entry the walk is on, with the parts of it to copy. */
    private final class Pending {
        private final Mm parent;
        private final Mm child;
        private final ForkPolicy policy;
        private PageTable pmd;
        private long base = -1;
        private List<long[]> ranges;

        Pending(Mm parent, Mm child, ForkPolicy policy) {
            this.parent = parent;
            this.child = child;
            this.policy = policy;
        }

        void add(PageTable entryPmd, int idx, long s, long e) {
            long b = Geometry.pmdDown(s);
            if (b != base) {
                flush();
                pmd = entryPmd;
                base = b;
                ranges = new ArrayList<>(1);
            }
            ranges.add(new long[] {s, e});
        }

        void flush() {
            if (pmd == null) {
                return;
            }
            PageTable t = pmd;
            List<long[]> copy = ranges;
            pmd = null;
            base = -1;
            ranges = null;
            int idx = PageTables.pmdIndex(copy.get(0)[0]);
            // copy_pmd_range: a huge PMD is copied as one entry; one whose page may be pinned
            // was split instead, and its new table is copied below as any other
            if (t.huge(idx) && m.huge.copy(parent, child, t, idx)) {
                return;
            }
            policy.copyPteTable(m, parent, child, t, idx, copy);
        }
    }
}
