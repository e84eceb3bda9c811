package dev.cowpte.cli;

/** The exit codes of every cowpte command. */
final class ExitCodes {
    /** Everything ran and every expectation held. */
    static final int OK = 0;
    /** An expectation failed (the scenario itself ran). */
    static final int FAILED = 1;
    /** An error: in a scenario (syntax, names, refused calls, SIGSEGV not expected, OOM) or on the command line. */
    static final int ERROR = 2;
    /**
     * {@code cowpte kernel}: nothing was compared with the kernel (every file was not run on it:
     * not Linux, a scenario larger than the machine, machine lines of another kernel), and nothing
     * failed either; a gate that needs the kernel is not green without one.
     */
    static final int NOT_COMPARED = 4;

    private ExitCodes() {
    }

    static int worst(int a, int b) {
        return Math.max(a, b);
    }
}
