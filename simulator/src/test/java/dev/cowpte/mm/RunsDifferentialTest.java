package dev.cowpte.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * The machine that holds alike frames, entries and tables as runs against the page-by-page
 * machine ({@link Machine#pageByPage}): random operations over a window of 3 GiB and 4 MiB that
 * starts on a 1 GiB boundary, with ranges that often cover whole GiBs (so that touches make
 * runs of tables and forks copy them) and often cut them (so that runs are made table by table
 * where one part differs), under every policy and THP mode. After every operation both give the
 * same outcome and the same counters: faults, work (all, at fork, deferred), memory and tables
 * per level, and each process's summary. In the deep mode they also give, after every
 * operation, the same walk, value, mapcount and table refcount at probe addresses (every 2 MiB,
 * and pages within), and their invariants hold; the deep look makes the runs it reaches into
 * tables, so the other mode looks only at the end, after runs have been forked and changed.
 * Every process then exits, and both end with no memory in use. A second property starts the
 * window with a private file mapping and adds mremaps and 64 KiB folios (multi-size THP), so that
 * runs meet files, moved GiBs and large folios.
 */
class RunsDifferentialTest {
    private static final long BASE = 0x7000_0000_0000L;
    private static final long PAGE = Geometry.PAGE_SIZE;
    private static final int TABLE = 512;
    private static final int GIB = 512 * TABLE;
    private static final int WINDOW_PAGES = 3 * GIB + 2 * TABLE;

    enum Kind { MMAP, MUNMAP, MPROTECT, MADVISE, TOUCH, READ, WRITE, FORK, EXIT, PIN, UNPIN, MREMAP }

    record Op(Kind kind, int proc, int page, int pages, int arg) {
    }

    @Provide
    Arbitrary<Op> op() {
        return ops(Arbitraries.frequency(
                Tuple.of(1, Kind.MMAP), Tuple.of(2, Kind.MUNMAP), Tuple.of(1, Kind.MPROTECT),
                Tuple.of(1, Kind.MADVISE), Tuple.of(8, Kind.TOUCH), Tuple.of(3, Kind.READ),
                Tuple.of(4, Kind.WRITE), Tuple.of(6, Kind.FORK), Tuple.of(1, Kind.EXIT),
                Tuple.of(1, Kind.PIN), Tuple.of(1, Kind.UNPIN)));
    }

    /** {@link #op}, with mremaps (moves of whole GiBs among them) and mmaps of the file as often as munmaps. */
    @Provide
    Arbitrary<Op> mixedOp() {
        return ops(Arbitraries.frequency(
                Tuple.of(2, Kind.MMAP), Tuple.of(2, Kind.MUNMAP), Tuple.of(1, Kind.MPROTECT),
                Tuple.of(1, Kind.MADVISE), Tuple.of(7, Kind.TOUCH), Tuple.of(2, Kind.READ),
                Tuple.of(4, Kind.WRITE), Tuple.of(5, Kind.FORK), Tuple.of(1, Kind.EXIT),
                Tuple.of(1, Kind.PIN), Tuple.of(1, Kind.UNPIN), Tuple.of(4, Kind.MREMAP)));
    }

    /** {@link #op} for runs a fork shared: more forks (of children too), writes, reads, pins and exits. */
    @Provide
    Arbitrary<Op> sharedOp() {
        return ops(Arbitraries.frequency(
                Tuple.of(1, Kind.MMAP), Tuple.of(2, Kind.MUNMAP), Tuple.of(1, Kind.MPROTECT),
                Tuple.of(1, Kind.MADVISE), Tuple.of(3, Kind.TOUCH), Tuple.of(3, Kind.READ),
                Tuple.of(5, Kind.WRITE), Tuple.of(6, Kind.FORK), Tuple.of(3, Kind.EXIT),
                Tuple.of(2, Kind.PIN), Tuple.of(1, Kind.UNPIN)));
    }

    private static Arbitrary<Op> ops(Arbitrary<Kind> kind) {
        Arbitrary<Integer> page = Arbitraries.oneOf(
                Arbitraries.of(0, GIB, 2 * GIB, 3 * GIB),
                Arbitraries.of(0, GIB, 2 * GIB),
                Arbitraries.integers().between(0, WINDOW_PAGES / TABLE - 1).map(t -> t * TABLE),
                Arbitraries.integers().between(0, WINDOW_PAGES - 1));
        Arbitrary<Integer> pages = Arbitraries.oneOf(
                Arbitraries.of(GIB, 2 * GIB, 3 * GIB, WINDOW_PAGES),
                Arbitraries.of(GIB, 2 * GIB),
                Arbitraries.integers().between(1, 6).map(t -> t * TABLE),
                Arbitraries.integers().between(1, 700));
        return Combinators.combine(kind, Arbitraries.integers().between(0, 5), page, pages,
                Arbitraries.integers().between(0, 1 << 20)).as(Op::new);
    }

    @Property(tries = 40)
    void runsGiveWhatPageByPageGives(@ForAll @Size(max = 20) List<@net.jqwik.api.From("op") Op> ops,
                                     @ForAll Thp thp, @ForAll("policy") ForkPolicy policy,
                                     @ForAll("rarely") boolean deep) {
        check(ops, thp, policy, deep, true);
    }

    /**
     * Runs of tables forked under every policy, and forked again (so async-fork copies the
     * tables its first fork left pending, and the children's runs are copied in turn), then
     * written, read, cut by mprotect and munmap, in both modes.
     */
    @net.jqwik.api.Example
    void forksOfWrittenGiBsGiveWhatPageByPageGives() {
        List<Op> ops = List.of(new Op(Kind.TOUCH, 0, 0, 2 * GIB, 1), new Op(Kind.FORK, 0, 0, 1, 0),
                new Op(Kind.FORK, 0, 0, 1, 0), new Op(Kind.FORK, 1, 0, 1, 0), new Op(Kind.WRITE, 1, GIB + 5, 1, 2),
                new Op(Kind.TOUCH, 2, 0, GIB, 0), new Op(Kind.FORK, 3, 0, 1, 0), new Op(Kind.MPROTECT, 0, 7, 300, 1),
                new Op(Kind.MUNMAP, 4, GIB + 512, 1024, 0), new Op(Kind.READ, 5, 3, 1, 0), new Op(Kind.EXIT, 0, 0, 1, 0));
        for (ForkPolicy policy : ForkPolicies.all()) {
            for (boolean deep : new boolean[] {false, true}) {
                check(ops, Thp.NEVER, policy, deep, false);
            }
        }
    }

    /**
     * Runs of tables that a policy's fork shares (or, under async-fork, leaves pending): the
     * window's whole GiBs written, forked, often forked again by the parent and by the child (a
     * shared run shared once more), then random operations that fork, write, read, pin, cut and
     * exit the processes that share them, under every policy that shares or defers PTE tables
     * and THP never or madvise, in both modes.
     */
    @Property(tries = 15)
    void sharedRunsGiveWhatPageByPageGives(@ForAll @Size(max = 12) List<@net.jqwik.api.From("sharedOp") Op> ops,
                                           @ForAll("sharingPolicy") ForkPolicy policy, @ForAll("smallPages") Thp thp,
                                           @ForAll boolean forkTwice, @ForAll boolean childForks,
                                           @ForAll("rarely") boolean deep) {
        List<Op> all = new ArrayList<>();
        all.add(new Op(Kind.TOUCH, 0, 0, 2 * GIB, 1));
        all.add(new Op(Kind.FORK, 0, 0, 1, 0));
        if (forkTwice) {
            all.add(new Op(Kind.FORK, 0, 0, 1, 0));
        }
        if (childForks) {
            all.add(new Op(Kind.FORK, 1, 0, 1, 0));
        }
        all.addAll(ops);
        check(all, thp, policy, deep, false);
    }

    /**
     * Under every policy a fork leaves the parent's runs of tables as runs and gives the child
     * its own runs, copied or shared (async-fork's child copies them before its first statement):
     * then the shared runs are forked by a child, written through, pinned and forked with the
     * pin, cut, and exited by their owner, and both machines agree after every step (the deep
     * look, which makes every run it reaches, only at the end).
     */
    @net.jqwik.api.Example
    void forkKeepsRunsUnderEveryPolicy() {
        for (ForkPolicy policy : ForkPolicies.all()) {
            Run runs = new Run(new Machine(MachineConfig.defaults()), policy, false, false);
            runs.apply(new Op(Kind.TOUCH, 0, 0, 2 * GIB, 1));
            Mm parent = runs.procs.get(0);
            assertEquals(3, runsBelow(parent.pgd), policy + ": the parent's three written GiBs are runs");
            runs.apply(new Op(Kind.FORK, 0, 0, 1, 0));
            Mm child = runs.procs.get(1);
            assertEquals(3, runsBelow(parent.pgd), policy + ": the parent's runs after fork");
            assertEquals(policy == ForkPolicies.ASYNC_FORK ? 0 : 3, runsBelow(child.pgd), policy + ": the child's");
            // the child's read copies what async-fork left pending, and makes the tables of the GiB it reads
            assertEquals("read 0", runs.apply(new Op(Kind.READ, 1, 2 * GIB + 1, 1, 0)));
            assertEquals(2, runsBelow(child.pgd), policy + ": the child's runs after its read");
        }
        List<Op> ops = List.of(new Op(Kind.TOUCH, 0, 0, 3 * GIB, 1), new Op(Kind.FORK, 0, 0, 1, 0),
                new Op(Kind.FORK, 1, 0, 1, 0), new Op(Kind.FORK, 0, 0, 1, 0), new Op(Kind.WRITE, 2, GIB + 7, 1, 3),
                new Op(Kind.PIN, 1, 2 * GIB + 9, 1, 0), new Op(Kind.FORK, 1, 0, 1, 0),
                new Op(Kind.MUNMAP, 3, 300, GIB, 0), new Op(Kind.EXIT, 0, 0, 1, 0), new Op(Kind.FORK, 2, 0, 1, 0),
                new Op(Kind.READ, 4, 2 * GIB + 1, 1, 0), new Op(Kind.EXIT, 1, 0, 1, 0));
        for (ForkPolicy policy : ForkPolicies.all()) {
            check(ops, Thp.NEVER, policy, false, false);
        }
    }

    /**
     * The machines with what other parts of the model add to them: the window starts with a
     * private mapping of a file written over its first GiB, mmaps map that file privately as
     * often as not, mremaps move and grow ranges (whole GiBs to GiB boundaries among them), and
     * half the time multi-size THP maps 64 KiB folios ({@code hugepages-64kB/enabled} always).
     */
    @Property(tries = 6)
    void filesMremapAndLargeFoliosGiveWhatPageByPageGives(
            @ForAll @Size(max = 16) List<@net.jqwik.api.From("mixedOp") Op> ops, @ForAll boolean mthp64k,
            @ForAll("policy") ForkPolicy policy, @ForAll("rarely") boolean deep) {
        MachineConfig c = MachineConfig.defaults();
        if (mthp64k) {
            c = c.withMthp(c.mthp().with(MthpSettings.orderOf(64 * 1024), MthpSettings.Mode.ALWAYS));
        }
        check(ops, c, Thp.NEVER, policy, deep, true, true);
    }

    /**
     * A private file mapping written whole, a GiB of it moved by mremap and forked, and 64 KiB
     * folios forked, moved and cut, under every policy.
     */
    @net.jqwik.api.Example
    void filesMovedGiBsAndLargeFoliosGiveWhatPageByPageGives() {
        List<Op> ops = List.of(new Op(Kind.TOUCH, 0, 0, GIB, 1), new Op(Kind.FORK, 0, 0, 1, 0),
                new Op(Kind.MREMAP, 0, 2 * GIB, GIB, 0), new Op(Kind.MREMAP, 0, GIB, GIB, 1),
                new Op(Kind.FORK, 1, 0, 1, 0), new Op(Kind.WRITE, 0, 5, 40, 2), new Op(Kind.MUNMAP, 2, 7, 100, 0),
                new Op(Kind.MREMAP, 1, 0, 3 * TABLE, 6), new Op(Kind.READ, 3, 600, 1, 0), new Op(Kind.EXIT, 1, 0, 1, 0));
        MachineConfig d = MachineConfig.defaults();
        MachineConfig mthp = d.withMthp(d.mthp().with(MthpSettings.orderOf(64 * 1024), MthpSettings.Mode.ALWAYS));
        for (ForkPolicy policy : ForkPolicies.all()) {
            check(ops, d, Thp.NEVER, policy, false, false, true);
            check(ops, mthp, Thp.NEVER, policy, false, false, true);
        }
    }

    /**
     * The window starts with 2 GiB of shmem ({@code MAP_SHARED} anonymous memory) whose first
     * GiB is written (the page cache's pages and the writer's tables, runs both), and children
     * that read it whole (runs of tables over the cache's blocks), write it, cut it.
     */
    @Property(tries = 8)
    void shmemGivesWhatPageByPageGives(@ForAll @Size(max = 16) List<@net.jqwik.api.From("op") Op> ops,
                                       @ForAll("policy") ForkPolicy policy, @ForAll("rarely") boolean deep,
                                       @ForAll boolean faultAround) {
        check(ops, MachineConfig.defaults().withFaultAround(faultAround), Thp.NEVER, policy, deep, true, false, true);
    }

    /** Children that read the written shmem GiB whole, then write, cut, protect and exit, in both modes. */
    @net.jqwik.api.Example
    void shmemReadWholeByChildrenGivesWhatPageByPageGives() {
        List<Op> ops = List.of(new Op(Kind.FORK, 0, 0, 1, 0), new Op(Kind.FORK, 0, 0, 1, 0),
                new Op(Kind.TOUCH, 1, 0, GIB, 0), new Op(Kind.TOUCH, 2, 0, 2 * GIB, 0), new Op(Kind.FORK, 2, 0, 1, 0),
                new Op(Kind.TOUCH, 3, GIB, GIB, 1), new Op(Kind.TOUCH, 0, 0, 2 * GIB, 0),
                new Op(Kind.WRITE, 1, 5, 40, 2), new Op(Kind.MPROTECT, 2, 7, 300, 1),
                new Op(Kind.MUNMAP, 0, GIB + 512, 1024, 0), new Op(Kind.READ, 3, 3, 1, 0), new Op(Kind.EXIT, 0, 0, 1, 0),
                new Op(Kind.TOUCH, 1, 0, 2 * GIB, 1));
        // the deep look (after each step) with fault-around off, the look at the end with it on
        for (boolean faultAround : new boolean[] {true, false}) {
            check(ops, MachineConfig.defaults().withFaultAround(faultAround), Thp.NEVER, ForkPolicies.CLASSIC,
                    !faultAround, false, false, true);
        }
    }

    private void check(List<Op> ops, Thp thp, ForkPolicy policy, boolean deep, boolean collect) {
        check(ops, MachineConfig.defaults(), thp, policy, deep, collect, false);
    }

    private void check(List<Op> ops, MachineConfig base, Thp thp, ForkPolicy policy, boolean deep, boolean collect,
                       boolean mixed) {
        check(ops, base, thp, policy, deep, collect, mixed, false);
    }

    private void check(List<Op> ops, MachineConfig base, Thp thp, ForkPolicy policy, boolean deep, boolean collect,
                       boolean mixed, boolean shmem) {
        MachineConfig config = base.withThp(thp).withPtReclaim(policy == ForkPolicies.ODF);
        Run runs = new Run(new Machine(config), policy, mixed, shmem);
        Run pages = new Run(Machine.pageByPage(config), policy, mixed, shmem);
        int mostRuns = 0;
        boolean forkedRun = false;
        for (int step = 0; step < ops.size(); step++) {
            Op op = ops.get(step);
            String where = policy + " " + thp + " after step " + step + " " + op;
            int before = runsIn(runs.m);
            assertEquals(pages.apply(op), runs.apply(op), where);
            assertEquals(0, runsIn(pages.m), "the page-by-page machine holds no run");
            int after = runsIn(runs.m);
            mostRuns = Math.max(mostRuns, Math.max(before, after));
            forkedRun |= op.kind == Kind.FORK && before > 0;
            assertSameCounters(pages, runs, where);
            if (deep) {
                assertSameTables(pages, runs, where);
            }
        }
        if (collect) {
            Statistics.label("runs of tables made / a fork met one").collect(mostRuns > 0 ? "runs" : "none",
                    forkedRun ? "forked" : "-");
            Statistics.label("policy").collect(policy.name());
        } else if (!deep && !mixed && !shmem) {
            assertTrue(forkedRun, policy + ": a fork met a run"); // the deep look makes runs into tables
        } else if (!deep && shmem) {
            assertTrue(mostRuns > 1, policy + ": shmem written and read whole as runs");
        }
        assertSameTables(pages, runs, policy + " " + thp + " at the end");
        for (Run r : List.of(pages, runs)) {
            for (Mm p : r.procs) {
                if (p.alive()) {
                    r.m.exit(p);
                }
            }
            assertEquals(List.of(), r.m.checkInvariants(), "after everyone exited");
            // the file's pages stay in the page cache
            assertEquals(mixed ? (long) GIB * PAGE : 0, r.m.memoryInUse());
        }
        assertSameCounters(pages, runs, "after everyone exited");
    }

    /** How many pmd tables of the machine's live processes hold their PTE tables as a run. */
    private static int runsIn(Machine m) {
        int n = 0;
        for (Mm mm : m.processes()) {
            if (mm.alive()) {
                n += runsBelow(mm.pgd);
            }
        }
        return n;
    }

    private static int runsBelow(PageTable t) {
        if (t.level == Level.PMD) {
            return t.hasRun() ? 1 : 0;
        }
        int n = 0;
        for (PageTable below : t.next) {
            if (below != null) {
                n += runsBelow(below);
            }
        }
        return n;
    }

    @Provide
    Arbitrary<Boolean> rarely() {
        return Arbitraries.frequency(Tuple.of(1, true), Tuple.of(3, false));
    }

    @Provide
    Arbitrary<ForkPolicy> policy() {
        return Arbitraries.of(ForkPolicies.all());
    }

    /** The policies whose fork shares or defers PTE tables instead of copying them. */
    @Provide
    Arbitrary<ForkPolicy> sharingPolicy() {
        return Arbitraries.of(ForkPolicies.all().stream().filter(p -> p != ForkPolicies.CLASSIC).toList());
    }

    /** THP modes under which a written GiB is a run of small-page tables. */
    @Provide
    Arbitrary<Thp> smallPages() {
        return Arbitraries.of(Thp.NEVER, Thp.MADVISE);
    }

    /** What a scenario reads without a walk: counters of the machine and of each process. */
    private static void assertSameCounters(Run pages, Run runs, String where) {
        assertEquals(pages.m.inspector().summary().toString(), runs.m.inspector().summary().toString(), where);
        assertEquals(pages.m.workAtFork().asMap(), runs.m.workAtFork().asMap(), where);
        assertEquals(pages.m.workDeferred().asMap(), runs.m.workDeferred().asMap(), where);
        assertEquals(pages.m.anonHugeBytes(), runs.m.anonHugeBytes(), where);
        for (int slot = 0; slot < pages.procs.size(); slot++) {
            Mm a = pages.procs.get(slot);
            Mm b = runs.procs.get(slot);
            assertEquals(pages.m.inspector().summary(a).toString(), runs.m.inspector().summary(b).toString(), where);
        }
    }

    /** What a walk reads, at probe addresses of every live process, and the invariants. */
    private static void assertSameTables(Run pages, Run runs, String where) {
        // the trees and shared tables first: they read runs as they are, where the invariants and walks make them
        for (int slot = 0; slot < pages.procs.size(); slot++) {
            Mm a = pages.procs.get(slot);
            if (a.alive()) {
                assertEquals(pages.m.inspector().tree(a).toString(),
                        runs.m.inspector().tree(runs.procs.get(slot)).toString(), where);
                for (int pg = 0; pg < WINDOW_PAGES; pg += 97 * TABLE) {
                    long addr = BASE + (long) pg * PAGE;
                    assertEquals(pages.m.inspector().sameTable(pages.procs.get(0), a, addr),
                            runs.m.inspector().sameTable(runs.procs.get(0), runs.procs.get(slot), addr),
                            where + " same table as p0 at page " + pg);
                }
            }
        }
        for (int slot = 0; slot < pages.procs.size(); slot++) {
            Mm a = pages.procs.get(slot);
            Mm b = runs.procs.get(slot);
            if (!a.alive()) {
                continue;
            }
            for (int pg = 0; pg < WINDOW_PAGES; pg += TABLE) {
                for (int off : new int[] {0, 1, 300, TABLE - 1}) {
                    long addr = BASE + (long) (pg + off) * PAGE;
                    assertEquals(probe(pages.m, a, addr), probe(runs.m, b, addr), where + " " + b + " page " + (pg + off));
                }
            }
        }
        assertEquals(List.of(), pages.m.checkInvariants(), "page by page " + where);
        assertEquals(List.of(), runs.m.checkInvariants(), "runs " + where);
    }

    private static String probe(Machine m, Mm mm, long addr) {
        Inspector in = m.inspector();
        String value;
        try {
            value = Long.toString(m.peek(mm, addr));
        } catch (MmError e) {
            value = "unmapped";
        }
        // what reads a run as it is first (the walk makes it into tables)
        String counts = " mapcount " + in.mapcount(mm, addr) + " table refcount " + in.pteRefcount(mm, addr)
                + " huge " + in.huge(mm, addr);
        return value + counts + " " + in.walk(mm, addr);
    }

    /** One machine and its process slots. */
    private static final class Run {
        final Machine m;
        final ForkPolicy policy;
        final List<Mm> procs = new ArrayList<>();
        /** Whether the window starts with a file mapping and mmaps may map the file. */
        final boolean mixed;

        Run(Machine m, ForkPolicy policy, boolean mixed, boolean shmem) {
            this.m = m;
            this.policy = policy;
            this.mixed = mixed;
            Mm p0 = m.createProcess("p0");
            procs.add(p0);
            if (mixed) {
                // a private mapping of a 1 GiB file, written whole (copies of its pages, never a
                // run of tables), 1 GiB private, 1 GiB private and written, 4 MiB shared
                m.createFile("f", (long) GIB * PAGE);
                m.mmapFile(p0, "f", (long) GIB * PAGE, BASE, EnumSet.noneOf(MapFlag.class), "f");
                m.touch(p0, BASE, (long) GIB * PAGE, true);
                m.mmap(p0, "a", (long) GIB * PAGE, BASE + (long) GIB * PAGE, EnumSet.noneOf(MapFlag.class));
                m.mmap(p0, "b", (long) GIB * PAGE, BASE + 2L * GIB * PAGE, EnumSet.noneOf(MapFlag.class));
                m.mmap(p0, "shm", 2L * TABLE * PAGE, BASE + 3L * GIB * PAGE, EnumSet.of(MapFlag.SHARED));
                m.touch(p0, BASE + 2L * GIB * PAGE, (long) GIB * PAGE, true);
                return;
            }
            // 2 GiB private (or shmem, its first GiB written), 1 GiB private and written (a run
            // of tables unless thp is always), 4 MiB shared
            m.mmap(p0, "a", 2L * GIB * PAGE, BASE, shmem ? EnumSet.of(MapFlag.SHARED) : EnumSet.noneOf(MapFlag.class));
            if (shmem) {
                m.touch(p0, BASE, (long) GIB * PAGE, true);
            }
            m.mmap(p0, "b", (long) GIB * PAGE, BASE + 2L * GIB * PAGE, EnumSet.noneOf(MapFlag.class));
            m.mmap(p0, "shm", 2L * TABLE * PAGE, BASE + 3L * GIB * PAGE, EnumSet.of(MapFlag.SHARED));
            m.touch(p0, BASE + 2L * GIB * PAGE, (long) GIB * PAGE, true);
        }

        String apply(Op op) {
            List<Mm> live = procs.stream().filter(Mm::alive).toList();
            if (live.isEmpty()) {
                return "all exited";
            }
            Mm mm = live.get(op.proc % live.size());
            long start = BASE + op.page * PAGE;
            long len = Math.min(op.pages, WINDOW_PAGES - op.page) * PAGE;
            try {
                switch (op.kind) {
                    case MMAP -> {
                        EnumSet<MapFlag> f = EnumSet.noneOf(MapFlag.class);
                        int a = op.arg % 12;
                        if (a == 1) {
                            f.add(MapFlag.SHARED);
                        } else if (a == 2) {
                            f.add(MapFlag.READONLY);
                        } else if (a == 3) {
                            f.add(MapFlag.DONTFORK);
                        } else if (a == 4) {
                            f.add(MapFlag.WIPEONFORK);
                        } else if (a == 5) {
                            f.add(MapFlag.HUGEPAGE);
                        }
                        if (mixed) {
                            // MAP_FIXED: what was there goes first
                            m.munmap(mm, start, len);
                        }
                        if (mixed && op.arg % 2 == 0) {
                            f.remove(MapFlag.WIPEONFORK);
                            m.mmapFile(mm, "r" + op.arg, Math.min(len, (long) GIB * PAGE), start, f, "f");
                        } else {
                            m.mmap(mm, "r" + op.arg, len, start, f);
                        }
                    }
                    case MREMAP -> {
                        // moved to a GiB boundary of the window (whatever is there unmapped first),
                        // grown or shrunk in place, or moved to a free range by the kernel
                        long newLen = op.arg % 3 == 0 ? len : op.arg % 3 == 1 ? len + (long) GIB * PAGE : len / 2;
                        Long to = op.arg % 4 == 3 ? null : BASE + (long) (op.arg % 4) * GIB * PAGE;
                        if (to != null && (to + newLen > BASE + (long) WINDOW_PAGES * PAGE)) {
                            return "skipped";
                        }
                        if (newLen == 0) {
                            return "skipped";
                        }
                        Vma v = m.mremap(mm, start, len, newLen, to);
                        return "moved to " + Long.toHexString(v.start() - BASE);
                    }
                    case MUNMAP -> m.munmap(mm, start, len);
                    case MPROTECT -> m.mprotect(mm, start, len, op.arg % 2 == 0);
                    case MADVISE -> m.madvise(mm, start, len, Advice.values()[op.arg % Advice.values().length]);
                    case TOUCH -> m.touch(mm, start, len, op.arg % 4 != 0);
                    case READ -> {
                        return "read " + m.read(mm, start);
                    }
                    case WRITE -> m.write(mm, start, op.arg % 2 == 0 ? Math.min(len, 8 * PAGE) : len, op.arg);
                    case FORK -> {
                        if (procs.size() >= 6) {
                            return "too many";
                        }
                        procs.add(m.fork(mm, "p" + procs.size(), policy));
                    }
                    case EXIT -> m.exit(mm);
                    case PIN -> m.pin(mm, start, PAGE);
                    case UNPIN -> m.unpin(mm, start, PAGE);
                    default -> throw new IllegalStateException();
                }
                return "ok";
            } catch (MmError e) {
                return "refused: " + e.getMessage();
            } catch (SegmentationFault e) {
                return "SIGSEGV";
            } catch (OutOfMemory e) {
                return "out of memory: " + e.getMessage();
            }
        }
    }
}
