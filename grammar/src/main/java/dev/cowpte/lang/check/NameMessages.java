package dev.cowpte.lang.check;

/**
 * The words of each problem with a name, whoever finds it: the checker before a run, or the
 * interpreter when only the run can know (a family's instance, a name read at a debugger's stop).
 * One problem, one code ({@link dev.cowpte.lang.DiagnosticCode}) and one wording.
 */
public final class NameMessages {
    private NameMessages() {
    }

    /** {@code duplicate-process}: a second process of a name in use. */
    public static String processAlreadyDeclared(String process, int line) {
        return "process '" + process + "' is already declared at line " + line;
    }

    /** {@code duplicate-process}: a name declared again by the same statement in a later iteration of its repeat. */
    public static String processDeclaredByAnEarlierIteration(String process, String written) {
        return "process '" + process + "' is already declared by an earlier iteration of the repeat; give each"
                + " iteration its own name with a variable, as in 'repeat N as i' and '" + written + "{i}'";
    }

    /**
     * {@code exited-process}: a process declared under the name of one that is gone;
     * {@code how}: "exited at line 3".
     */
    public static String nameOfAGoneProcess(String process, String how) {
        return "the name '" + process + "' belonged to a process that " + how + "; a name can not be used again";
    }

    /** {@code exited-process}: a use of a process that is gone ({@code how}: "exited at line 3"). */
    public static String processGone(String process, String how) {
        return "process '" + process + "' " + how + "; it can not be used after that";
    }

    /** {@code undeclared-region}: a region the process does not know. */
    public static String noSuchRegion(String process, String region) {
        return "process '" + process + "' has no region '" + region + "'; map it first with 'mmap " + process + " "
                + region + " SIZE'";
    }

    /** {@code duplicate-region}: an mmap of a name that still names mapped pages. */
    public static String regionAlreadyMapped(String region, String process, int line) {
        return "region '" + region + "' is already mapped in process '" + process + "' (line " + line + ")";
    }

    /** {@code duplicate-region}: a region mapped again by the same mmap in a later iteration of its repeat. */
    public static String regionMappedByAnEarlierIteration(String region, String process) {
        return "region '" + region + "' is already mapped in process '" + process + "' by an earlier iteration of"
                + " the repeat";
    }

    /** {@code undeclared-variable}: a placeholder that no enclosing repeat binds. */
    public static String placeholderNotBound(String variable, String name) {
        return "'{" + variable + "}' in '" + name + "' is not a repeat variable here; names with {" + variable
                + "} stand inside 'repeat N as " + variable + " { ... }'";
    }

    /** {@code undeclared-variable}: an index or size that names no enclosing repeat's variable. */
    public static String indexNotBound(String variable) {
        return "'" + variable + "' is not a repeat variable here; write 'repeat N as " + variable
                + " { ... }' around it, or a page number";
    }
}
