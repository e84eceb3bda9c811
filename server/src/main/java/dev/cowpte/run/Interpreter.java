package dev.cowpte.run;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.DiagnosticData;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.Scenario;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.ast.Statements;
import dev.cowpte.mm.Advice;
import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.mm.ForkPolicy;
import dev.cowpte.lang.check.KernelProfile;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.MachineConfig;
import dev.cowpte.mm.HugePageSize;
import dev.cowpte.mm.MapFlag;
import dev.cowpte.mm.Mm;
import dev.cowpte.mm.MmError;
import dev.cowpte.mm.OutOfMemory;
import dev.cowpte.mm.SegmentationFault;
import dev.cowpte.mm.Vma;
import dev.cowpte.mm.Work;
import dev.cowpte.words.Amounts;
import dev.cowpte.words.StateRenderer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a scenario's syntax tree on the simulator, statement by statement, and records what each
 * did ({@link StatementRecord}). One interpreter runs one scenario once; the same path serves
 * the command line, the editor and CI.
 */
public final class Interpreter {
    private final RunOptions options;
    private final RunListener listener;
    private final ProcessTable names = new ProcessTable();
    private final RepeatScope scope = new RepeatScope();
    /** {@code machine seed}: the seed of every random page set. */
    private long seed = 1;
    private final AddressResolver addresses = new AddressResolver(names, scope, () -> seed);
    private final List<Mm> walkMms = new ArrayList<>();
    private final List<Long> walkAddrs = new ArrayList<>();
    private final List<SourceRange> walkRanges = new ArrayList<>();
    private MachineConfig config = MachineConfig.defaults();
    /** Whether a {@code machine pt-reclaim} line was run: a kernel profile's default does not override it. */
    private boolean ptReclaimSet;
    private Machine machine;
    private ExpectationEvaluator evaluator;
    private ForkPolicy policy;
    private Recorder recorder;
    private long steps;

    public Interpreter(RunOptions options, RunListener listener) {
        this.options = options;
        this.listener = listener;
        this.policy = ForkPolicies.byName(options.initialPolicy()).orElseThrow(() -> new IllegalArgumentException(
                "unknown policy " + options.initialPolicy() + "; known: " + String.join(", ", ForkPolicies.names())));
    }

    /** Runs {@code scenario}; {@code source} is its text, used to quote statements in reports. */
    public static RunResult run(Scenario scenario, String source, RunOptions options) {
        return new Interpreter(options, RunListener.NONE).run(scenario, source);
    }

    public RunResult run(Scenario scenario, String source) {
        if (recorder != null) {
            throw new IllegalStateException("an interpreter runs one scenario once");
        }
        recorder = new Recorder(source);
        this.source = source;
        recorder.registerAll(scenario.statements());
        listener.started(new Context());
        for (Statement s : scenario.statements()) {
            if (!execute(s)) {
                break;
            }
        }
        List<StatementRecord> records = recorder.inSourceOrder();
        return new RunResult(scenario.title(), options.policyOverride(), records, diagnostics(records));
    }

    // ---- running ----

