package dev.cowpte.run;

import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.DiagnosticData;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.mm.MachineSummary;
import dev.cowpte.mm.MmSummary;
import dev.cowpte.mm.PageWalk;
import dev.cowpte.mm.Work;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one statement did, for editors and reports. A statement inside a {@code repeat} is run
 * many times but recorded once: counts and work totals over every run, the first failure and the
 * first error, and the state, work and walks of its last run only, so a record's size does not
 * depend on the repeat count.
 */
public final class StatementRecord {
    /**
     * A page walk and where the address it walks stands in the source: the address node of the
     * statement (or the region name of an {@code mmap}). Two walks share a range when one address
     * is named for two processes ({@code expect shared p q buf[0]}).
     */
    public record AddressWalk(SourceRange address, PageWalk walk) {
    }

    /** At most this many processes' summaries are kept per statement. */
    public static final int MAX_PROCESSES = 256;

    private final Statement statement;
    private final String text;
    private long executions;
    private Outcome outcome = Outcome.NOT_RUN;
    private long passed;
    private long failed;
    private ExpectationOutcome expectation;
    private ExpectationOutcome firstFailure;
    private long errors;
    private String errorMessage;
    private DiagnosticCode errorCode;
    private List<DiagnosticData> errorData = List.of();
    private SourceRange errorRange;
    private List<String> invariantViolations = List.of();
    private String note;
    private dev.cowpte.mm.ForkPolicy forkPolicy;
    private Map<String, Long> work = Map.of();
    private final Map<String, Long> totalWork = new LinkedHashMap<>();
    private List<MmSummary> processes = List.of();
    private boolean processesTruncated;
    private MachineSummary machine;
    private List<AddressWalk> walks = List.of();
    private Map<String, Long> rssBefore = Map.of();
    private String shown;

    StatementRecord(Statement statement, String text) {
        this.statement = statement;
        this.text = text;
    }

    void executed() {
        executions++;
        outcome = outcome.worse(Outcome.OK);
    }

    void expectation(ExpectationOutcome e) {
        expectation = e;
        if (e.passed()) {
            passed++;
            outcome = outcome.worse(Outcome.PASSED);
        } else {
            failed++;
            if (firstFailure == null) {
                firstFailure = e;
            }
            outcome = outcome.worse(Outcome.FAILED);
        }
    }

    void error(SourceRange range, DiagnosticCode code, String message, boolean stops, DiagnosticData... data) {
        errors++;
        if (errorMessage == null) {
            errorMessage = message;
            errorCode = code;
            errorData = List.of(data);
            errorRange = range;
        }
        outcome = outcome.worse(stops ? Outcome.STOPPED : Outcome.ERROR);
    }

    void invariants(List<String> violations) {
        if (invariantViolations.isEmpty() && !violations.isEmpty()) {
            invariantViolations = List.copyOf(violations);
        }
    }

    void note(String text) {
        note = text;
    }

    /** The page set the statement acted on: how many pages, in how many runs, over a range of how many pages. */
    public record PageSetShape(long pages, long runs, long over) {
        @Override
        public String toString() {
            return dev.cowpte.words.Amounts.pageSet(pages, runs, over);
        }
    }

    void pageSet(PageSetShape shape) {
        pageSet = shape;
    }

    /** The page set the statement acted on, or null when it took none. */
    public PageSetShape pageSet() {
        return pageSet;
    }

    void forkPolicy(dev.cowpte.mm.ForkPolicy used) {
        forkPolicy = used;
    }

    /** The policy a fork statement ran under (its last execution), or null for other statements. */
    public dev.cowpte.mm.ForkPolicy forkPolicy() {
        return forkPolicy;
    }

    void work(Work done) {
        work = done.asMap();
        done.asMap().forEach((k, v) -> totalWork.merge(k, v, Long::sum));
    }

    void state(List<MmSummary> procs, boolean truncated, MachineSummary m, List<AddressWalk> pageWalks) {
        processes = List.copyOf(procs);
        processesTruncated = truncated;
        machine = m;
        walks = List.copyOf(pageWalks);
    }

    void rssBefore(Map<String, Long> pagesByComm) {
        rssBefore = Collections.unmodifiableMap(new LinkedHashMap<>(pagesByComm));
    }

    void shown(String rendered) {
        shown = rendered;
    }

    public Statement statement() {
        return statement;
    }

    public SourceRange range() {
        return statement.range();
    }

    /** The statement's source text (its first line). */
    public String text() {
        return text;
    }

    public long executions() {
        return executions;
    }

    public Outcome outcome() {
        return outcome;
    }

    public long passedCount() {
        return passed;
    }

    public long failedCount() {
        return failed;
    }

    /** The last verdict of this expectation, or null for other statements. */
    public ExpectationOutcome expectation() {
        return expectation;
    }

    /** The first failed verdict, or null. */
    public ExpectationOutcome firstFailure() {
        return firstFailure;
    }

    public long errorCount() {
        return errors;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public DiagnosticCode errorCode() {
        return errorCode;
    }

    /** What the fixes of the first error need. */
    public List<DiagnosticData> errorData() {
        return errorData;
    }

    public SourceRange errorRange() {
        return errorRange;
    }

    public List<String> invariantViolations() {
        return invariantViolations;
    }

    private PageSetShape pageSet;

    /** A remark on how the statement ran (the policy a fork used, a policy replaced by compare). */
    public String note() {
        return note;
    }

    /** Work of the last run, by the counters' user-facing names. */
    public Map<String, Long> work() {
        return work;
    }

    /** Work summed over every run. */
    public Map<String, Long> totalWork() {
        return Collections.unmodifiableMap(totalWork);
    }

    /** The live processes after the last recorded run, at most {@link #MAX_PROCESSES}. */
    public List<MmSummary> processes() {
        return processes;
    }

    public boolean processesTruncated() {
        return processesTruncated;
    }

    /** The machine after the last recorded run; null when the statement never ran. */
    public MachineSummary machine() {
        return machine;
    }

    /** The page walk of every address the statement names, after it ran. */
    public List<PageWalk> walks() {
        return walks.stream().map(AddressWalk::walk).toList();
    }

    /** The same walks, each with the source range of the address that asked for it. */
    public List<AddressWalk> addressWalks() {
        return walks;
    }

    /**
     * The rss (pages) of each process alive just before the last recorded run, by comm, at most
     * {@link #MAX_PROCESSES}: with {@link #processes()} it gives what the statement changed.
     */
    public Map<String, Long> rssBefore() {
        return rssBefore;
    }

    /** What {@code show} rendered, or null. */
    public String shown() {
        return shown;
    }
}
