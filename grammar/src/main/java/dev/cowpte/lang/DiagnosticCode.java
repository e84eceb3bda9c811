package dev.cowpte.lang;

import dev.cowpte.lang.Diagnostic.Severity;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every kind of problem cowpte reports, with the code users see (in the editor, {@code cowpte
 * check}, JSON and JUnit output), the severity the editor shows it with, and one line that says
 * what it means. The one list of codes: docs/DIAGNOSTICS.md is checked against it. Codes found by
 * the front end come first, then those of a run, of reading a file and of the editor alone.
 */
public enum DiagnosticCode {
    // ---- the front end: found before anything runs (cowpte check)
    SYNTAX("syntax", Stage.CHECK, Severity.ERROR,
            "the line does not parse; the message names what could stand where the error is"),
    TOO_MANY_ERRORS("too-many-errors", Stage.CHECK, Severity.ERROR,
            "more than 100 syntax errors: the rest of the file is not checked"),
    NESTING_TOO_DEEP("nesting-too-deep", Stage.CHECK, Severity.ERROR,
            "repeat blocks nested deeper than the limit"),
    TOO_LARGE("too-large", Stage.CHECK, Severity.ERROR,
            "the scenario's text is longer than the limit (repeat makes long runs short)"),
    NUMBER_TOO_LARGE("number-too-large", Stage.CHECK, Severity.ERROR,
            "a number or size does not fit in 64 bits"),
    DUPLICATE_OPTION("duplicate-option", Stage.CHECK, Severity.ERROR,
            "an option of mmap is given twice"),
    CONFLICTING_OPTIONS("conflicting-options", Stage.CHECK, Severity.ERROR,
            "options that exclude each other, as hugepage and nohugepage"),
    SCENARIO_NOT_FIRST("scenario-not-first", Stage.CHECK, Severity.ERROR,
            "'scenario' gives the title and may only be the first statement, once"),
    MACHINE_AFTER_PROCESS("machine-after-process", Stage.CHECK, Severity.ERROR,
            "a machine setting after the first process; settings come first"),
    MACHINE_MEMORY("machine-memory", Stage.CHECK, Severity.ERROR,
            "machine memory of 0 or over the limit"),
    MACHINE_LEVELS("machine-levels", Stage.CHECK, Severity.ERROR,
            "paging levels other than 4 or 5"),
    MACHINE_THP_SIZE("machine-thp-size", Stage.CHECK, Severity.ERROR,
            "a multi-size THP size other than 16K, 32K, 64K, 128K, 256K, 512K, 1M or 2M, or 'inherit' without a size"),
    MACHINE_KERNEL("machine-kernel", Stage.CHECK, Severity.ERROR,
            "a kernel version with no profile, or a machine line the kernel profile cannot have"),
    MTHP_STATISTIC("mthp-statistic", Stage.CHECK, Severity.ERROR,
            "an mTHP statistic the kernel does not keep"),
    UNKNOWN_POLICY("unknown-policy", Stage.CHECK, Severity.ERROR,
            "a fork policy that no design of the simulator has"),
    SEGV_NOT_ACCESS("segv-not-access", Stage.CHECK, Severity.ERROR,
            "'expect segv' before a statement that is not an access to memory"),
    REPEAT_LIMIT("repeat-limit", Stage.CHECK, Severity.ERROR,
            "a repeat count over the limit, or repeats that multiply to more statement runs than the limit"),
    REPEAT_NEVER_RUNS("repeat-never-runs", Stage.CHECK, Severity.WARNING,
            "'repeat 0' never runs its block"),
    UNDECLARED_VARIABLE("undeclared-variable", Stage.CHECK, Severity.ERROR,
            "a repeat variable used outside a repeat that declares it with 'as'"),
    DUPLICATE_VARIABLE("duplicate-variable", Stage.CHECK, Severity.ERROR,
            "an inner repeat that takes the name of an outer repeat's variable"),
    UNDECLARED_PROCESS("undeclared-process", Stage.CHECK, Severity.ERROR,
            "a process name that no 'process' or 'fork' declared before"),
    DUPLICATE_PROCESS("duplicate-process", Stage.CHECK, Severity.ERROR,
            "a process name declared twice, or again by each iteration of a repeat"),
    EXITED_PROCESS("exited-process", Stage.CHECK, Severity.ERROR,
            "a process used after it exited or was killed; its name can not be used again"),
    UNDECLARED_FILE("undeclared-file", Stage.CHECK, Severity.ERROR,
            "'mmap … file F' of a file that no 'file' statement declared before"),
    DUPLICATE_FILE("duplicate-file", Stage.CHECK, Severity.ERROR,
            "a file declared twice, or again by each iteration of a repeat"),
    PAST_END_OF_FILE("past-end-of-file", Stage.CHECK, Severity.ERROR,
            "a mapping of a file larger than the file: an access past its end would be SIGBUS"),
    UNDECLARED_REGION("undeclared-region", Stage.CHECK, Severity.ERROR,
            "a region name that the process never mapped"),
    DUPLICATE_REGION("duplicate-region", Stage.CHECK, Severity.ERROR,
            "a region name mapped again in a process while part of it is still mapped"),
    UNMAPPED_REGION("unmapped-region", Stage.CHECK, Severity.ERROR,
            "an access to pages the process no longer maps (munmap, dontfork) outside 'expect segv'"),
    READONLY_REGION("readonly-region", Stage.CHECK, Severity.ERROR,
            "a write to a region mapped readonly outside 'expect segv'"),
    INDEX_OUT_OF_REGION("index-out-of-region", Stage.CHECK, Severity.ERROR,
            "a page index or range bound outside its region"),
    EMPTY_RANGE("empty-range", Stage.CHECK, Severity.ERROR,
            "a range A..B with B not after A"),
    OFFSET_OVERFLOW("offset-overflow", Stage.CHECK, Severity.ERROR,
            "an offset expression whose value does not fit in 64 bits, or that multiplies two sizes"),
    BAD_PAGE_SET("bad-page-set", Stage.CHECK, Severity.ERROR,
            "a page set with step 0 or less than a page, a percentage outside 0..100, or where one address is taken"),
    READ_OF_REGION("read-of-region", Stage.CHECK, Severity.HINT,
            "read of a region of more than one page loads its first page only: touch P R read loads every page"),
    ZERO_SIZE("zero-size", Stage.CHECK, Severity.ERROR,
            "an mmap of size 0"),
    SIZE_TOO_LARGE("size-too-large", Stage.CHECK, Severity.ERROR,
            "an mmap larger than the address space, or one whose 'at' puts it past its end"),
    UNALIGNED_AT("unaligned-at", Stage.CHECK, Severity.ERROR,
            "an 'at' address that is not page-aligned"),
    OVERLAPPING_AT("overlapping-at", Stage.CHECK, Severity.ERROR,
            "an 'at' range over a region the process already maps"),
    MSHARE_SIZE("mshare-size", Stage.CHECK, Severity.ERROR,
            "an mshare mapping whose size or 'at' is not a multiple of 512 GiB (mshare_align), or with other options"),
    HUGETLB_SIZE("hugetlb-size", Stage.CHECK, Severity.ERROR,
            "a hugetlb page size other than 2M or 1G, or a hugetlb mmap whose size or 'at' is not a multiple of it"),