    /** Runs one statement and records it; false when the run must stop. */
    private boolean execute(Statement s) {
        StatementRecord rec = recorder.of(s);
        if (!step(s, rec)) {
            return false;
        }
        rec.executed();
        Work before = machine == null ? new Work() : machine.work();
        walkMms.clear();
        walkAddrs.clear();
        walkRanges.clear();
        if (recorder.detailed() && !s.isBlock() && options.recordsStates()) {
            recorder.captureRssBefore(rec, names.alive());
        }
        listener.beforeEach(s);
        if (machine != null && !s.isBlock()) {
            listener.beforeStatement(s, recorder.detailed(), machine, names.alive(), named(s));
        }
        boolean go = true;
        try {
            go = dispatch(s, rec);
        } catch (ScenarioError e) {
            error(s, rec, e.range(), e.code(), e.getMessage(), false);
        } catch (MmError e) {
            error(s, rec, s.range(), DiagnosticCode.MM_ERROR, e.getMessage(), false);
        } catch (SegmentationFault e) {
            killed(e, s);
            error(s, rec, s.range(), DiagnosticCode.SEGV,
                    e.getMessage() + " (write 'expect segv' before the statement if this"
                    + " is what you meant)", false, meantToFault(s));
        } catch (OutOfMemory e) {
            if (e.heapBudget()) {
                // The simulator's own memory, not the simulated RAM: drop the machine while the JVM is safe.
                machine = null;
                error(s, rec, s.range(), DiagnosticCode.HEAP_EXHAUSTED,
                        "simulating this statement needs more Java heap than this JVM"
                        + " may give it (" + HeapBudget.liveMiB() + " MiB live of " + (Runtime.getRuntime().maxMemory() >> 20)
                        + " MiB; runs stop at " + HeapBudget.PERCENT + " %); run Java with a larger -Xmx (for ./cowpte:"
                        + " JAVA_OPTS=-Xmx8g) or simulate less memory; the scenario stops here", true);
            } else {
                error(s, rec, s.range(), DiagnosticCode.OUT_OF_MEMORY,
                        e.getMessage() + "; the scenario stops here (" + MemoryAdvice.more(machine.config()) + ")", true);
            }
            go = false;
        } catch (Stop e) {
            throw e;
        } catch (RuntimeException e) {
            error(s, rec, s.range(), DiagnosticCode.INTERNAL_ERROR, "internal error while running this statement ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); the scenario stops here", true);
            go = false;
        } catch (OutOfMemoryError e) {
            // The simulated machine outgrew this JVM's heap: drop it before anything else allocates.
            machine = null;
            error(s, rec, s.range(), DiagnosticCode.HEAP_EXHAUSTED,
                    "simulating this statement needs more Java heap than this JVM"
                    + " has (" + (Runtime.getRuntime().maxMemory() >> 20) + " MiB); run Java with a larger -Xmx"
                    + " (for ./cowpte: JAVA_OPTS=-Xmx8g) or simulate less memory; the scenario stops here", true);
            go = false;
        }
        if (machine != null) {
            rec.work(machine.work().since(before));
            if (!s.isBlock()) {
                listener.afterStatement(s, recorder.detailed(), machine, names.alive());
            }
            if (options.checkInvariants()) {
                rec.invariants(machine.checkInvariants());
            }
        }
        if ((recorder.detailed() || !go) && options.recordsStates()) {
            recorder.captureState(rec, machine, names.alive(), walkMms, walkAddrs, walkRanges);
        }
        listener.afterEach(s);
        return go;
    }

    /**
     * Thrown by a listener to end the run at once, from any callback (a debugger that restarts or
     * steps back abandons the run it was paused in). It leaves {@link #run} unhandled.
     */
    public static final class Stop extends RuntimeException {
        public Stop() {
            super("the run was stopped by its listener", null, false, false);
        }
    }

    private void error(Statement s, StatementRecord rec, SourceRange range, DiagnosticCode code, String message,
                       boolean stops, DiagnosticData... data) {
        rec.error(range, code, message, stops, data);
        if (!s.isBlock()) {
            listener.failed(s, code, message);
        }
    }

    /** The fix of a segmentation fault: the access was meant to fault. */
    private static DiagnosticData[] meantToFault(Statement s) {
        return Statements.faultingProcess(s) == null ? new DiagnosticData[0]
                : new DiagnosticData[] {new DiagnosticData.ExpectSegv(s.range())};
    }

    /** Counts a step against the budget and checks for cancellation. */
    private boolean step(Statement s, StatementRecord rec) {
        if (options.cancellation().isCancelled()) {
            rec.error(s.range(), DiagnosticCode.CANCELLED, "the run was cancelled before this statement", true);
            return false;
        }
        if (++steps > options.stepBudget()) {
            rec.error(s.range(), DiagnosticCode.STEP_BUDGET, "the step budget of " + options.stepBudget()
                    + " statements (repeat iterations included) is used up here; the scenario stops", true);
            return false;
        }
        return true;
    }

