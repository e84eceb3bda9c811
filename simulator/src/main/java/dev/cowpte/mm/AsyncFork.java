package dev.cowpte.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Async-fork (Alibaba, VLDB 2023; Anolis {@code mm/async_fork.c}): the parent's fork() copies
 * only the upper tables for the child and write-protects its own pmd entries of the PTE tables
 * still to copy ("pending"); the child copies them, as classic fork does, before it runs its
 * first statement. Until then, the parent's touch of a pending 2 MiB (a fault, a pin, its exit)
 * copies that table to the child first, and a change of one of its vmas (mmap, munmap,
 * mprotect, madvise, another fork) copies that whole vma's pending tables first. Once copied,
 * everything is as classic, accounting included.
 */
public final class AsyncFork extends ForkPolicy {
    AsyncFork() {
        super("async-fork");
    }

    /** The PTE tables a parent still owes its child, by base address. */
    static final class Pending {
        final Mm parent;
        final Mm child;
        final TreeMap<Long, Table> tables = new TreeMap<>();

        Pending(Mm parent, Mm child) {
            this.parent = parent;
            this.child = child;
        }

        record Table(PageTable pmd, int idx, List<long[]> copy) {
        }
    }

    @Override
    public String summary() {
        return "fork copies the pgd/pud/pmd tables for the child and write-protects the parent's pmd entries; "
                + "the PTE tables stay pending until the child copies them (as classic fork does) before its "
                + "first statement; a parent's fault, pin or exit in a pending 2 MiB copies that table first, a "
                + "change of one of its vmas copies the whole vma's pending tables first";
    }

    @Override
    public Description description() {
        return new Description("Async-fork (Alibaba, VLDB 2023; Anolis mm/async_fork.c)",
                "the child copies the PTE tables after fork returns (Async-fork)",
                "copies pgd/pud/pmd for the child and write-protects the parent's pmd entries of the PTE tables "
                        + "still to copy (pending); no per-page work in the parent",
                "the child copies every pending table, as classic does, before its first statement; a parent's "
                        + "fault, pin or exit in a pending 2 MiB copies that table first; a parent's mmap, munmap, "
                        + "mprotect, madvise or fork copies the whole vma's pending tables first",
                "as classic once copied: `rss` N and `pagetables` own tables; before the copy the child has "
                        + "only its upper tables");
    }

    @Override
    public String writeProtectedState() {
        return "pending copy to the child (async-fork)";
    }

    @Override
    public String writeProtectedState(int refcount) {
        return writeProtectedState();
    }

    @Override
    void copyPteTable(Machine m, Mm parent, Mm child, PageTable parentPmd, int idx, List<long[]> copy) {
        PageTable pte = parentPmd.next[idx];
        if (parentPmd.writeProtected(idx)) {
            // shared by another design's fork: that table is copied now, as classic fork would
            classicCopy(m, parent, child, pte, pte.base, copy);
            return;
        }
        m.pageTables.pmdTable(child, pte.base, true);
        Pending p = parent.asyncChild;
        if (p == null) {
            p = new Pending(parent, child);
            parent.asyncChild = p;
            child.asyncParent = p;
        }
        parentPmd.setWriteProtected(idx, true);
        pte.sharedBy = this;
        m.work.tlbFlushes++;
        p.tables.put(pte.base, new Pending.Table(parentPmd, idx, List.copyOf(copy)));
    }

    /** The parent touches a pending table: it is copied to the child first. */
    @Override
    PageTable breakCowPte(Machine m, Mm mm, PageTable pmd, int idx) {
        PageTable pte = pmd.next[idx];
        Pending p = mm.asyncChild;
        if (p == null || !p.tables.containsKey(pte.base)) {
            throw new IllegalStateException(mm + " has no pending table at " + Long.toHexString(pte.base));
        }
        copyOne(m, p, pte.base);
        return pmd.next[idx];
    }

