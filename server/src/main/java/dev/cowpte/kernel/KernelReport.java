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
                           List<String> notes, double seconds, List<KernelForkTime> forks) {

    /** A report with no fork timed on the kernel. */
    public KernelReport(KernelFacts facts, RunResult simulated, List<KernelRow> rows, List<String> refused,
                        List<String> notes, double seconds) {
        this(facts, simulated, rows, refused, notes, seconds, List.of());
    }

    public long count(Verdict v) {
        return rows.stream().filter(r -> r.verdict() == v).count();
    }

    /**
     * Expectations that failed on either side ({@code failedSomewhere}), or that were compared
     * with the kernel and held on both.
     */
    public long expectations(boolean failedSomewhere) {
        return rows.stream().filter(r -> r.kind() == Kind.EXPECTATION && failedSomewhere == failedSomewhere(r)
                && (failedSomewhere || r.verdict() != Verdict.NOT_COMPARABLE)).count();
    }

    /** Expectations held in the simulation that the kernel could not answer (not comparable). */
    public long expectationsNotCompared() {
        return rows.stream().filter(r -> r.kind() == Kind.EXPECTATION && !failedSomewhere(r)
                && r.verdict() == Verdict.NOT_COMPARABLE).count();
    }

    private static boolean failedSomewhere(KernelRow r) {
        return !r.heldOnSimulator() || Boolean.FALSE.equals(r.heldOnKernel());
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