    private boolean repeat(Statement.Repeat r) {
        boolean outer = recorder.detailed();
        StatementRecord rec = recorder.of(r);
        try {
            scope.enterRepeat();
            for (long i = 0; i < r.count(); i++) {
                if (i > 0 && !step(r, rec)) {
                    return false;
                }
                scope.iteration(i);
                if (r.variable() != null) {
                    scope.bind(r.variable(), i);
                }
                listener.iteration(r, i);
                recorder.detailed(outer && i == r.count() - 1);
                for (Statement body : r.body()) {
                    if (!execute(body)) {
                        return false;
                    }
                }
            }
            return true;
        } finally {
            scope.leaveRepeat();
            recorder.detailed(outer);
            if (r.variable() != null) {
                scope.unbind(r.variable());
            }
        }
    }

    private boolean dispatch(Statement s, StatementRecord rec) {
        return s.accept(new Run(rec));
    }

    /** Runs one statement of each kind; false when the run must stop (a repeat that did not end). */
    private final class Run implements Statement.Visitor<Boolean> {
        private final StatementRecord rec;

        Run(StatementRecord rec) {
            this.rec = rec;
        }

        @Override
        public Boolean visit(Statement.ScenarioTitle s) {
            return true;
        }

        @Override
        public Boolean visit(Statement.Policy s) {
            policy(s, rec);
            return true;
        }

        @Override
        public Boolean visit(Statement.MachineMemory m) {
            configure(m.range(), () -> config.withMemory(scope.bytes(m.size())));
            return true;
        }

        @Override
        public Boolean visit(Statement.MachineLevels m) {
            configure(m.range(), () -> config.withLevels(m.levels()));
            return true;
        }

        @Override
        public Boolean visit(Statement.MachinePtReclaim m) {
            ptReclaimSet = true;
            configure(m.range(), () -> config.withPtReclaim(m.on()));
            return true;
        }

        @Override
        public Boolean visit(Statement.MachineFaultAround m) {
            configure(m.range(), () -> config.withFaultAround(m.on()));
            return true;
        }

        @Override
        public Boolean visit(Statement.MachineThp m) {
            if (m.size() != null) {
                int order = dev.cowpte.mm.MthpSettings.orderOf(scope.bytes(m.size()));
                configure(m.range(), () -> config.withMthp(config.mthp().with(order,
                        dev.cowpte.mm.MthpSettings.Mode.valueOf(m.mode().name()))));
            } else {
                configure(m.range(), () -> config.withThp(dev.cowpte.mm.Thp.valueOf(m.mode().name())));
            }
            return true;
        }

        @Override
        public Boolean visit(Statement.MachineKernel m) {
            KernelProfile profile = KernelProfile.named(m.version()).orElseThrow(() -> new ScenarioError(
                    m.versionRange(), DiagnosticCode.MACHINE_KERNEL, "no kernel profile " + m.version()));
            configure(m.range(), () -> ProfileRules.apply(profile, config, ptReclaimSet));
            return true;
        }

        @Override
        public Boolean visit(Statement.MachineSeed m) {
            seed = m.seed();
            return true;
        }

        @Override
        public Boolean visit(Statement.MachineHugetlb m) {
            configure(m.range(), () -> config);
            HugePageSize size = HugePageSize.of(m.pageSize());
            if (m.count() > config.memoryBytes() / size.bytes()) {
                throw new ScenarioError(m.range(), DiagnosticCode.MACHINE_LIMIT, String.format(
                        "a hugetlb pool of %d %s pages does not fit in the machine's %s of memory", m.count(),
                        size.label(), Amounts.bytes(config.memoryBytes())));
            }
            hugetlbPools.put(size, m.count());
            return true;
        }

