package dev.cowpte.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of operations over an 8 MiB window (four PTE tables), run on one machine
 * per policy: after every operation all invariants hold on every machine, and every outcome
 * (a load's value, SIGSEGV, a refused call) is the same under all policies as under classic.
 * At the end every page of every live process reads the same everywhere. Each sequence runs
 * under one transparent huge page mode, so huge PMDs (and their splits) meet every policy.
 */
class PolicyDifferentialTest {
    private static final long BASE = 0x7000_0000_0000L;
    private static final int WINDOW_PAGES = 4 * 512;
    private static final long PAGE = Geometry.PAGE_SIZE;

    enum Kind { MMAP, MUNMAP, MPROTECT, MADVISE, TOUCH, READ, WRITE, FORK, EXIT, PIN, UNPIN }

    /** One operation: process slot, first page, page count, and a kind-specific argument. */
    record Op(Kind kind, int proc, int page, int pages, int arg) {
    }

    @Provide
    Arbitrary<Op> op() {
        Arbitrary<Kind> kind = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(2, Kind.MMAP), net.jqwik.api.Tuple.of(2, Kind.MUNMAP),
                net.jqwik.api.Tuple.of(1, Kind.MPROTECT), net.jqwik.api.Tuple.of(2, Kind.MADVISE),
                net.jqwik.api.Tuple.of(6, Kind.TOUCH), net.jqwik.api.Tuple.of(5, Kind.READ),
                net.jqwik.api.Tuple.of(8, Kind.WRITE), net.jqwik.api.Tuple.of(5, Kind.FORK),
                net.jqwik.api.Tuple.of(1, Kind.EXIT), net.jqwik.api.Tuple.of(2, Kind.PIN),
                net.jqwik.api.Tuple.of(1, Kind.UNPIN));
        Arbitrary<Integer> page = Arbitraries.oneOf(
                Arbitraries.integers().between(0, WINDOW_PAGES - 1),
                Arbitraries.of(0, 256, 511, 512, 1024, 1536, 1800));
        Arbitrary<Integer> pages = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 16),
                Arbitraries.integers().between(1, 1200),
                Arbitraries.of(256, 512, 1024));
        return Combinators.combine(kind, Arbitraries.integers().between(0, 5), page, pages,
                Arbitraries.integers().between(0, 1 << 20)).as(Op::new);
    }

    /** No multi-size THP (0), or one folio size from 16 KiB (order 2) to 1 MiB (order 8) always, batched at fork. */
    @Provide
    Arbitrary<Integer> folioOrder() {
        return Arbitraries.of(0, 0, 2, 4, 8);
    }

    private static MachineConfig withFolios(MachineConfig c, int order) {
        return order == 0 ? c : c.withMthp(c.mthp().with(order, MthpSettings.Mode.ALWAYS))
                .withRules(new KernelRules(true, true, true));
    }

    @Property(tries = 1000)
    void everyPolicyKeepsInvariantsAndLoadsAgreeWithClassic(@ForAll @Size(max = 60) List<@net.jqwik.api.From("op") Op> ops,
                                                             @ForAll Thp thp, @ForAll("folioOrder") int folio) {
        List<Run> runs = new ArrayList<>();
        for (ForkPolicy p : ForkPolicies.all()) {
            runs.add(new Run(p, withFolios(p == ForkPolicies.CLASSIC ? MachineConfig.defaults().withThp(thp)
                    : MachineConfig.defaults().withPtReclaim(p == ForkPolicies.ODF).withThp(thp), folio)));
        }
        for (int step = 0; step < ops.size(); step++) {
            Op op = ops.get(step);
            String expected = null;
            for (Run r : runs) {
                String outcome = r.apply(op);
                List<String> violations = r.m.checkInvariants();
                assertEquals(List.of(), violations, r.policy + " after step " + step + " " + op);
                if (expected == null) {
                    expected = outcome;
                } else {
                    assertEquals(expected, outcome, r.policy + " differs from classic at step " + step + " " + op);
                }
            }
        }
        Run classic = runs.get(0);
        Work shared = runs.get(1).m.work();
        net.jqwik.api.statistics.Statistics.label("cow-pte tables shared/copied/reused").collect(
                shared.tablesShared() > 0 ? "shared" : "none", shared.tablesCopied() > 0 ? "copied" : "-",
                shared.tablesReused() > 0 ? "reused" : "-");
        Work classicWork = classic.m.work();
        net.jqwik.api.statistics.Statistics.label("thp mode / huge pmds copied / split").collect(thp,
                classicWork.hugeCopied() > 0 ? "copied" : "-", classicWork.hugeSplit() > 0 ? "split" : "-");
        for (Run r : runs.subList(1, runs.size())) {
            for (int slot = 0; slot < classic.procs.size(); slot++) {
                Mm a = classic.procs.get(slot);
                Mm b = r.procs.get(slot);
                assertEquals(a.alive(), b.alive());
                if (!a.alive()) {
                    continue;
                }
                for (int pg = 0; pg < WINDOW_PAGES; pg++) {
                    long addr = BASE + pg * PAGE;
                    String va = peek(classic.m, a, addr);
                    String vb = peek(r.m, b, addr);
                    assertEquals(va, vb, r.policy + " " + b + " page " + pg);
                }
            }
        }
        for (Run r : runs) {
            for (Mm p : r.procs) {
                if (p.alive()) {
                    r.m.exit(p);
                }
            }
            assertEquals(List.of(), r.m.checkInvariants(), r.policy + " after everyone exited");
            assertEquals(0, r.m.memoryInUse());
        }
    }

    @Property(tries = 300)
    void rangeAccessesMatchPageByPageAccesses(@ForAll @Size(max = 60) List<@net.jqwik.api.From("op") Op> ops,
                                              @ForAll Thp thp, @ForAll("folioOrder") int folio) {
        for (ForkPolicy p : ForkPolicies.all()) {
            Run range = new Run(p, withFolios(MachineConfig.defaults().withThp(thp), folio), false);
            Run pages = new Run(p, withFolios(MachineConfig.defaults().withThp(thp), folio), true);
            for (int step = 0; step < ops.size(); step++) {
                Op op = ops.get(step);
                assertEquals(range.apply(op), pages.apply(op), p + " step " + step + " " + op);
                assertEquals(range.m.faults().toString(), pages.m.faults().toString(), p + " faults at step " + step);
                assertEquals(range.m.work().asMap(), pages.m.work().asMap(), p + " work at step " + step);
                assertEquals(range.m.memoryInUse(), pages.m.memoryInUse(), p + " memory at step " + step);
            }
            for (int slot = 0; slot < range.procs.size(); slot++) {
                Mm a = range.procs.get(slot);
                Mm b = pages.procs.get(slot);
                assertEquals(a.rss(), b.rss());
                assertEquals(a.pgtablesBytes(), b.pgtablesBytes());
                for (int pg = 0; a.alive() && pg < WINDOW_PAGES; pg += 7) {
                    assertEquals(peek(range.m, a, BASE + pg * PAGE), peek(pages.m, b, BASE + pg * PAGE));
                }
            }
        }
    }

    private static String peek(Machine m, Mm mm, long addr) {
        try {
            return Long.toString(m.peek(mm, addr));
        } catch (MmError e) {
            return "unmapped";
        }
    }

    /** One machine under one policy, with the same process slots as the others. */
    private static final class Run {
        final ForkPolicy policy;
        final Machine m;
        final List<Mm> procs = new ArrayList<>();

        /** Accesses ranges one page per call, as a check of the machine's range path. */
        boolean pageByPage;

        Run(ForkPolicy policy, MachineConfig config, boolean pageByPage) {
            this(policy, config);
            this.pageByPage = pageByPage;
        }

        Run(ForkPolicy policy, MachineConfig config) {
            this.policy = policy;
            this.m = new Machine(config);
            Mm p0 = m.createProcess("p0");
            procs.add(p0);
            // Two private regions sharing the second PTE table, a shared one, a dontfork one;
            // under thp madvise, a's two whole 2 MiB may take huge pages.
            m.mmap(p0, "a", 1280 * PAGE, BASE, EnumSet.of(MapFlag.HUGEPAGE));
            m.mmap(p0, "b", 256 * PAGE, BASE + 1280 * PAGE, EnumSet.noneOf(MapFlag.class));
            m.mmap(p0, "shm", 256 * PAGE, BASE + 1536 * PAGE, EnumSet.of(MapFlag.SHARED));
            m.mmap(p0, "d", 256 * PAGE, BASE + 1792 * PAGE, EnumSet.of(MapFlag.DONTFORK));
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
                        int a = op.arg % 16;
                        if (a == 1) {
                            f.add(MapFlag.SHARED);
                        } else if (a == 2) {
                            f.add(MapFlag.READONLY);
                        } else if (a == 3) {
                            f.add(MapFlag.DONTFORK);
                        } else if (a == 4) {
                            f.add(MapFlag.WIPEONFORK);
                        } else if (a == 5 || a == 6) {
                            f.add(MapFlag.HUGEPAGE);
                        } else if (a == 7) {
                            f.add(MapFlag.NOHUGEPAGE);
                        }
                        m.mmap(mm, "r" + op.arg, len, start, f);
                    }
                    case MUNMAP -> m.munmap(mm, start, len);
                    case MPROTECT -> m.mprotect(mm, start, len, op.arg % 2 == 0);
                    case MADVISE -> m.madvise(mm, start, len, Advice.values()[op.arg % Advice.values().length]);
                    case TOUCH -> {
                        if (pageByPage) {
                            for (long a = start; a < start + len; a += PAGE) {
                                m.touch(mm, a, PAGE, op.arg % 3 != 0);
                            }
                        } else {
                            m.touch(mm, start, len, op.arg % 3 != 0);
                        }
                    }
                    case READ -> {
                        return "read " + m.read(mm, start);
                    }
                    case WRITE -> {
                        long n = Math.min(len, 8 * PAGE);
                        if (pageByPage) {
                            for (long a = start; a < start + n; a += PAGE) {
                                m.write(mm, a, PAGE, op.arg);
                            }
                        } else {
                            m.write(mm, start, n, op.arg);
                        }
                    }
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
            }
        }
    }
}
