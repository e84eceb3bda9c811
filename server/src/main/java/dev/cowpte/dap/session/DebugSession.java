package dev.cowpte.dap.session;

import dev.cowpte.dap.session.VariableTree.Node;
import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.FrontEnd;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Scenario;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.mm.FaultCounters;
import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.Mm;
import dev.cowpte.mm.Work;
import dev.cowpte.words.Amounts;
import dev.cowpte.run.ExpectationOutcome;
import dev.cowpte.run.Interpreter;
import dev.cowpte.run.Probe;
import dev.cowpte.run.RunContext;
import dev.cowpte.run.RunListener;
import dev.cowpte.run.RunOptions;
import dev.cowpte.run.RunResult;
import dev.cowpte.run.ScenarioRunner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One debugging session of one scenario, transport-free: launch, breakpoints, stepping forwards
 * and backwards, stack frames, variables and evaluation. The scenario runs on a worker thread
 * through {@link ScenarioRunner} (the path of {@code run}, the report and the language server);
 * a {@link RunListener} pauses it inside a callback when a stop condition holds, and the
 * editor's requests read the machine while it waits.
 *
 * <p>Runs are deterministic, so going back is going forwards again: every callback that can stop
 * is a <em>point</em> numbered in the order of the run (before each executed statement, repeat
 * iterations included, and after one that raised an exception), and a step back or a reverse
 * continue abandons the run and replays the scenario from the start to an earlier point. A
 * reverse continue first replays up to the current point to find the last point where a
 * breakpoint or an exception filter would have stopped.
 *
 * <p>So that a step back does not wait for that replay, each stop starts a <em>standby</em>: a
 * second run on its own thread that replays in the background to the point a step back from
 * this stop goes to, takes the state the editor will read there, and waits unseen. A step back
 * to that point makes the standby the session's run instead of starting a replay (one that comes
 * before the standby is ready lets it finish the replay it began). When the run stops further on,
 * the standby runs on to where a step back from the new stop goes, if it has not passed it (a
 * step forwards then a step back costs one statement, not a replay). A standby is dropped when
 * breakpoints or exception filters change (they decide where a run stops and count hits) and
 * when the scenario ends; none starts when the Java heap is too full for two machines, and one
 * never stops with a diagnostic the run would not have had.
 */
public final class DebugSession {
    /** The ways forwards. */
    public enum Step { CONTINUE, NEXT, STEP_IN, STEP_OUT }

    /**
     * Why and where the run waits.
     *
     * @param reason      DAP's: {@code entry}, {@code step}, {@code breakpoint}, {@code exception}, {@code pause}
     * @param description what happened, for the editor's banner (an exception's cause)
     * @param line        the statement's line (1-based)
     * @param after       stopped after the statement ran (an exception), not before it
     * @param point       the point's number in the run (before statement k is 2k, after it 2k+1)
     */
    public record StopInfo(String reason, String description, List<Integer> breakpoints, int line, boolean after,
                           long point) {
    }

    /** A stack frame: the statement, then each enclosing repeat's iteration, innermost first. */
    public record Frame(int id, String name, int line, int column, int endLine, int endColumn) {
    }

    public record BreakpointSpec(int line, String condition, String hitCondition) {
    }

    public record BreakpointStatus(int id, boolean verified, int line, String message) {
    }

    public record Scope(String name, int reference) {
    }

    private record Bp(int id, int line, Expectation condition, HitCondition hit) {
    }

    private record Candidate(String reason, String description, List<Integer> breakpoints) {
    }

    private static final Object ABORT = new Object();

    private final SessionEvents events;
    private LaunchConfig config;
    private Scenario scenario;
    private final TreeMap<Integer, Statement> byLine = new TreeMap<>();
    private volatile List<Bp> breakpoints = List.of();
    private volatile Set<ExceptionFilter> filters = ExceptionFilter.defaults();
    private int nextBreakpointId = 1;