    @Override
    void zapShared(Machine m, Mm mm, PageTable pmd, int idx) {
        throw new IllegalStateException("async-fork: a pending table must be copied before a zap");
    }

    /** Copies the pending table at {@code base} to the child and makes the parent's entry writable. */
    private static void copyOne(Machine m, Pending p, long base) {
        Pending.Table t = p.tables.get(base);
        PageTable src = t.pmd().next[t.idx()];
        classicCopy(m, p.parent, p.child, src, base, t.copy());
        p.tables.remove(base);
        t.pmd().setWriteProtected(t.idx(), false);
        src.sharedBy = null;
        if (p.tables.isEmpty()) {
            p.parent.asyncChild = null;
            p.child.asyncParent = null;
        }
    }

    /** Before mm's statement: a child with pending tables copies them all. */
    static void beforeChildRuns(Machine m, Mm mm) {
        Pending p = mm.asyncParent;
        if (p != null) {
            copyDeferred(m, p, Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    /** Before the parent changes [start, end) of its vmas: the pending tables of every vma there are copied. */
    static void beforeParentChanges(Machine m, Mm mm, long start, long end) {
        Pending p = mm.asyncChild;
        if (p == null) {
            return;
        }
        if (start == Long.MIN_VALUE) {
            copyDeferred(m, p, start, end);
            return;
        }
        Vma before = mm.findVma(start - 1);
        long from = before != null ? before.start : start;
        long to = end;
        for (Vma v : mm.vmasIn(start, end + 1)) {
            from = Math.min(from, v.start);
            to = Math.max(to, v.end);
        }
        Vma after = mm.findVma(end);
        if (after != null) {
            to = Math.max(to, after.end);
        }
        copyDeferred(m, p, Geometry.pmdDown(from), to);
    }

    private static void copyDeferred(Machine m, Pending p, long from, long to) {
        Work before = m.work.snapshot();
        try {
            List<Long> bases = new ArrayList<>(p.tables.subMap(from, true, to, false).keySet());
            for (long base : bases) {
                copyOne(m, p, base);
            }
        } finally {
            m.deferred.add(m.work.since(before));
        }
    }

    /** The parent's PTE table that a pending child will copy for {@code addr}, or null. */
    static PageTable pendingFor(Mm child, long addr) {
        Pending p = child.asyncParent;
        if (p == null) {
            return null;
        }
        Pending.Table t = p.tables.get(Geometry.pmdDown(addr));
        if (t == null) {
            return null;
        }
        for (long[] r : t.copy()) {
            if (addr >= r[0] && addr < r[1]) {
                return t.pmd().next[t.idx()];
            }
        }
        return null; // a part of the table the child does not inherit (wipeonfork, dontfork)
    }

    /** The number of PTE tables mm's child still has to copy (as parent) or mm has to copy (as child). */
    static int pendingTables(Mm mm) {
        int n = 0;
        if (mm.asyncChild != null) {
            n += mm.asyncChild.tables.size();
        }
        if (mm.asyncParent != null) {
            n += mm.asyncParent.tables.size();
        }
        return n;
    }

    /** Every pending record's pmd entry is write-protected by async-fork, and the child's is empty. */
    static void check(Mm mm, List<String> violations) {
        Pending p = mm.asyncChild;
        if (p == null) {
            return;
        }
        for (Map.Entry<Long, Pending.Table> e : p.tables.entrySet()) {
            Pending.Table t = e.getValue();
            PageTable pte = t.pmd().next[t.idx()];
            if (pte == null || !t.pmd().writeProtected(t.idx()) || !(pte.sharedBy instanceof AsyncFork)) {
                violations.add(String.format("%s: pending table at %#x is not write-protected by async-fork",
                        mm, e.getKey()));
            }
            if (!p.child.alive) {
                violations.add(String.format("%s: pending table at %#x for an exited child", mm, e.getKey()));
            }
        }
    }
}
