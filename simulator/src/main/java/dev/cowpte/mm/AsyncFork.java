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
    public String pendingTableState() {
        return "pending (async-fork); this process copies it from its parent before its first statement";
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
        Pending p = pending(parent, child);
        parentPmd.setWriteProtected(idx, true);
        pte.sharedBy = this;
        m.work.tlbFlushes++;
        p.tables.put(pte.base, new Pending.Table(parentPmd, idx, List.copyOf(copy)));
    }

    /**
     * {@link #copyPteTable} of the 512 tables of a run at once: the parent's run stays one, its
     * pmd entries write-protected by async-fork ({@link TableRun#sharedBy}), and the child owes
     * the copy of the whole GiB; a run another policy shared goes table by table.
     */
    @Override
    void copyRun(Machine m, Mm parent, Mm child, PageTable parentPmd) {
        TableRun run = parentPmd.run();
        if (!m.runs || run.writeProtected()) {
            super.copyRun(m, parent, child, parentPmd);
            return;
        }
        m.pageTables.pmdTable(child, parentPmd.base, true);
        Pending p = pending(parent, child);
        run.sharedBy = this;
        m.work.tlbFlushes += Geometry.PTRS_PER_TABLE;
        p.runs.put(parentPmd.base, new Pending.Run(parentPmd, run));
    }

    /** The pending copy parent owes child, made and attached to both on the first table. */
    private Pending pending(Mm parent, Mm child) {
        Pending p = owedBy(parent);
        if (p == null || p.child != child) {
            p = new Pending(this, parent, child);
            parent.attach(p);
            child.attach(p);
        }
        return p;
    }

    /** The parent touches a pending table: it is copied to the child first. */
    @Override
    PageTable breakCowPte(Machine m, Mm mm, PageTable pmd, int idx) {
        PageTable pte = pmd.next[idx];
        Pending p = owedBy(mm);
        if (p != null) {
            p.expandMade();
        }
        if (p == null || !p.tables.containsKey(pte.base)) {
            throw new IllegalStateException(mm + " has no pending table at " + Long.toHexString(pte.base));
        }
        p.copyOne(m, pte.base);
        return pmd.next[idx];
    }

    @Override
    void zapShared(Machine m, Mm mm, PageTable pmd, int idx) {
        throw new IllegalStateException("async-fork: a pending table must be copied before a zap");
    }

    /** The tables mm still owes a child (mm's fork left them pending), or null. */
    private static Pending owedBy(Mm parent) {
        for (DeferredWork w : parent.deferredWork()) {
            if (w instanceof Pending p && p.parent == parent) {
                return p;
            }
        }
        return null;
    }

    /**
     * The PTE tables a parent still owes its child, by base address, attached to both: the child
     * copies them all before its first statement; the parent's fork or exit copies them all first,
     * a change of its vmas those of the vmas it changes. A GiB whose 512 tables are the parent's
     * run is owed as one ({@link #runs}) until something makes the run's tables: from then on
     * each is owed as a table ({@link #expandMade}).
     */
    private static final class Pending extends DeferredWork {
        final Mm parent;
        final Mm child;
        final TreeMap<Long, Table> tables = new TreeMap<>();
        final TreeMap<Long, Run> runs = new TreeMap<>();

        Pending(AsyncFork policy, Mm parent, Mm child) {
            super(policy);
            this.parent = parent;
            this.child = child;
        }

        record Table(PageTable pmd, int idx, List<long[]> copy) {
        }

        /** The parent's pmd table whose run of 512 tables is owed whole. */
        record Run(PageTable pmd, TableRun run) {
            boolean made() {
                return pmd.run() != run;
            }
        }

        /**
         * The runs whose tables were made since (a fault, a walk, a pin looked at one): each of
         * their 512 tables is owed as a table from now on, as it was page by page all along.
         */
        void expandMade() {
            if (runs.isEmpty()) {
                return;
            }
            for (java.util.Iterator<Run> it = runs.values().iterator(); it.hasNext(); ) {
                Run r = it.next();
                if (!r.made()) {
                    continue;
                }
                it.remove();
                for (int i = 0; i < Geometry.PTRS_PER_TABLE; i++) {
                    long s = r.pmd().base + ((long) i << Geometry.PMD_SHIFT);
                    tables.put(s, new Table(r.pmd(), i, List.<long[]>of(new long[] {s, s + Geometry.PMD_SIZE})));
                }
            }
        }

        /** Before the child's statement: it copies every pending table. */
        @Override
        void beforeStatement(Machine m, Mm mm) {
            if (mm == child) {
                copyDeferred(m, Long.MIN_VALUE, Long.MAX_VALUE);
            }
        }

        @Override
        void beforeFork(Machine m, Mm mm) {
            if (mm == parent) {
                copyDeferred(m, Long.MIN_VALUE, Long.MAX_VALUE);
            }
        }

        @Override
        void beforeExit(Machine m, Mm mm) {
            if (mm == parent) {
                copyDeferred(m, Long.MIN_VALUE, Long.MAX_VALUE);
            }
        }

        /**
         * Before the parent changes [start, end) of its vmas: the pending tables of every vma there,
         * and of the vmas next to the range, are copied.
         */
        @Override
        void beforeVmaChange(Machine m, Mm mm, long start, long end) {
            if (mm != parent) {
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
            copyDeferred(m, Geometry.pmdDown(from), to);
        }

        /** A fork that failed: the tables it left pending become the parent's again. */
        @Override
        void forkFailed(Machine m, Mm parent, Mm child) {
            if (parent != this.parent || child != this.child) {
                return;
            }
            expandMade();
            for (Run r : runs.values()) {
                r.run().sharedBy = null;
            }
            for (Table t : tables.values()) {
                t.pmd().setWriteProtected(t.idx(), false);
                t.pmd().next[t.idx()].sharedBy = null;
            }
            detach();
        }

        /** The parent's PTE table that the child will copy for {@code addr}, or null. */
        @Override
        PageTable tableFor(Mm mm, long addr) {
            if (mm != child) {
                return null;
            }
            Run owed = runs.get(addr & ~(Geometry.PUD_SIZE - 1));
            if (owed != null && !owed.made()) {
                owed.run().make(); // a look at one table of the run: the tables are made
            }
            expandMade();
            Table t = tables.get(Geometry.pmdDown(addr));
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

        /** The tables the parent still owes, counted for both: the parent owes them, the child has to copy them. */
        @Override
        int pendingTables(Mm mm) {
            return tables.size() + runs.size() * Geometry.PTRS_PER_TABLE;
        }

        /** Every pending record's pmd entry is write-protected by async-fork, and the child lives. */
        @Override
        void check(Mm mm, List<String> violations) {
            if (mm != parent) {
                return;
            }
            expandMade();
            for (Map.Entry<Long, Run> e : runs.entrySet()) {
                TableRun run = e.getValue().run();
                if (run.sharedBy != policy() || run.refcount() != 1) {
                    violations.add(String.format("%s: pending run of tables at %#x is not write-protected by async-fork",
                            mm, e.getKey()));
                }
                if (!child.alive) {
                    violations.add(String.format("%s: pending run of tables at %#x for an exited child", mm, e.getKey()));
                }
            }
            for (Map.Entry<Long, Table> e : tables.entrySet()) {
                Table t = e.getValue();
                PageTable pte = t.pmd().next[t.idx()];
                if (pte == null || !t.pmd().writeProtected(t.idx()) || pte.sharedBy != policy()) {
                    violations.add(String.format("%s: pending table at %#x is not write-protected by async-fork",
                            mm, e.getKey()));
                }
                if (!child.alive) {
                    violations.add(String.format("%s: pending table at %#x for an exited child", mm, e.getKey()));
                }
            }
        }

        private void copyDeferred(Machine m, long from, long to) {
            Work before = m.work.snapshot();
            try {
                expandMade();
                for (Run r : List.copyOf(runs.values())) {
                    long s = r.pmd().base;
                    if (s < to && s + Geometry.PUD_SIZE > from && (s < from || s + Geometry.PUD_SIZE > to)) {
                        r.run().make(); // the range cuts the GiB: its tables go one by one
                    }
                }
                expandMade();
                List<Long> bases;
                if (runs.isEmpty()) {
                    bases = new ArrayList<>(tables.subMap(from, true, to, false).keySet());
                } else {
                    java.util.TreeSet<Long> both = new java.util.TreeSet<>(tables.subMap(from, true, to, false).keySet());
                    both.addAll(runs.subMap(from, true, to, false).keySet());
                    bases = new ArrayList<>(both);
                }
                for (int i = 0; i < bases.size(); i++) {
                    long base = bases.get(i);
                    if (runs.containsKey(base)) {
                        copyRun(m, base);
                        continue;
                    }
                    if ((base & (Geometry.PUD_SIZE - 1)) == 0 && i + Geometry.PTRS_PER_TABLE <= bases.size()
                            && bases.get(i + Geometry.PTRS_PER_TABLE - 1) == base + Geometry.PUD_SIZE - Geometry.PMD_SIZE
                            && copyGiB(m, base)) {
                        i += Geometry.PTRS_PER_TABLE - 1;
                        continue;
                    }
                    copyOne(m, base);
                }
            } finally {
                m.deferred.add(m.work.since(before));
            }
        }

        /**
         * The 512 pending tables of the GiB at {@code base}, copied at once as a run when they
         * form one ({@link ForkPolicy#classicCopyTablesAsRun}): what 512 {@link #copyOne} calls do.
         */
        private boolean copyGiB(Machine m, long base) {
            PageTable[] src = new PageTable[Geometry.PTRS_PER_TABLE];
            PageTable pmd = null;
            for (int i = 0; i < src.length; i++) {
                Table t = tables.get(base + ((long) i << Geometry.PMD_SHIFT));
                if (t.idx() != i || (pmd != null && t.pmd() != pmd) || !SharedPteFork.coversWholeTable(
                        t.pmd().next[t.idx()], t.copy())) {
                    return false;
                }
                pmd = t.pmd();
                src[i] = pmd.next[i];
            }
            if (!classicCopyTablesAsRun(m, parent, child, base, src)) {
                return false;
            }
            for (int i = 0; i < src.length; i++) {
                tables.remove(base + ((long) i << Geometry.PMD_SHIFT));
                pmd.setWriteProtected(i, false);
                src[i].sharedBy = null;
            }
            detachIfDone();
            return true;
        }

        /**
         * Copies the parent's pending run at {@code base} to the child as a run
         * ({@link ForkPolicy#classicCopyRun}), what 512 {@link #copyOne} calls do, its pmd entries
         * writable again; when it must go table by table, its tables are made and copied so.
         */
        private void copyRun(Machine m, long base) {
            Run r = runs.remove(base);
            r.run().sharedBy = null;
            if (classicCopyRun(m, parent, child, r.pmd())) {
                detachIfDone();
                return;
            }
            r.run().sharedBy = policy();
            runs.put(base, r);
            r.run().make();
            expandMade();
            for (int i = 0; i < Geometry.PTRS_PER_TABLE; i++) {
                copyOne(m, base + ((long) i << Geometry.PMD_SHIFT));
            }
        }

        /** Copies the pending table at {@code base} to the child and makes the parent's entry writable. */
        void copyOne(Machine m, long base) {
            Table t = tables.get(base);
            PageTable src = t.pmd().next[t.idx()];
            classicCopy(m, parent, child, src, base, t.copy());
            tables.remove(base);
            t.pmd().setWriteProtected(t.idx(), false);
            src.sharedBy = null;
            detachIfDone();
        }

        private void detachIfDone() {
            if (tables.isEmpty() && runs.isEmpty()) {
                detach();
            }
        }

        private void detach() {
            parent.detach(this);
            child.detach(this);
        }
    }
}