        @Override
        public Boolean visit(Statement.Process p) {
            String name = scope.expand(p.name());
            names.requireFree(name, p.name());
            Mm mm = ensureMachine().createProcess(name);
            names.declare(name, mm, p.name());
            listener.call(new MmCall.CreateProcess(mm));
            return true;
        }

        @Override
        public Boolean visit(Statement.File p) {
            file(p);
            return true;
        }

        @Override
        public Boolean visit(Statement.Mmap m) {
            mmap(m);
            return true;
        }

        @Override
        public Boolean visit(Statement.Munmap s) {
            At at = at(s);
            at.forEachRun(rec, (start, length) -> {
                listener.call(new MmCall.Munmap(at.mm, start, length));
                machine.munmap(at.mm, start, length);
            });
            return true;
        }

        @Override
        public Boolean visit(Statement.Mremap s) {
            mremap(s);
            return true;
        }

        @Override
        public Boolean visit(Statement.Mprotect m) {
            At at = at(m);
            at.forEachRun(rec, (start, length) -> {
                listener.call(new MmCall.Mprotect(at.mm, start, length, m.writable()));
                machine.mprotect(at.mm, start, length, m.writable());
            });
            return true;
        }

        @Override
        public Boolean visit(Statement.Madvise m) {
            At at = at(m);
            Advice advice = Advice.valueOf(m.advice().name());
            at.forEachRun(rec, (start, length) -> {
                listener.call(new MmCall.Madvise(at.mm, start, length, advice));
                machine.madvise(at.mm, start, length, advice);
            });
            return true;
        }

        @Override
        public Boolean visit(Statement.Touch touch) {
            At at = at(touch);
            at.forEachRun(rec, (start, length) -> {
                listener.call(new MmCall.Touch(at.mm, start, length, touch.write()));
                machine.touch(at.mm, start, length, touch.write());
            });
            return true;
        }

        @Override
        public Boolean visit(Statement.Read s) {
            At at = at(s);
            listener.call(new MmCall.Read(at.mm, at.t.address()));
            rec.note("loaded " + machine.read(at.mm, at.t.address()));
            return true;
        }

        @Override
        public Boolean visit(Statement.Write w) {
            At at = at(w);
            at.forEachRun(rec, (start, length) -> {
                listener.call(new MmCall.Write(at.mm, start, length, w.value()));
                machine.write(at.mm, start, length, w.value());
            });
            return true;
        }

        @Override
        public Boolean visit(Statement.Fork f) {
            fork(f, rec);
            return true;
        }

        @Override
        public Boolean visit(Statement.Exit e) {
            Mm mm = live(e.process());
            listener.beforeExit(machine, mm);
            listener.call(new MmCall.Exit(mm));
            machine.exit(mm);
            names.markGone(mm.comm(), "exited at line " + e.range().line());
            return true;
        }

        @Override
        public Boolean visit(Statement.Pin s) {
            At at = at(s);
            at.forEachRun(rec, (start, length) -> {
                listener.call(new MmCall.Pin(at.mm, start, length));
                machine.pin(at.mm, start, length);
            });
            return true;
        }

        @Override
        public Boolean visit(Statement.Unpin s) {
            At at = at(s);
            at.forEachRun(rec, (start, length) -> {
                listener.call(new MmCall.Unpin(at.mm, start, length));
                machine.unpin(at.mm, start, length);
            });
            return true;
        }

        @Override
        public Boolean visit(Statement.Repeat r) {
            return repeat(r);
        }

        @Override
        public Boolean visit(Statement.Show sh) {
            rec.shown(show(sh));
            return true;
        }

        @Override
        public Boolean visit(Statement.Expect e) {
            expect(e, rec);
            return true;
        }
    }

