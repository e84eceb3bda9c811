package dev.cowpte.run;

/** What became of a statement, worst first when a repeat ran it several times. */
public enum Outcome {
    /** Not reached: the run stopped before it (out of memory, step budget, cancelled). */
    NOT_RUN,
    /** Ran without anything to report. */
    OK,
    /** An expectation held (and, for {@code expect segv}, the access was killed). */
    PASSED,
    /** An expectation did not hold. */
    FAILED,
    /** Refused or wrong: a name, an index, a system call the kernel refuses, an unexpected SIGSEGV. */
    ERROR,
    /** Out of memory, step budget or cancellation: nothing after it ran. */
    STOPPED;

    Outcome worse(Outcome other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
