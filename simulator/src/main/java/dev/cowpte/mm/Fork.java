package dev.cowpte.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code dup_mmap}: the child gets a copy of every vma but the dontfork ones, then the policy
 * copies or shares the PTE tables of the vmas that have anonymous pages. Shared vmas are never
 * copied (faults fill the child's entries); wipeonfork vmas come to the child empty.
 */
final class Fork {
    private final Machine m;

    Fork(Machine m) {
        this.m = m;
    }

    void dupMmap(Mm parent, Mm child, ForkPolicy policy) {
        for (Vma v : parent.vmas.values()) {
            if (v.dontfork) {
                continue;
            }
            Vma c = v.copy();
            if (v.shared) {
                v.shmem.users++;
            }
            if (v.wipeonfork) {
                c.anonVma = false;
            }
            child.vmas.put(c.start, c);
        }
        Map<Long, List<long[]>> tables = new TreeMap<>();
        Map<Long, PageTable> pmds = new TreeMap<>();
        for (Vma v : parent.vmas.values()) {
            if (!v.plainPrivate() || !v.anonVma) {
                continue;
            }
            m.pageTables.forEachPte(parent, v.start, v.end, (pmd, idx, pte) -> {
                long s = Math.max(v.start, pte.base);
                long e = Math.min(v.end, pte.base + Geometry.PMD_SIZE);
                tables.computeIfAbsent(pte.base, b -> new ArrayList<>(1)).add(new long[] {s, e});
                pmds.put(pte.base, pmd);
            });
        }
        for (Map.Entry<Long, List<long[]>> t : tables.entrySet()) {
            long base = t.getKey();
            policy.copyPteTable(m, parent, child, pmds.get(base), PageTables.pmdIndex(base), t.getValue());
        }
    }
}