    /** The live process and the range or address a statement of munmap to unpin acts on. */
    private record At(Mm mm, Target t) {
        /**
         * Calls {@code each} with the range, or with each run of a page set in address order
         * (noting on the record how many pages and runs the set holds).
         */
        void forEachRun(StatementRecord rec, RunAction each) {
            PageRuns set = t.set();
            if (set == null) {
                each.run(t.start(), t.length());
                return;
            }
            rec.pageSet(new StatementRecord.PageSetShape(set.pages(), set.runs(),
                    t.length() / dev.cowpte.mm.Geometry.PAGE_SIZE));
            for (int i = 0; i < set.runs(); i++) {
                each.run(set.start(i), set.length(i));
            }
        }
    }

    private interface RunAction {
        void run(long start, long length);
    }

    private At at(Statement.AtAddress s) {
        Mm mm = live(s.process());
        return new At(mm, target(mm, s.process(), s.target()));
    }

    private void policy(Statement.Policy p, StatementRecord rec) {
        ForkPolicy named = policyNamed(p.name(), p.nameRange());
        if (options.policyOverride() != null) {
            rec.note("replaced by the compared policy " + options.policyOverride());
            return;
        }
        policy = named;
    }

    private void fork(Statement.Fork f, StatementRecord rec) {
        String parentName = scope.expand(f.parent());
        String child = scope.expand(f.child());
        Mm parent;
        ForkPolicy used;
        Mm mm;
        try {
            parent = live(f.parent());
            names.requireFree(child, f.child());
            used = f.policy() == null ? policy : policyNamed(f.policy(), f.policyRange());
            mm = machine.fork(parent, child, used);
        } catch (RuntimeException e) {
            // later uses of the child say why it is missing rather than "no process named"
            names.markUnborn(child, "was never created: the fork at line " + f.range().line() + " did not run");
            throw e;
        }
        listener.call(new MmCall.Fork(parent, mm, used));
        names.declare(child, mm, f.child());
        names.inherit(parentName, child);
        rec.note("policy " + used.name());
        rec.forkPolicy(used);
    }

    /**
     * {@code mremap P R SIZE [at ADDR]}: R's whole range now, resized or moved; the name R then
     * stands for the new range. The call is told after it is made, with both ranges resolved.
     */
    private void mremap(Statement.Mremap s) {
        Mm mm = live(s.process());
        String process = scope.expand(s.process());
        String name = scope.expand(s.region());
        Region old = names.region(process, s.region(), name);
        Vma v = machine.mremap(mm, old.start(), old.length(), scope.bytes(s.size()), s.at());
        long newLength = (scope.bytes(s.size()) + dev.cowpte.mm.Geometry.PAGE_SIZE - 1)
                & ~(dev.cowpte.mm.Geometry.PAGE_SIZE - 1);
        listener.call(new MmCall.Mremap(mm, old.start(), old.length(), v.start(), newLength, s.at() != null));
        names.addRegion(process, new Region(name, v.start(), newLength, old.declaredAt()));
        walk(mm, v.start(), s.region().range());
    }

    /** {@code file F SIZE}: the file's pages go into the page cache. */
    private void file(Statement.File f) {
        ensureMachine().createFile(f.name().text(), scope.bytes(f.size()));
    }

    private void mmap(Statement.Mmap m) {
        Mm mm = live(m.process());
        String process = scope.expand(m.process());
        String region = scope.expand(m.region());
        names.requireNoRegion(process, mm, region, m.region().range());
        EnumSet<MapFlag> flags = EnumSet.noneOf(MapFlag.class);
        for (Statement.MapOption o : m.options()) {
            flags.add(MapFlag.valueOf(o.name()));
        }
        if (m.mshare() != null) {
            // mshare (a posted series, not in any kernel): no call the kernel could make
            Vma v = machine.mmapMshare(mm, region, scope.bytes(m.size()), m.at(), m.mshare());
            names.addRegion(process, new Region(region, v.start(), v.end() - v.start(), m.region().range()));
            walk(mm, v.start(), m.region().range());
            return;
        }
        Vma v;
        MmCall.FileRef file = null;
        if (m.file() == null) {
            v = machine.mmap(mm, region, scope.bytes(m.size()), m.at(), Set.copyOf(flags));
        } else {
            String name = m.file().text();
            v = machine.mmapFile(mm, region, scope.bytes(m.size()), m.at(), Set.copyOf(flags), name);
            file = new MmCall.FileRef(name, machine.fileBytes(name));
        }
        listener.call(new MmCall.Mmap(mm, v.start(), v.end() - v.start(), Set.copyOf(flags), file));
        names.addRegion(process, new Region(region, v.start(), v.end() - v.start(), m.region().range()));
        walk(mm, v.start(), m.region().range());
    }

