package dev.cowpte.kernel;

import dev.cowpte.kernel.KernelRow.Kind;
import dev.cowpte.kernel.KernelRow.Verdict;
import dev.cowpte.run.RunResult;
import java.util.List;

/**
 * A scenario run on the simulator and on the running kernel: the simulator's own result, the
 * rows of the comparison, and what could not be done at all ({@code refused}: nothing ran on
 * the kernel, with the reasons); {@code forks}: each fork's time on the kernel beside its modeled
 * latency.
 */
public record KernelReport(KernelFacts facts, RunResult simulated, List<KernelRow> rows, List<String> refused,
                           List<String> notes, double seconds, Coverage coverage,
                           List<KernelForkTime> forks) {

    public KernelReport(KernelFacts facts, RunResult simulated, List<KernelRow> rows, List<String> refused,
                        List<String> notes, double seconds) {
        this(facts, simulated, rows, refused, notes, seconds, Coverage.NONE, List.of());
    }

    /**
     * How many counter readings were set beside the simulation on the kernel: after each
     * statement that made calls, every counter of every compared process and of the machine,
     * each counted whether or not a row shows it (a row shows a counter when its values changed
     * or disagree); and how many were not, because the process was compared on values only
     * from then on (a fork of another policy, a read-only pin, a THP fallback), its page-table
     * bytes share upper tables with the helper, or it had died or diverged on one side.
     */
    public record Coverage(long countersCompared, long countersNotCompared) {
        public static final Coverage NONE = new Coverage(0, 0);
    }

    /** Whether the scenario ran on the kernel at all (it was not refused). */
    public boolean ranOnKernel() {
        return refused.isEmpty();
    }

    /** Expectation rows: every expectation evaluated, each iteration of a repeat apart. */
    public long expectationRows() {
        return rows.stream().filter(r -> r.kind() == Kind.EXPECTATION).count();
    }

    /** Expectation rows the kernel answered (agreeing or not). */
    public long expectationsCompared() {
        return rows.stream().filter(r -> r.kind() == Kind.EXPECTATION && r.verdict() != Verdict.NOT_COMPARABLE)
                .count();
    }

    public long count(Verdict v) {
        return rows.stream().filter(r -> r.verdict() == v).count();
    }

    /**
     * Expectations that failed on either side ({@code failedSomewhere}), or that were compared
     * with the kernel and held on both.
     */
    public long expectations(boolean failedSomewhere) {
        return rows.stream().filter(r -> r.kind() == Kind.EXPECTATION && failedSomewhere == r.failedSomewhere()
                && (failedSomewhere || r.verdict() != Verdict.NOT_COMPARABLE)).count();
    }

    /** Expectations held in the simulation that the kernel could not answer (not comparable). */
    public long expectationsNotCompared() {
        return rows.stream().filter(r -> r.kind() == Kind.EXPECTATION && !r.failedSomewhere()
                && r.verdict() == Verdict.NOT_COMPARABLE).count();
    }


    /**
     * 0 when the kernel and the simulation agree on everything compared and every expectation
     * holds on both; 1 otherwise; 2 when the scenario has errors.
     */
    public int exitCode() {
        int sim = simulated.exitCode();
        if (sim == 2) {
            return 2;
        }
        if (count(Verdict.DISAGREE) > 0 || sim == 1 || expectations(true) > 0) {
            return 1;
        }
        return 0;
    }
}