    // ---- a run: found while the simulator runs the scenario (cowpte run)
    EXPECTATION_FAILED("expectation-failed", Stage.RUN, Severity.ERROR,
            "an expectation did not hold; the message gives the expected and the actual value"),
    SEGV("segv", Stage.RUN, Severity.ERROR,
            "an access was a segmentation fault and the process is killed, outside 'expect segv'"),
    OUT_OF_MEMORY("out-of-memory", Stage.RUN, Severity.ERROR,
            "the simulated machine ran out of memory; the scenario stops there"),
    HEAP_EXHAUSTED("heap-exhausted", Stage.RUN, Severity.ERROR,
            "simulating needs more Java heap than the JVM may take; the scenario stops there"),
    STEP_BUDGET("step-budget", Stage.RUN, Severity.ERROR,
            "the run used up its budget of statements (repeat iterations included) and stops"),
    CANCELLED("cancelled", Stage.RUN, Severity.INFO,
            "the run was cancelled (the text changed, or the user stopped it); no fault of the scenario"),
    MM_ERROR("mm-error", Stage.RUN, Severity.ERROR,
            "the simulated kernel refused a system call, as Linux would (EINVAL, ENOMEM ...)"),
    MACHINE_LIMIT("machine-limit", Stage.RUN, Severity.ERROR,
            "a machine setting the simulator can not take"),
    NEVER_CREATED("never-created", Stage.RUN, Severity.ERROR,
            "a process whose fork failed, so that it was never created"),
    BAD_TEMPLATE("bad-template", Stage.RUN, Severity.ERROR,
            "a name with an unclosed '{'"),
    INVARIANT("invariant", Stage.RUN, Severity.ERROR,
            "an invariant of the simulator broke after the statement: a bug of the simulator"),
    INTERNAL_ERROR("internal-error", Stage.RUN, Severity.ERROR,
            "cowpte itself failed on this input: a bug, to be reported with the file"),

    // ---- reading a file (the command line)
    UNREADABLE("unreadable", Stage.FILE, Severity.ERROR,
            "the file can not be read"),
    NOT_UTF8("not-utf8", Stage.FILE, Severity.ERROR,
            "the file is not UTF-8 text"),

    // ---- the editor alone
    NOT_RUN("not-run", Stage.EDITOR, Severity.HINT,
            "statements after the one that stopped the run, shown faded"),
    KERNEL_DISAGREES("kernel-disagrees", Stage.EDITOR, Severity.WARNING,
            "a check against the running kernel found other values than the simulator's"),
    KERNEL_NOT_RUN("kernel-not-run", Stage.EDITOR, Severity.INFO,
            "why a check against the running kernel compared nothing");

    /** Where a problem is found. */
    public enum Stage {
        CHECK("the front end, before anything runs (`cowpte check`)"),
        RUN("a run on the simulator"),
        FILE("reading a file (the command line)"),
        EDITOR("the editor alone");

        private final String description;

        Stage(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private static final Map<String, DiagnosticCode> BY_ID = new HashMap<>();

    static {
        for (DiagnosticCode c : values()) {
            BY_ID.put(c.id, c);
        }
    }

    private final String id;
    private final Stage stage;
    private final Severity severity;
    private final String documentation;

    DiagnosticCode(String id, Stage stage, Severity severity, String documentation) {
        this.id = id;
        this.stage = stage;
        this.severity = severity;
        this.documentation = documentation;
    }

    /** The code as users see it: {@code undeclared-process}. */
    public String id() {
        return id;
    }

    public Stage stage() {
        return stage;
    }

    /** The severity the editor shows it with. */
    public Severity severity() {
        return severity;
    }

    /** One line: what the problem is. */
    public String documentation() {
        return documentation;
    }

    /** The code written {@code id}, if there is one. */
    public static Optional<DiagnosticCode> byId(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }

    @Override
    public String toString() {
        return id;
    }
}