    // guarded by this
    private Driver driver;
    private Thread worker;
    private Paused paused;
    private Object command;
    private boolean pauseRequested;
    private TableStates lastStates;
    private boolean finished;
    /** The run that replays, unseen, to the point a step back from the current stop goes to; or null. */
    private Driver standby;
    private Thread standbyThread;

    public DebugSession(SessionEvents events) {
        this.events = events;
    }

    // ---- set-up ----

    /** Checks the scenario and the policy; the run starts with {@link #start()}. */
    public synchronized void launch(LaunchConfig launch) {
        if (ForkPolicies.byName(launch.policy()).isEmpty()) {
            throw new IllegalArgumentException("unknown policy " + launch.policy() + "; known: "
                    + String.join(", ", ForkPolicies.names()));
        }
        FrontEnd.Result checked = ScenarioRunner.check(launch.text());
        if (checked.hasErrors() || checked.scenario() == null) {
            StringBuilder sb = new StringBuilder("the scenario has errors and can not run:");
            checked.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).limit(5)
                    .forEach(d -> sb.append('\n').append(d.format(launch.displayName())));
            throw new IllegalArgumentException(sb.toString());
        }
        config = launch;
        scenario = checked.scenario();
        byLine.clear();
        index(scenario.statements());
    }

    private void index(List<Statement> statements) {
        for (Statement s : statements) {
            byLine.putIfAbsent(s.range().line(), s);
            index(s.children());
        }
    }

    /**
     * Replaces every breakpoint. A line without a statement moves to the next statement's; a
     * condition is an expectation ({@code refcount p buf[0] > 1}) and a hit count counts the
     * hits where it held.
     */
    public synchronized List<BreakpointStatus> setBreakpoints(List<BreakpointSpec> specs) {
        dropStandby();
        List<Bp> set = new ArrayList<>();
        List<BreakpointStatus> out = new ArrayList<>();
        for (BreakpointSpec spec : specs) {
            int id = nextBreakpointId++;
            Integer line = byLine.ceilingKey(spec.line());
            if (scenario == null || line == null) {
                out.add(new BreakpointStatus(id, false, spec.line(), scenario == null ? "the scenario is not launched"
                        : "no statement at or after this line"));
                continue;
            }
            try {
                Expectation cond = blank(spec.condition()) ? null : Expressions.condition(spec.condition());
                HitCondition hit = blank(spec.hitCondition()) ? null : HitCondition.parse(spec.hitCondition());
                set.add(new Bp(id, line, cond, hit));
                out.add(new BreakpointStatus(id, true, line, null));
            } catch (IllegalArgumentException e) {
                out.add(new BreakpointStatus(id, false, line, e.getMessage()));
            }
        }
        breakpoints = List.copyOf(set);
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The exception filters in force; unknown ids are refused. */
    public void setExceptionFilters(Collection<String> ids) {
        EnumSet<ExceptionFilter> set = EnumSet.noneOf(ExceptionFilter.class);
        for (String id : ids) {
            set.add(ExceptionFilter.byId(id).orElseThrow(() -> new IllegalArgumentException(
                    "unknown exception filter " + id)));
        }
        synchronized (this) {
            filters = set;
            dropStandby();
        }
    }

    /** Starts the run (DAP's configurationDone). */
    public void start() {
        replace(new Plan(Mode.NORMAL, 0, null, config.stopOnEntry()));
    }

    // ---- control ----

    public void resume(Step step) {
        synchronized (this) {
            if (paused == null) {
                throw new IllegalStateException("the scenario is not stopped");
            }
            // the standby stays: at the next stop it runs on to where a step back from there goes
            command = step;
            notifyAll();
        }
    }

    /** Stops at the next point. */
    public synchronized void pause() {
        pauseRequested = true;
    }

    /** Back to the previous statement at this depth (or before the statement that raised the exception). */
    public void stepBack() {
        long target;
        Driver ready;
        Thread readyThread;
        Thread old;
        synchronized (this) {
            Paused p = requirePaused();
            target = driver.backTarget(p);
            ready = standby != null && standby.target == target ? standby : null;
            readyThread = standbyThread;
            if (ready != null) {
                standby = null;
                standbyThread = null;
                driver.abandoned = true;
                command = ABORT;
                notifyAll();
                old = worker;
                worker = null;
                driver = null;
            } else {
                old = null;
            }
        }
        if (ready == null) {
            replace(new Plan(Mode.TARGET, target, STEP_BACK, false));
            return;
        }
        if (old != null && old != Thread.currentThread()) {
            try {
                old.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        synchronized (this) {
            if (config == null || worker != null) {
                // closed or replaced meanwhile
                ready.abandoned = true;
                notifyAll();
                return;
            }
            command = null;
            paused = null;
            finished = false;
            pauseRequested = false;
            driver = ready;
            worker = readyThread;
            notifyAll();
        }
    }

    private static final Candidate STEP_BACK = new Candidate("step", null, List.of());

    /** Back to the last earlier point where a breakpoint or an exception filter stops, or the start. */
    public void reverseContinue() {
        long limit;
        synchronized (this) {
            limit = requirePaused().stop.point();
        }
        replace(new Plan(Mode.SCAN, limit, null, false));
    }

    /** Runs the scenario again from the start, breakpoints kept. */
    public void restart() {
        start();
    }

    /** Abandons the run (disconnect, terminate). */
    public void close() {
        synchronized (this) {
            if (config == null) {
                return;
            }
        }
        replace(null);
    }

    public synchronized boolean finished() {
        return finished;
    }

    /** The current stop, or null while running. */
    public synchronized StopInfo stop() {
        return paused == null ? null : paused.stop;
    }

    // ---- what the editor reads at a stop ----

    public synchronized List<Frame> frames() {
        return paused == null ? List.of() : paused.frames;
    }

    public synchronized List<Scope> scopes() {
        Paused p = requirePaused();
        if (p.scopes == null) {
            StateView view = new StateView(p.machine, p.alive, p.states, p.before);
            p.scopes = List.of(new Scope("Scenario", p.variables.root(p::scenario)),
                    new Scope("Machine", p.variables.root(view::machine)),
                    new Scope("Processes", p.variables.root(view::processes)));
        }
        return p.scopes;
    }

    public synchronized List<VariableTree.Variable> variables(int reference) {
        return paused == null ? List.of() : paused.variables.variables(reference);
    }

    /**
     * A Debug Console line: a quantity ({@code refcount p buf[0]}, {@code pagetables child},
     * {@code rss p}), an expectation ({@code rss p <= 1G}) or {@code show …}, evaluated now.
     */
    public synchronized String evaluate(String expression) {
        Paused p = requirePaused();
        Expressions.Parsed parsed = Expressions.console(expression);
        if (parsed.show() != null) {
            return p.context.show(parsed.show()).stripTrailing();
        }
        if (parsed.quantity() != null) {
            RunContext.Evaluation e = p.context.evaluate(parsed.quantity());
            return e.probe().subject() + " = " + quantity(e.probe());
        }
        ExpectationOutcome o = p.context.evaluate(parsed.expectation()).outcome();
        return (o.passed() ? "true" : "false") + ": " + o.subject() + " " + o.expected() + " (actual " + o.actual() + ")";
    }

    static String quantity(Probe p) {
        if (p.amount()) {
            return Amounts.bytes(p.simulated()) + " (" + Amounts.pages(p.simulated() / 4096) + ")";
        }
        return Long.toString(p.simulated());
    }

    private Paused requirePaused() {
        if (paused == null) {
            throw new IllegalStateException(finished ? "the scenario has finished" : "the scenario is running; pause it first");
        }
        return paused;
    }

    // ---- runs ----

    private enum Mode { NORMAL, TARGET, SCAN }

    /** How a new run begins: normally, straight to a point, or scanning for a reverse continue's target. */
    private record Plan(Mode mode, long point, Candidate why, boolean stopOnEntry) {
    }

    /** Abandons the current run (waiting for its thread) and starts {@code plan}'s, or none. */
    private void replace(Plan plan) {
        Thread old;
        synchronized (this) {
            if (config == null) {
                throw new IllegalStateException("launch first");
            }
            if (driver != null) {
                driver.abandoned = true;
                command = ABORT;
                notifyAll();
            }
            dropStandby();
            old = worker;
            worker = null;
            driver = null;
        }
        if (old != null && old != Thread.currentThread()) {
            try {
                old.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (plan == null) {
            return;
        }
        synchronized (this) {
            command = null;
            paused = null;
            finished = false;
            pauseRequested = false;
            Thread t = new Thread(() -> work(plan), "cowpte-dap-run");
            t.setDaemon(true);
            worker = t;
            t.start();
        }
    }

    private void work(Plan plan) {
        try {
            Plan p = plan;
            if (p.mode == Mode.SCAN) {
                Driver scan = begin(new Driver(Mode.SCAN, p.point, null, false));
                if (scan == null) {
                    return;
                }
                run(scan);
                Map.Entry<Long, Candidate> found = scan.candidates.lowerEntry(p.point);
                p = found == null ? new Plan(Mode.TARGET, 2, new Candidate("entry", "the start of the scenario",
                        List.of()), false) : new Plan(Mode.TARGET, found.getKey(), found.getValue(), false);
            }
            Driver d = begin(new Driver(p.mode, p.point, p.why, p.stopOnEntry));
            if (d == null) {
                return;
            }
            toEnd(d);
        } catch (Interpreter.Stop abandoned) {
            // replaced by a restart, a step back or a disconnect
        }
    }

    /** Runs {@code d}, the session's run or a standby that may become it, and reports its end if it is the session's. */
    private void toEnd(Driver d) {
        RunResult result = run(d);
        if (result == null) {
            return;
        }
        synchronized (this) {
            if (driver != d) {
                // a standby that never took the run's place, or an abandoned run
                return;
            }
        }
        d.end();
        report(result);
        synchronized (this) {
            if (driver != d) {
                return;
            }
            finished = true;
            dropStandby();
        }
        events.terminated(result);
    }

    /**
     * Sends the standby on to where a step back from {@code p} goes (called at the stop, holding
     * the lock), or starts one there when it has passed that point or there is none; drops it
     * instead when the heap already holds much: two machines must fit beside each other.
     */
    private void prepareStandby(Driver from, Paused p) {
        Runtime rt = Runtime.getRuntime();
        if (rt.totalMemory() - rt.freeMemory() > rt.maxMemory() / STANDBY_HEAP_SHARE) {
            // a standby would grow a second machine like this one beside it
            dropStandby();
            return;
        }
        long target = from.backTarget(p);
        Driver s = standby;
        if (s != null && (s.reached < target || s.reached == target && s.target == target)) {
            // the standby has not passed the new point: it runs on to it
            if (s.target != target) {
                s.target = target;
                s.ready = false;
                notifyAll();
            }
            return;
        }
        dropStandby();
        Driver d = new Driver(Mode.TARGET, target, STEP_BACK, false);
        Thread t = new Thread(() -> {
            try {
                toEnd(d);
            } catch (Interpreter.Stop abandoned) {
                // dropped, or replaced after it took the run's place
            }
        }, "cowpte-dap-standby");
        t.setDaemon(true);
        standby = d;
        standbyThread = t;
        t.start();
    }

    /** A standby is started only while the heap in use is under this share of the maximum (1/3). */
    private static final int STANDBY_HEAP_SHARE = 3;

    /** Abandons the standby, if any (holding the lock). */
    private void dropStandby() {
        if (standby != null) {
            standby.abandoned = true;
            standby = null;
            standbyThread = null;
            notifyAll();
        }
    }

    /** Test hook: whether a standby waits, ready, at the point a step back from the current stop goes to. */
    synchronized boolean standbyReady() {
        return standby != null && standby.ready;
    }

    /** Whether {@code d} is a standby that has not taken the run's place. */
    private synchronized boolean waitsUnseen(Driver d) {
        return driver != d;
    }

    private synchronized Driver begin(Driver d) {
        if (worker != Thread.currentThread()) {
            return null;
        }
        driver = d;
        return d;
    }

    private RunResult run(Driver d) {
        // the debugger reads the machine at its stops, not the records
        RunOptions options = RunOptions.defaults().withInitialPolicy(config.policy()).withStatesRecorded(false);
        if (config.stepBudget() > 0) {
            options = options.withStepBudget(config.stepBudget());
        }
        try {
            return ScenarioRunner.run(config.text(), options, d);
        } catch (Interpreter.Stop stop) {
            if (d.mode == Mode.SCAN && !d.abandoned) {
                return null;
            }
            throw stop;
        }
    }

    private void report(RunResult r) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : r.diagnostics()) {
            sb.append(d.format(config.displayName())).append('\n');
        }
        long held = r.expectationsPassed();
        long failed = r.expectationsFailed();
        sb.append(config.displayName()).append(": ").append(r.errors() > 0 ? "ERROR" : failed > 0 ? "FAILED" : "passed")
                .append(", ").append(held).append(" of ")
                .append(dev.cowpte.words.Amounts.count(held + failed, "expectation")).append(" held")
                .append(r.errors() > 0 ? ", " + r.errors() + (r.errors() == 1 ? " error" : " errors") : "").append('\n');
        events.output("console", sb.toString());
    }

    /** An enclosing repeat and the iteration it is in. */
    private static final class RepeatFrame {
        final Statement.Repeat repeat;
        long iteration = -1;

        RepeatFrame(Statement.Repeat repeat) {
            this.repeat = repeat;
        }
    }

    /** Watches one run and pauses it where it must stop. */
    private final class Driver implements RunListener {
        Mode mode;
        /** Where the run stops; a standby's moves on with the session's stops (guarded by the session's lock). */
        volatile long target;
        /** The last point this run decided on. */
        volatile long reached;
        final Candidate why;
        final boolean stopOnEntry;
        volatile boolean abandoned;
        /** A standby that reached its point and waits there (guarded by the session's lock). */
        boolean ready;
        final TreeMap<Long, Candidate> candidates = new TreeMap<>();
        Step step = Step.CONTINUE;
        int stepDepth;
        RunContext context;
        long position;
        int[] depths = new int[64];
        final Deque<RepeatFrame> repeats = new ArrayDeque<>();
        final Map<Integer, Long> hits = new HashMap<>();
        final Set<Integer> warned = new HashSet<>();
        final List<String> reasons = new ArrayList<>();
        final Set<ExceptionFilter> raised = EnumSet.noneOf(ExceptionFilter.class);
        Statement current;
        Work workBefore;
        FaultCounters faultsBefore;
        Statement last;
        Work lastWork;

        Driver(Mode mode, long target, Candidate why, boolean stopOnEntry) {
            this.mode = mode;
            this.target = target;
            this.why = why;
            this.stopOnEntry = stopOnEntry;
        }

        /** Where a step back from {@code p} goes: before the statement that raised, or {@link #previous}. */
        long backTarget(Paused p) {
            return p.stop.after() ? p.stop.point() - 1 : previous(p.position, p.depth);
        }

        /** The last point before statement {@code p} at {@code depth} or shallower; the start when none. */
        long previous(long p, int depth) {
            for (long q = p - 1; q >= 1; q--) {
                if (depths[(int) q] <= depth) {
                    return 2 * q;
                }
            }
            return 2;
        }

        @Override
        public void started(RunContext ctx) {
            context = ctx;
        }

        @Override
        public void beforeEach(Statement s) {
            checkAbandoned();
            position++;
            if (position >= depths.length) {
                depths = Arrays.copyOf(depths, depths.length * 2);
            }
            depths[(int) position] = repeats.size();
            current = s;
            reasons.clear();
            raised.clear();
            Machine m = context.machine();
            workBefore = m == null ? null : m.work();
            faultsBefore = m == null ? null : m.faults();
            decide(false, s.isBlock() ? List.of() : hits(s));
            if (s instanceof Statement.Repeat r) {
                repeats.push(new RepeatFrame(r));
            }
        }

        @Override
        public void iteration(Statement.Repeat repeat, long iteration) {
            if (!repeats.isEmpty()) {
                repeats.peek().iteration = iteration;
            }
        }

        @Override
        public void failed(Statement statement, DiagnosticCode code, String message) {
            ExceptionFilter f = switch (code) {
                case SEGV -> ExceptionFilter.SEGV;
                case OUT_OF_MEMORY, HEAP_EXHAUSTED -> ExceptionFilter.OUT_OF_MEMORY;
                default -> ExceptionFilter.ERROR;
            };
            if (code == DiagnosticCode.HEAP_EXHAUSTED && mode == Mode.TARGET && waitsUnseen(this)) {
                // the heap held two machines: the run would not have stopped here alone
                abandoned = true;
                throw new Interpreter.Stop();
            }
            raise(f, message);
        }

        @Override
        public void expectation(Statement.Expect statement, Probe probe, ExpectationOutcome outcome) {
            if (!outcome.passed()) {
                raise(ExceptionFilter.EXPECTATION_FAILED, "expectation failed: " + outcome.message());
            }
        }

        private void raise(ExceptionFilter f, String why) {
            if (filters.contains(f) && raised.add(f)) {
                reasons.add(why);
            }
        }

        @Override
        public void afterEach(Statement s) {
            checkAbandoned();
            if (s.isBlock()) {
                repeats.pop();
                return;
            }
            Machine m = context.machine();
            if (m != null && workBefore != null) {
                Work d = m.work().since(workBefore);
                lastWork = d;
                if (d.tablesShared() > 0) {
                    raise(ExceptionFilter.TABLE_SHARED, dev.cowpte.words.Amounts.count(d.tablesShared(), "PTE table") + " shared");
                }
                if (d.tablesCopied() > 0) {
                    raise(ExceptionFilter.TABLE_COPIED, dev.cowpte.words.Amounts.count(d.tablesCopied(), "PTE table") + " copied");
                }
                if (d.tablesReused() > 0) {
                    raise(ExceptionFilter.TABLE_REUSED, dev.cowpte.words.Amounts.count(d.tablesReused(), "PTE table") + " reused");
                }
                if (d.tablesFreed() > 0) {
                    raise(ExceptionFilter.TABLE_FREED, d.tablesFreed() + " page tables freed");
                }
                long cow = m.faults().cow() - faultsBefore.cow();
                if (d.pagesCopied() > 0 || cow > 0) {
                    raise(ExceptionFilter.PAGE_COPIED, dev.cowpte.words.Amounts.count(Math.max(d.pagesCopied(), cow), "page") + " copied (COW)");
                }
            } else {
                lastWork = null;
            }
            last = s;
            if (!reasons.isEmpty()) {
                decide(true, List.of());
            }
        }

        private void checkAbandoned() {
            if (abandoned) {
                throw new Interpreter.Stop();
            }
        }

        /** The breakpoints on this statement whose condition holds and whose hit count is reached. */
        private List<Integer> hits(Statement s) {
            List<Integer> out = null;
            for (Bp bp : breakpoints) {
                if (bp.line() != s.range().line()) {
                    continue;
                }
                if (bp.condition() != null) {
                    try {
                        if (!context.evaluate(bp.condition()).outcome().passed()) {
                            continue;
                        }
                    } catch (IllegalArgumentException e) {
                        if (mode == Mode.NORMAL && warned.add(bp.id())) {
                            events.output("console", "breakpoint at line " + bp.line() + ": the condition can not be"
                                    + " evaluated here (" + e.getMessage() + ")\n");
                        }
                        continue;
                    }
                }
                long n = hits.merge(bp.id(), 1L, Long::sum);
                if (bp.hit() == null || bp.hit().test(n)) {
                    (out == null ? out = new ArrayList<>() : out).add(bp.id());
                }
            }
            return out == null ? List.of() : out;
        }

        private void decide(boolean after, List<Integer> bps) {
            long point = 2 * position + (after ? 1 : 0);
            reached = point;
            int line = current.range().line();
            String description = String.join("; ", reasons);
            TableStates prepared = null;
            if (mode == Mode.TARGET && point == target && waitsUnseen(this)) {
                // a standby: what the editor reads at the stop is taken now, before it is asked for
                Machine m = context.machine();
                prepared = TableStates.of(m, m == null ? List.of() : context.alive());
            }
            synchronized (DebugSession.this) {
                checkAbandoned();
                StopInfo stop = null;
                switch (mode) {
                    case SCAN -> {
                        if (point >= target) {
                            throw new Interpreter.Stop();
                        }
                        if (!bps.isEmpty()) {
                            candidates.put(point, new Candidate("breakpoint", null, bps));
                        } else if (after) {
                            candidates.put(point, new Candidate("exception", description, List.of()));
                        }
                        return;
                    }
                    case TARGET -> {
                        if (point == target && awaitTurn(point)) {
                            stop = new StopInfo(why.reason(), why.description(), why.breakpoints(), line, after, point);
                        }
                    }
                    default -> {
                        String reason = null;
                        if (!after && position == 1 && stopOnEntry) {
                            reason = "entry";
                        } else if (pauseRequested) {
                            reason = "pause";
                        } else if (!bps.isEmpty()) {
                            reason = "breakpoint";
                        } else if (after) {
                            reason = "exception";
                        } else if (stepping()) {
                            reason = "step";
                        }
                        if (reason != null) {
                            stop = new StopInfo(reason, after ? description : null, bps, line, after, point);
                        }
                    }
                }
                if (stop != null) {
                    waitAt(stop, frames(after), prepared);
                }
            }
        }

        /**
         * A standby waits here, unseen, until a step back makes it the session's run, or until the
         * session's run stops further on and sends it on (holding the lock). True when it stops
         * here, false when it runs on.
         */
        private boolean awaitTurn(long point) {
            try {
                while (driver != this && !abandoned && target == point) {
                    ready = true;
                    DebugSession.this.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandoned = true;
            }
            checkAbandoned();
            return target == point;
        }

        private boolean stepping() {
            int depth = repeats.size();
            return switch (step) {
                case NEXT -> depth <= stepDepth;
                case STEP_IN -> true;
                case STEP_OUT -> depth < stepDepth;
                case CONTINUE -> false;
            };
        }

        /** After the last statement: when stepping, one more stop, so that the end can be stepped back from. */
        void end() {
            synchronized (DebugSession.this) {
                checkAbandoned();
                if (mode == Mode.NORMAL && (step != Step.CONTINUE || pauseRequested)) {
                    int line = (int) config.text().lines().count();
                    position++;
                    if (position >= depths.length) {
                        depths = Arrays.copyOf(depths, depths.length * 2);
                    }
                    depths[(int) position] = 0;
                    current = null;
                    waitAt(new StopInfo("step", "the end of the scenario", List.of(), Math.max(1, line), false,
                            2 * position), List.of(new Frame(1, "end of scenario", Math.max(1, line), 1, Math.max(1, line), 1)),
                            null);
                }
            }
        }

        private List<Frame> frames(boolean after) {
            List<Frame> out = new ArrayList<>();
            var r = current.range();
            out.add(new Frame(1, (after ? "after: " : "") + quote(current), r.line(), r.column(), r.endLine(),
                    r.endColumn()));
            int id = 2;
            for (RepeatFrame f : repeats) {
                var rr = f.repeat.range();
                String var = f.repeat.variable() == null ? "" : " (" + f.repeat.variable() + " = " + f.iteration + ")";
                out.add(new Frame(id++, "repeat " + f.repeat.count() + ": iteration " + (f.iteration + 1) + " of "
                        + f.repeat.count() + var, rr.line(), rr.column(), rr.line(), rr.column()));
            }
            return out;
        }

        /** Waits at a stop until the editor resumes (holding the session's lock, released while waiting). */
        private void waitAt(StopInfo stop, List<Frame> frames, TableStates prepared) {
            pauseRequested = false;
            Machine m = context.machine();
            List<Mm> alive = m == null ? List.of() : context.alive();
            TableStates states = prepared != null ? prepared : TableStates.of(m, alive);
            Paused p = new Paused(stop, position, repeats.size(), frames, context, m, alive, states, lastStates,
                    scenarioNodes(stop));
            lastStates = states;
            paused = p;
            command = null;
            events.stopped(stop);
            prepareStandby(this, p);
            try {
                while (command == null) {
                    DebugSession.this.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                command = ABORT;
            }
            Object c = command;
            command = null;
            paused = null;
            if (c == ABORT || abandoned) {
                throw new Interpreter.Stop();
            }
            step = (Step) c;
            stepDepth = p.depth;
            mode = Mode.NORMAL;
        }

        private List<Node> scenarioNodes(StopInfo stop) {
            List<Node> out = new ArrayList<>();
            out.add(Node.leaf("statement", current == null ? "(end of scenario)"
                    : (stop.after() ? "ran " : "next ") + "line " + stop.line() + ": " + quote(current), null));
            List<RepeatFrame> outerFirst = new ArrayList<>(repeats);
            java.util.Collections.reverse(outerFirst);
            for (RepeatFrame f : outerFirst) {
                String name = f.repeat.variable() == null ? "iteration (line " + f.repeat.range().line() + ")"
                        : f.repeat.variable();
                out.add(Node.leaf(name, f.iteration + " (of 0.." + (f.repeat.count() - 1) + ")", "repeat"));
            }
            if (last != null) {
                Work w = lastWork;
                Map<String, Long> work = w == null ? Map.of() : w.asMap();
                out.add(StateView.counters("last statement", "line " + last.range().line() + ": " + quote(last)
                        + (w == null ? "" : " — " + w), new LinkedHashMap<>(work)));
            }
            out.add(Node.leaf("policy", config.policy() + " (at launch; policy statements change it)", null));
            out.add(Node.leaf("point", Long.toString(stop.point()), "count"));
            return out;
        }
    }

    /** A stop: what the editor may read until the run resumes. */
    private static final class Paused {
        final StopInfo stop;
        final long position;
        final int depth;
        final List<Frame> frames;
        final RunContext context;
        final Machine machine;
        final List<Mm> alive;
        final TableStates states;
        final TableStates before;
        final List<Node> scenario;
        final VariableTree variables = new VariableTree();
        List<Scope> scopes;

        Paused(StopInfo stop, long position, int depth, List<Frame> frames, RunContext context, Machine machine,
               List<Mm> alive, TableStates states, TableStates before, List<Node> scenario) {
            this.stop = stop;
            this.position = position;
            this.depth = depth;
            this.frames = List.copyOf(frames);
            this.context = context;
            this.machine = machine;
            this.alive = alive;
            this.states = states;
            this.before = before;
            this.scenario = scenario;
        }

        List<Node> scenario() {
            return scenario;
        }
    }

    private String quote(Statement s) {
        String text = config.text();
        var r = s.range();
        int from = Math.max(0, Math.min(r.startOffset(), text.length()));
        int to = Math.max(from, Math.min(r.endOffset(), text.length()));
        String t = text.substring(from, to);
        int nl = t.indexOf('\n');
        if (nl >= 0) {
            t = t.substring(0, nl);
        }
        t = t.strip();
        return t.length() > 80 ? t.substring(0, 77) + "…" : t;
    }

    /** The source lines that hold a statement (for editors that ask which lines can take a breakpoint). */
    public synchronized List<Integer> statementLines() {
        return List.copyOf(byLine.keySet());
    }

}
