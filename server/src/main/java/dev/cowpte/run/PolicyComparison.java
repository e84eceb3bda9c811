package dev.cowpte.run;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.mm.FaultCounters;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.Mm;
import dev.cowpte.mm.TableSharing;
import dev.cowpte.mm.Work;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one scenario under several fork policies. The compared policy is the initial policy and
 * replaces every {@code policy} statement; a {@code fork P -> C policy X} keeps its X, because the
 * author pinned that fork on purpose.
 */
public final class PolicyComparison {
    private PolicyComparison() {
    }

    /**
     * One process's numbers: at the end of the run, or just before it exited or was killed;
     * {@code hugetlbBytes} is its HugetlbPages; {@code tables} the tables it reached then, by the
     * mechanism that shared them, where the scenario maps shared hugetlb memory or an mshare
     * region ({@link SharedTableMappings}), else null.
     */
    public record ProcessNumbers(String comm, long pgtablesBytes, long rssPages, FaultCounters faults,
                                 long hugetlbBytes, TableSharing.Process tables) {
        public ProcessNumbers(String comm, long pgtablesBytes, long rssPages, FaultCounters faults) {
            this(comm, pgtablesBytes, rssPages, faults, 0, null);
        }

        ProcessNumbers withTables(TableSharing.Process t) {
            return new ProcessNumbers(comm, pgtablesBytes, rssPages, faults, hugetlbBytes, t);
        }
    }

    /**
     * Who shared which page tables at the machine's page-table peak (the last statement after which
     * the machine held the most), and the machine's faults then.
     */
    public record SharingPeak(TableSharing tables, FaultCounters faults) {
    }

    /**
     * One policy's run: the scenario's result, per-process numbers, machine peaks and totals; the
     * work split into what the parents' fork() calls did and what the forks deferred, and the
     * work inside each fork() call, in order; who shared which tables at the page-table peak where
     * the scenario maps shared hugetlb memory or an mshare region, else null.
     */
    public record PolicyRun(String policy, RunResult result, List<ProcessNumbers> processes,
                            long peakPageTablesBytes, long peakMemoryBytes, long finalPageTablesBytes,
                            FaultCounters faults, Work work, Work atFork, Work deferred, List<Work> forks,
                            int forksTakingPolicy, SharingPeak sharing) {

        /** The same run under another column name. */
        public PolicyRun named(String name) {
            return new PolicyRun(name, result, processes, peakPageTablesBytes, peakMemoryBytes, finalPageTablesBytes,
                    faults, work, atFork, deferred, forks, forksTakingPolicy, sharing);
        }
    }

    /**
     * The warning when the compared policy reached no fork: every executed fork named its own
     * policy ({@code fork P -> C policy X}), or the scenario forked nothing, so the policies'
     * columns cannot differ by their forks. Empty when some fork took the compared policy, or
     * when nothing ran.
     */
    public static java.util.Optional<String> unreached(String file, List<PolicyRun> runs) {
        if (runs.isEmpty() || noneRan(runs) || runs.stream().anyMatch(r -> r.forksTakingPolicy() > 0)) {
            return java.util.Optional.empty();
        }
        int forks = runs.stream().mapToInt(r -> r.forks().size()).max().orElse(0);
        String why = forks == 0
                ? "the scenario makes no fork"
                : "every fork in the scenario names its own policy ('fork P -> C policy X')";
        return java.util.Optional.of((file == null ? "" : file + ": ") + "warning: the compared policy reaches no fork: "
                + why + ", so the policies' columns are alike; remove 'policy X' from a fork to compare it");
    }

