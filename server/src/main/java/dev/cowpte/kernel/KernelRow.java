package dev.cowpte.kernel;

import dev.cowpte.lang.SourceRange;

/**
 * One line of a kernel comparison: after a statement, a counter of a process or of the machine
 * (or an expectation, or an event such as a SIGSEGV) as the kernel showed it beside the
 * simulated value, and whether they agree.
 *
 * @param heldOnKernel    for an expectation: whether it holds on the kernel (null otherwise, or when not comparable)
 * @param heldOnSimulator for an expectation: whether it holds in the simulation
 * @param note            why the row is not comparable, or what the kernel said; may be empty
 * @param expected        for an expectation: the expected side as written, with its comparison ({@code == 4}); may be empty
 */
public record KernelRow(SourceRange range, String statement, Kind kind, String counter, String kernel,
                        String simulated, Verdict verdict, Boolean heldOnKernel, Boolean heldOnSimulator,
                        String note, String expected) {

    public KernelRow(SourceRange range, String statement, Kind kind, String counter, String kernel, String simulated,
                     Verdict verdict, Boolean heldOnKernel, Boolean heldOnSimulator, String note) {
        this(range, statement, kind, counter, kernel, simulated, verdict, heldOnKernel, heldOnSimulator, note, "");
    }

    public enum Kind { COUNTER, EXPECTATION, EVENT }

    public enum Verdict {
        AGREE, DISAGREE, NOT_COMPARABLE;

        public String word() {
            return switch (this) {
                case AGREE -> "agree";
                case DISAGREE -> "DISAGREE";
                case NOT_COMPARABLE -> "not comparable";
            };
        }
    }

    /** An expectation that failed in the simulation, or on the kernel where the kernel answered it. */
    public boolean failedSomewhere() {
        return kind == Kind.EXPECTATION
                && (!Boolean.TRUE.equals(heldOnSimulator) || Boolean.FALSE.equals(heldOnKernel));
    }

    /** For the expectation rows that both sides evaluated: held on both, or which side failed. */
    public String outcome() {
        if (kind != Kind.EXPECTATION) {
            return "";
        }
        if (heldOnKernel == null) {
            return heldOnSimulator ? "held (simulator)" : "failed (simulator)";
        }
        if (heldOnKernel && heldOnSimulator) {
            return "held on both";
        }
        if (!heldOnKernel && !heldOnSimulator) {
            return "failed on both";
        }
        return heldOnKernel ? "failed in the simulator only" : "failed on the kernel only";
    }
}