    private void expect(Statement.Expect e, StatementRecord rec) {
        Statement access = Statements.segvAccess(e.expectation());
        if (access != null) {
            rec.expectation(expectSegv(access));
            return;
        }
        ExpectationEvaluator.Evaluated done = evaluator().evaluate(e.expectation());
        rec.expectation(done.outcome());
        listener.expectation(e, done.probe(), done.outcome());
    }

    private ExpectationOutcome expectSegv(Statement access) {
        StatementRecord scratch = recorder.detached(access);
        String quoted = scratch.text();
        try {
            dispatch(access, scratch);
        } catch (SegmentationFault f) {
            killed(f, access);
            return new ExpectationOutcome(true, "segv " + quoted, "SIGSEGV", "SIGSEGV in " + f.mm().comm()
                    + " at " + Amounts.hex(f.address()) + "; the process was killed");
        }
        return new ExpectationOutcome(false, "segv " + quoted, "SIGSEGV", "the access completed without a fault");
    }

    private String show(Statement.Show sh) {
        Machine m = ensureMachine();
        if (sh.process() == null) {
            List<dev.cowpte.mm.MmSummary> procs = new ArrayList<>();
            for (Mm mm : names.alive()) {
                procs.add(m.inspector().summary(mm));
            }
            return StateRenderer.machine(m.inspector().summary(), procs);
        }
        Mm mm = live(sh.process());
        if (sh.address() == null) {
            return StateRenderer.process(m.inspector().summary(mm));
        }
        Target t = target(mm, sh.process(), sh.address());
        return StateRenderer.walk(m.inspector().walk(mm, t.address()));
    }

    // ---- helpers ----