    /**
     * The problems of the runs other than failed expectations, as {@code file:line:col: message}
     * lines: one found under every policy (a syntax or name error, an error the policy does not
     * change) once, others with the policy they came from, {@code [policy X]}.
     */
    public static List<String> problems(String file, List<PolicyRun> runs) {
        List<String> out = new ArrayList<>();
        Set<Diagnostic> printed = new HashSet<>();
        for (PolicyRun r : runs) {
            for (Diagnostic d : r.result().diagnostics()) {
                if (d.code() == DiagnosticCode.EXPECTATION_FAILED) {
                    continue;
                }
                boolean everywhere = runs.stream().allMatch(o -> o.result().diagnostics().contains(d));
                if (!everywhere) {
                    out.add(d.format(file) + " [policy " + r.policy() + "]");
                } else if (printed.add(d)) {
                    out.add(d.format(file));
                }
            }
        }
        return out;
    }

    /** Whether no policy's run executed a statement (the front end found an error). */
    public static boolean noneRan(List<PolicyRun> runs) {
        return runs.stream().allMatch(r -> r.result().records().isEmpty());
    }

    public static List<PolicyRun> compare(String text, List<String> policies, RunOptions base) {
        return compare(text, policies, base, false);
    }

    /**
     * Each policy's run; with {@code withThp} each policy runs twice, as written and with the
     * machine's transparent huge pages set to {@code always} (a column {@code POLICY+thp}), so
     * that the same scenario is seen with 4 KiB pages and with PMD-mapped 2 MiB pages.
     */
    public static List<PolicyRun> compare(String text, List<String> policies, RunOptions base, boolean withThp) {
        return compare(text, policies, base, withThp, column -> RunListener.NONE);
    }

    /** As {@link #compare(String, List, RunOptions, boolean)}, {@code watch} giving a listener to each column's run. */
    public static List<PolicyRun> compare(String text, List<String> policies, RunOptions base, boolean withThp,
                                          java.util.function.Function<String, RunListener> watch) {
        List<PolicyRun> out = new ArrayList<>();
        for (String p : policies) {
            out.add(run(text, p, base, watch.apply(p)));
            if (withThp) {
                PolicyRun thp = run(text, p, base.withMachineOverride(c -> c.withThp(dev.cowpte.mm.Thp.ALWAYS)),
                        watch.apply(p + "+thp"));
                out.add(thp.named(p + "+thp"));
            }
        }
        return out;
    }

    /**
     * One policy's run, as {@link #compare} makes it, with another listener watching the same run
     * (a report's recorder); {@code also} hears every call after the comparison's own collector.
     */
    public static PolicyRun run(String text, String policy, RunOptions base, RunListener also) {
        Collector c = new Collector(SharedTableMappings.in(ScenarioRunner.check(text).scenario()));
        RunResult r = ScenarioRunner.run(text, base.withPolicyOverride(policy), RunListener.all(c, also));
        SharingPeak sharing = c.sharingPeakStep > 0
                ? new SharingPeak(tableSharingAfter(text, base.withPolicyOverride(policy), c.sharingPeakStep),
                        c.sharingPeakFaults) : null;
        return new PolicyRun(policy, r, c.processes(), c.peakTables, c.peakMemory, c.finalTables,
                c.faults == null ? new FaultCounters() : c.faults, c.work == null ? new Work() : c.work,
                c.atFork, c.deferred, List.copyOf(c.forks), c.forksTakingPolicy, sharing);
    }

    /**
     * The machine's page tables by sharing after the {@code step}-th executed statement: the run
     * is deterministic, so a second run stopped there sees what the first saw, and the view,
     * which walks every process's tables, is taken once instead of at each new peak.
     */
    private static TableSharing tableSharingAfter(String text, RunOptions options, long step) {
        TableSharing[] view = new TableSharing[1];
        RunListener atPeak = new RunListener() {
            private long n;

            @Override
            public void afterStatement(Machine machine, List<Mm> alive) {
                if (++n == step) {
                    view[0] = machine.inspector().tableSharing();
                    throw new Interpreter.Stop();
                }
            }
        };
        try {
            ScenarioRunner.run(text, options, atPeak);
        } catch (Interpreter.Stop reached) {
            // the view is taken
        }
        return view[0];
    }

