package dev.cowpte.cli;

/** The exit codes of every cowpte command. */
final class ExitCodes {
    /** Everything ran and every expectation held. */
    static final int OK = 0;
    /** An expectation failed (the scenario itself ran). */
    static final int FAILED = 1;
    /** An error: in a scenario (syntax, names, refused calls, SIGSEGV not expected, OOM) or on the command line. */
    static final int ERROR = 2;

    private ExitCodes() {
    }

    static int worst(int a, int b) {
        return Math.max(a, b);
    }
}