    /** The live process a statement names, for listeners; empty when none. */
    private List<Mm> named(Statement s) {
        Name n = Statements.subject(s);
        if (n == null) {
            return List.of();
        }
        try {
            return List.of(names.live(scope.expand(n), n.range()));
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private void killed(SegmentationFault f, Statement at) {
        listener.beforeExit(machine, f.mm());
        names.markKilled(f.mm().comm(), "was killed by SIGSEGV at line " + at.range().line());
    }

    private ForkPolicy policyNamed(String name, SourceRange range) {
        return ForkPolicies.byName(name).orElseThrow(() -> new ScenarioError(range, DiagnosticCode.UNKNOWN_POLICY,
                "unknown policy " + name + "; known: " + String.join(", ", ForkPolicies.names())));
    }

    private interface ConfigChange {
        MachineConfig apply();
    }

    private void configure(SourceRange range, ConfigChange change) {
        if (machine != null && !machine.processes().isEmpty()) {
            throw new ScenarioError(range, DiagnosticCode.MACHINE_AFTER_PROCESS,
                    "machine settings must come before the first process");
        }
        try {
            config = change.apply();
        } catch (IllegalArgumentException e) {
            throw new ScenarioError(range, DiagnosticCode.MACHINE_LIMIT, e.getMessage());
        }
        machine = null;
        evaluator = null;
    }

    /** The hugetlb pools the scenario's {@code machine hugetlb} lines set, given to the machine when it is made. */
    private final java.util.EnumMap<HugePageSize, Long> hugetlbPools = new java.util.EnumMap<>(HugePageSize.class);

    private Machine ensureMachine() {
        if (machine == null) {
            machine = new Machine(options.machineOverride().apply(config));
            machine.heapGuard(options.heapFull());
            for (java.util.Map.Entry<HugePageSize, Long> pool : hugetlbPools.entrySet()) {
                machine.setHugetlbPool(pool.getKey(), pool.getValue());
            }
        }
        return machine;
    }

    /** The scenario's text, for the units its expectations were written in. */
    private String source;

    private ExpectationEvaluator evaluator() {
        if (evaluator == null) {
            evaluator = new ExpectationEvaluator(ensureMachine(), names, scope, addresses, this::walk, source);
        }
        return evaluator;
    }

    private Mm live(Name process) {
        return names.live(scope.expand(process), process.range());
    }

    private Target target(Mm mm, Name process, dev.cowpte.lang.ast.Address address) {
        Target t = addresses.resolve(scope.expand(process), address);
        walk(mm, t.address(), address.range());
        return t;
    }

    private void walk(Mm mm, long address, SourceRange at) {
        if (walkMms.size() < 16) {
            walkMms.add(mm);
            walkAddrs.add(address);
            walkRanges.add(at);
        }
    }

    /** What a listener may ask while the run waits in one of its callbacks. */
    private final class Context implements RunContext {
        @Override
        public Machine machine() {
            return machine;
        }

        @Override
        public List<Mm> alive() {
            return names.alive();
        }

        @Override
        public java.util.Map<String, Long> repeatVariables() {
            return scope.values();
        }

        @Override
        public Evaluation evaluate(Expectation expectation) {
            if (Statements.segvAccess(expectation) != null) {
                throw new IllegalArgumentException("segv is an expectation about running a statement; it can not"
                        + " be evaluated at a stop");
            }
            if (machine == null) {
                throw new IllegalArgumentException("no process exists yet");
            }
            try {
                ExpectationEvaluator.Evaluated done = new ExpectationEvaluator(machine, names, scope,
                        addresses, (mm, address, at) -> { }).evaluate(expectation);
                return new Evaluation(done.probe(), done.outcome());
            } catch (ScenarioError | MmError e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        @Override
        public String show(Statement.Show show) {
            if (machine == null) {
                throw new IllegalArgumentException("no process exists yet");
            }
            int walks = walkMms.size();
            try {
                return Interpreter.this.show(show);
            } catch (ScenarioError | MmError e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            } finally {
                // the statement about to run keeps only its own walks
                walkMms.subList(walks, walkMms.size()).clear();
                walkAddrs.subList(walks, walkAddrs.size()).clear();
                walkRanges.subList(walks, walkRanges.size()).clear();
            }
        }
    }

    // ---- diagnostics ----

    private static List<Diagnostic> diagnostics(List<StatementRecord> records) {
        List<Diagnostic> out = new ArrayList<>();
        for (StatementRecord r : records) {
            if (r.errorCount() > 0) {
                out.add(new Diagnostic(Diagnostic.Severity.ERROR, r.errorRange(), r.errorCode(),
                        r.errorMessage() + times(r.errorCount(), r), r.errorData()));
            }
            if (r.failedCount() > 0) {
                out.add(Diagnostic.error(r.range(), DiagnosticCode.EXPECTATION_FAILED, "expectation failed: "
                        + r.firstFailure().message() + times(r.failedCount(), r)));
            }
            for (String v : r.invariantViolations().subList(0, Math.min(5, r.invariantViolations().size()))) {
                out.add(Diagnostic.error(r.range(), DiagnosticCode.INVARIANT,
                        "simulator invariant broken after this statement: " + v));
            }
        }
        return out;
    }

    private static String times(long n, StatementRecord r) {
        return r.executions() > 1 ? " (in " + n + " of " + r.executions() + " iterations)" : "";
    }
}