    /** Keeps each process's latest numbers while it lives, and the machine's peaks. */
    private static final class Collector implements RunListener {
        final Map<Mm, ProcessNumbers> last = new LinkedHashMap<>();
        long peakTables;
        long peakMemory;
        long finalTables;
        FaultCounters faults;
        Work work;
        Work atFork = new Work();
        Work deferred = new Work();
        final List<Work> forks = new ArrayList<>();
        int forksTakingPolicy;
        /** Whether to take the sharing views: the scenario maps shared hugetlb memory or an mshare region. */
        final boolean watchSharing;
        Machine machine;
        /** The executed statements so far, and the last one after which the page tables were at their peak. */
        long statements;
        long sharingPeakStep;
        FaultCounters sharingPeakFaults;
        long sharingPeakBytes = -1;
        /** Each exited process's tables just before its exit. */
        final Map<Mm, TableSharing.Process> exitTables = new LinkedHashMap<>();

        Collector(boolean watchSharing) {
            this.watchSharing = watchSharing;
        }

        /** Each process's numbers, with its tables (at its exit, else now) when the sharing is watched. */
        List<ProcessNumbers> processes() {
            if (!watchSharing || machine == null) {
                return List.copyOf(last.values());
            }
            List<ProcessNumbers> out = new ArrayList<>();
            last.forEach((mm, n) -> out.add(n.withTables(exitTables.containsKey(mm) ? exitTables.get(mm)
                    : machine.inspector().tableSharing(mm))));
            return List.copyOf(out);
        }

        @Override
        public void beforeStatement(dev.cowpte.lang.ast.Statement s, boolean detailed, Machine machine, List<Mm> alive,
                                    List<Mm> named) {
            if (s instanceof dev.cowpte.lang.ast.Statement.Fork f && f.policy() == null) {
                forksTakingPolicy++;
            }
        }

        @Override
        public void afterStatement(Machine machine, List<Mm> alive) {
            for (Mm mm : alive) {
                remember(mm);
            }
            for (Mm mm : machine.processes()) {
                if (!last.containsKey(mm)) {
                    last.put(mm, numbers(mm));
                }
            }
            peakTables = Math.max(peakTables, machine.pageTablesBytes());
            peakMemory = Math.max(peakMemory, machine.memoryInUse());
            finalTables = machine.pageTablesBytes();
            faults = machine.faults();
            work = machine.work();
            Work nowAtFork = machine.workAtFork();
            Work fork = nowAtFork.since(atFork);
            if (!fork.isZero()) {
                forks.add(fork); // one statement makes at most one fork per execution
            }
            atFork = nowAtFork;
            deferred = machine.workDeferred();
            this.machine = machine;
            statements++;
            if (watchSharing && machine.pageTablesBytes() >= sharingPeakBytes) {
                sharingPeakBytes = machine.pageTablesBytes();
                sharingPeakStep = statements;
                sharingPeakFaults = machine.faults();
            }
        }

        @Override
        public void beforeExit(Machine machine, Mm mm) {
            if (mm.alive()) {
                remember(mm);
                if (watchSharing) {
                    exitTables.put(mm, machine.inspector().tableSharing(mm));
                }
            }
        }

        /** mm's numbers now, kept in place of the last ones when they differ (most processes stand still). */
        private void remember(Mm mm) {
            ProcessNumbers was = last.get(mm);
            if (was == null || changed(was, mm)) {
                last.put(mm, numbers(mm));
            }
        }

        private static boolean changed(ProcessNumbers n, Mm mm) {
            FaultCounters f = mm.faults();
            return n.pgtablesBytes() != mm.pgtablesBytes() || n.rssPages() != mm.rss()
                    || n.hugetlbBytes() != mm.hugetlbBytes() || n.faults().all() != f.all()
                    || n.faults().cow() != f.cow() || n.faults().zero() != f.zero() || n.faults().table() != f.table();
        }

        private static ProcessNumbers numbers(Mm mm) {
            return new ProcessNumbers(mm.comm(), mm.pgtablesBytes(), mm.rss(), mm.faults().snapshot(),
                    mm.hugetlbBytes(), null);
        }
    }
}
