package dev.cowpte.kernel;

import static dev.cowpte.mm.Geometry.PAGE_SIZE;

import dev.cowpte.kernel.KernelRow.Kind;
import dev.cowpte.kernel.KernelRow.Verdict;
import dev.cowpte.kernel.OracleProcess.Answer;
import dev.cowpte.kernel.ProcFs.ProcessCounters;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.ast.Statements;
import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.Mm;
import dev.cowpte.mm.Thp;
import dev.cowpte.words.Amounts;
import dev.cowpte.run.ExpectationEvaluator;
import dev.cowpte.run.ExpectationOutcome;
import dev.cowpte.run.MmCall;
import dev.cowpte.run.Probe;
import dev.cowpte.run.RunListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Replays a scenario's system calls and accesses on real processes as the simulator makes them
 * ({@link MmCall}s from the one interpreter), and after each statement sets what the kernel
 * shows beside what the simulator says. Only the classic fork exists on a stock kernel: the
 * processes a fork of another policy touched are compared on values only, from then on.
 * A call that fails on one side only, or a process that dies on the kernel while the simulation's
 * lives, is a disagreement with both sides shown; the process's two sides have diverged then, and
 * nothing more of it is replayed or compared. Only what the kernel (or the helper) cannot do is
 * not comparable.
 */
final class KernelMirror implements RunListener {
    /** The scenario's files the helper made, by name: each once, before its first mapping. */
    private final java.util.Set<String> files = new java.util.HashSet<>();
    /** Most processes whose counters are compared after a statement. */
    private static final int COMPARED_PROCESSES = 16;

    private final OracleProcess oracle;
    private final ProcFs proc;
    private final KernelFacts facts;
    private final Baseline baseline;
    private final String source;
    private final Map<Mm, Real> reals = new IdentityHashMap<>();
    private final List<KernelRow> rows = new ArrayList<>();
    private final Map<String, String> lastShown = new HashMap<>();
    private final ProgressSink progress;
    /** Faults of processes that have exited, for the machine-wide count. */
    private long exitedFaults;
    /** Counter readings compared after statements, shown or not, and those left out (see {@link KernelReport.Coverage}). */
    private long countersCompared;
    private long countersNotCompared;
    /** The first divergence of the run: machine-wide values are not compared after it. */
    private String divergence;
    /** This statement's calls the kernel refused, and the last one it carried out. */
    private final List<Refusal> refusals = new ArrayList<>();
    private Sent lastDone;
    /** How the simulation failed this statement (a refused call, out of memory), or null. */
    private String simulationFailed;
    private Statement current;
    private boolean detailed;
    private boolean madeCalls;
    /** The scenario's THP mode, and the kernel's {@code thp_fault_fallback} before the statement (-1: not read). */
    private Thp thp = Thp.NEVER;
    private long fallbackBefore = -1;
    /** Each fork's time on the kernel beside its modeled latency, and the work inside the simulated forks so far. */
    private final List<KernelForkTime> forkTimes = new ArrayList<>();
    private final ForkCostModel forkCosts = ForkCostModel.current();
    private dev.cowpte.mm.Work workAtForks = new dev.cowpte.mm.Work();
    private Machine machine;
    /** The repeats being run, each with its variable's value in this iteration. */
    private final Map<Statement.Repeat, Long> iterations = new java.util.LinkedHashMap<>();

    /** Where the kernel's own process lives, and what it owes to the helper rather than to the scenario. */
    private static final class Real {
        final String id;
        final int pid;
        final ProcessCounters base;
        /** Minor faults the helper itself took (settling at spawn and fork), not the scenario. */
        long helperFaults;
        String taint;
        /** Why its page-table bytes cannot be compared (it shares upper tables with the helper's own mappings). */
        String tablesTaint;
        boolean gone;
        /** Why the kernel's process no longer follows the scenario (a call or death on one side only), or null. */
        String diverged;
        Long segvAt;

        Real(String id, int pid, ProcessCounters base, long helperFaults) {
            this.id = id;
            this.pid = pid;
            this.base = base;
            this.helperFaults = helperFaults;
        }
    }

    /** What a process of the helper owns before the scenario does anything: measured on control processes. */
    record Baseline(ProcessCounters spawned, ProcessCounters forked, List<long[]> helperRanges, long hugetlbInUse) {

        Baseline(ProcessCounters spawned, ProcessCounters forked, List<long[]> helperRanges) {
            this(spawned, forked, helperRanges, 0);
        }

        /**
         * The helper's own mapping that shares a PGD entry (a PUD table, 512 GiB) with
         * [start, end), or null: there the kernel reuses the helper's upper tables.
         */
        long[] sharingUpperTables(long start, long end) {
            for (long[] h : helperRanges) {
                if (Long.compareUnsigned(start >>> 39, (h[1] - 1) >>> 39) <= 0
                        && Long.compareUnsigned(h[0] >>> 39, (end - 1) >>> 39) <= 0) {
                    return h;
                }
            }
            return null;
        }

        /** The helper's own mapping that overlaps [start, end), or null: an mmap there fails with EEXIST. */
        long[] occupied(long start, long end) {
            for (long[] h : helperRanges) {
                if (Long.compareUnsigned(start, h[1]) < 0 && Long.compareUnsigned(h[0], end) < 0) {
                    return h;
                }
            }
            return null;
        }
    }

    /** A call the kernel refused in the current statement. */
    private record Refusal(Real real, String call, String answer) {
    }

    /** A call the kernel carried out in the current statement. */
    private record Sent(Real real, String call) {
    }

    /** Told of each statement the comparison reaches, for progress reports. */
    interface ProgressSink {
        ProgressSink NONE = s -> { };

        void statement(Statement s);
    }

    KernelMirror(OracleProcess oracle, ProcFs proc, KernelFacts facts, Baseline baseline, String source,
                 ProgressSink progress) {
        this.oracle = oracle;
        this.proc = proc;
        this.facts = facts;
        this.baseline = baseline;
        this.source = source;
        this.progress = progress;
    }

    List<KernelRow> rows() {
        return rows;
    }

    List<KernelForkTime> forkTimes() {
        return forkTimes;
    }

    KernelReport.Coverage coverage() {
        return new KernelReport.Coverage(countersCompared, countersNotCompared);
    }

    // ---- the run ----

    @Override
    public void beforeStatement(Statement statement, boolean detailed, Machine machine, List<Mm> alive,
                                List<Mm> named) {
        this.current = statement;
        this.detailed = detailed;
        this.madeCalls = false;
        this.refusals.clear();
        this.lastDone = null;
        this.simulationFailed = null;
        if (machine != null) {
            thp = MthpSysfs.helperMode(machine.config());
            this.machine = machine;
        }
        fallbackBefore = thp == Thp.NEVER ? -1 : thpFallbacks();
        progress.statement(statement);
    }

    @Override
    public void call(MmCall call) {
        madeCalls = true;
        if (call instanceof MmCall.CreateProcess c) {
            String id = c.mm().comm();
            Answer a = oracle.spawn(id);
            if (!a.ok()) {
                Real none = new Real(id, -1, baseline.spawned(), 0);
                none.gone = true;
                none.diverged = "the helper could not start " + id + " at line " + current.range().line();
                reals.put(c.mm(), none);
                diverged(none.diverged);
                oneSided("process " + id, "not started: " + a, "started", id + " is compared no more");
                return;
            }
            int pid = oracle.pid(id);
            reals.put(c.mm(), new Real(id, pid, baseline.spawned(), counters(pid).minorFaults()));
            return;
        }
        dev.cowpte.mm.Work insideFork = call instanceof MmCall.Fork ? simulatedForkWork() : null;
        Real r = reals.get(call.mm());
        if (r != null && r.diverged != null && call instanceof MmCall.Fork f) {
            // the parent's kernel side no longer follows the scenario: neither does its child
            Real child = new Real(f.child().comm(), -1, baseline.forked(), 0);
            child.gone = true;
            child.diverged = r.diverged;
            reals.put(f.child(), child);
            return;
        }
        if (r == null || r.gone || r.diverged != null) {
            return;
        }
        long[] mapped = newlyMapped(call);
        if (mapped != null) {
            long[] h = baseline.sharingUpperTables(mapped[0], mapped[1]);
            if (h != null && r.tablesTaint == null) {
                r.tablesTaint = "line " + current.range().line() + " maps " + hex(mapped[0]) + " under the same PGD"
                        + " entry as the helper's own mapping at " + hex(h[0]) + ": the kernel reuses the helper's"
                        + " upper tables there, so " + r.id + "'s page-table bytes differ by what it does not allocate";
            }
        }
        if (mapped != null) {
            long[] h = baseline.occupied(mapped[0], mapped[1]);
            if (h != null) {
                // The scenario process is a copy of the helper: its own code, heap or stack is there.
                String why = "line " + current.range().line() + " maps " + hex(mapped[0]) + ", where the helper's own"
                        + " mapping " + hex(h[0]) + "-" + hex(h[1]) + " lies in every process it starts";
                event("mmap " + r.id, "not made on the kernel: " + why, Verdict.NOT_COMPARABLE);
                r.diverged = why;
                diverged(why);
                return;
            }
        }
        if (call instanceof MmCall.Mmap m && m.file() != null && !files.contains(m.file().name())) {
            // the file goes into the page cache before its first mapping, as the scenario's file line did
            Answer a = oracle.send("file " + m.file().name() + " " + m.file().bytes());
            if (!a.ok()) {
                String why = "the helper could not make file " + m.file().name() + " at line "
                        + current.range().line() + ": " + a;
                event("file " + m.file().name(), why, Verdict.NOT_COMPARABLE);
                r.diverged = why;
                diverged(why);
                return;
            }
            files.add(m.file().name());
        }
        if (call instanceof MmCall.Pin p) {
            String command = command(r.id, call);
            Answer a = oracle.send(command);
            if (a.ok() || a.segv() || dead(a)) {
                settle(r, command, a);
                return;
            }
            boolean readonly = p.mm().vmas().stream().anyMatch(v -> v.start() <= p.start() && p.start() < v.end()
                    && !v.writable());
            String limit = readonly ? "line " + current.range().line() + " pins read-only memory: the helper pins with"
                    + " io_uring, which always pins for writing, so the kernel refused where a read pin (as vmsplice"
                    + " takes) would not"
                    : a.rest().contains("pin table full") ? "line " + current.range().line() + " takes more pins than"
                    + " the helper keeps per process (64)"
                    : a.rest().contains("pin length") ? "line " + current.range().line() + " pins more than the helper"
                    + " pins at once (1 TiB)" : null;
            if (limit == null) {
                settle(r, command, a);
                return;
            }
            event("pin " + r.id, "the helper cannot make this pin: " + a.rest(), Verdict.NOT_COMPARABLE);
            if (r.taint == null) {
                taint(r, limit);
            }
        } else if (call instanceof MmCall.Fork f) {
            fork(r, f, insideFork);
        } else if (call instanceof MmCall.Exit) {
            exitedFaults += faults(r);
            answer(r, command(r.id, call));
            gone(r);
        } else if (call instanceof MmCall.Mremap m) {
            Answer a = answer(r, command(r.id, call));
            long at = a.ok() && a.rest().startsWith("0x") ? Long.parseUnsignedLong(a.rest().substring(2), 16) : -1;
            if (a.ok() && at != m.newStart()) {
                String why = "line " + current.range().line() + ": the kernel left the mapping at " + hex(at)
                        + ", the simulation at " + hex(m.newStart());
                oneSided("mremap " + r.id, hex(at), hex(m.newStart()), r.id + " is compared no more");
                r.diverged = why;
                diverged(why);
            }
        } else {
            Answer a = answer(r, command(r.id, call));
            if (call instanceof MmCall.Read && a.ok()) {
                // compared through expect value; the load itself is what matters here
                return;
            }
        }
    }

    /** The range a call maps anew: an mmap's, a moved mremap's new range, or what an mremap grew by in place; else null. */
    private static long[] newlyMapped(MmCall call) {
        if (call instanceof MmCall.Mmap m) {
            return new long[] {m.start(), m.start() + m.length()};
        }
        if (call instanceof MmCall.Mremap m) {
            if (m.newStart() != m.start()) {
                return new long[] {m.newStart(), m.newStart() + m.newLength()};
            }
            if (m.newLength() > m.length()) {
                return new long[] {m.start() + m.length(), m.start() + m.newLength()};
            }
        }
        return null;
    }

    private void fork(Real parent, MmCall.Fork f, dev.cowpte.mm.Work insideFork) {
        String childId = f.child().comm();
        long before = counters(parent.pid).minorFaults();
        Answer a = oracle.fork(parent.id, childId);
        if (a.segv()) {
            killed(parent, a);
            return;
        }
        if (!a.ok()) {
            event("fork " + parent.id + " -> " + childId, "the kernel's fork failed: " + a, Verdict.DISAGREE);
            return;
        }
        if (insideFork != null && a.forkNanos() >= 0) {
            forkTimes.add(new KernelForkTime(current.range(), statementText(current.range()), parent.id, childId,
                    f.policy().name(), a.forkNanos(), forkCosts.latencyNs(insideFork), forkCosts.source()));
        }
        // The parent's own pages were write-protected by the fork and settled again: helper faults.
        parent.helperFaults += counters(parent.pid).minorFaults() - before;
        int pid = oracle.pid(childId);
        Real child = new Real(childId, pid, baseline.forked(), counters(pid).minorFaults());
        reals.put(f.child(), child);
        if (f.policy() != ForkPolicies.CLASSIC) {
            String why = "line " + current.range().line() + " forks with policy " + f.policy().name()
                    + ", which the running kernel does not have (it forked as classic)";
            if (parent.taint == null) {
                taint(parent, why);
            }
            taint(child, why);
        } else if (parent.taint != null) {
            taint(child, parent.taint);
        }
        child.tablesTaint = parent.tablesTaint;
    }

    /** The work the simulated fork just made did inside the call (told after the simulator forked); null without a machine. */
    private dev.cowpte.mm.Work simulatedForkWork() {
        if (machine == null) {
            return null;
        }
        dev.cowpte.mm.Work now = machine.workAtFork();
        dev.cowpte.mm.Work inside = now.since(workAtForks);
        workAtForks = now;
        return inside;
    }

    /** The helper's command for a call, as the scenario's THP mode plays on the kernel. */
    private String command(String id, MmCall call) {
        return HelperCommand.of(id, call, thp);
    }

    private Answer answer(Real r, String command) {
        Answer a = oracle.send(command);
        settle(r, command, a);
        return a;
    }

    /**
     * What an answer means for the process: a SIGSEGV the simulation is told of after the
     * statement; a death; a refusal, judged after the statement beside what the simulation did.
     */
    private void settle(Real r, String command, Answer a) {
        String call = command.substring(0, command.indexOf(' ')) + " " + r.id;
        if (a.segv()) {
            killed(r, a);
        } else if (dead(a)) {
            diedOnKernel(r, a.rest().startsWith("died") ? death(a.rest()) : "no such process");
        } else if (!a.ok()) {
            refusals.add(new Refusal(r, call, a.rest()));
        } else {
            lastDone = new Sent(r, call);
        }
    }

    private static boolean dead(Answer a) {
        return !a.ok() && !a.segv() && (a.rest().startsWith("no-such-process") || a.rest().startsWith("died"));
    }

    /** {@code died signal 9} → {@code SIGKILL}; {@code died signal 40} → {@code signal 40}; {@code died exit 1} → {@code exit 1}. */
    private static String death(String rest) {
        String[] w = rest.split(" ");
        if (w.length >= 3 && w[1].equals("signal")) {
            return switch (w[2]) {
                case "6" -> "SIGABRT";
                case "7" -> "SIGBUS";
                case "9" -> "SIGKILL";
                case "11" -> "SIGSEGV";
                case "15" -> "SIGTERM";
                default -> "signal " + w[2];
            };
        }
        return w.length >= 3 && w[1].equals("exit") ? "exit " + w[2] : rest;
    }

    /**
     * The kernel's process died (killed by a signal, or exited: {@code cause}) while the
     * simulation's lives: a disagreement, and the process is compared no more. The helper
     * answers a death between two commands at the next one, so {@code current} is where the
     * death was seen.
     */
    private void diedOnKernel(Real r, String cause) {
        String why = "the kernel's " + r.id + " died (" + cause + ") by line " + current.range().line()
                + "; the simulation's " + r.id + " lives";
        oneSided("process " + r.id, "died (" + cause + ")", "alive", r.id + " is compared no more");
        r.diverged = why;
        diverged(why);
        gone(r);
    }

    /** A disagreement that is a call or a death on one side only: both sides in their columns. */
    private void oneSided(String name, String kernel, String simulated, String note) {
        SourceRange at = current == null ? SourceRange.NONE : current.range();
        rows.add(new KernelRow(at, current == null ? "" : statementText(at), Kind.EVENT, name, kernel, simulated,
                Verdict.DISAGREE, null, null, note));
    }

    private void diverged(String why) {
        if (divergence == null) {
            divergence = why;
        }
    }

    @Override
    public void failed(Statement statement, DiagnosticCode code, String message) {
        if (statement == current && (code == DiagnosticCode.MM_ERROR || code == DiagnosticCode.OUT_OF_MEMORY)) {
            int end = message.indexOf("; ");
            simulationFailed = end < 0 ? message : message.substring(0, end);
        }
    }

    /**
     * The calls of the statement that failed on one side only: a call the kernel refused and the
     * simulation made, or one the kernel made and the simulation refused (or ran out of memory
     * for). Refused on both is agreement.
     */
    private void oneSidedCalls() {
        for (Refusal f : refusals) {
            if (simulationFailed != null) {
                rows.add(new KernelRow(current.range(), statementText(current.range()), Kind.EVENT, f.call(),
                        "refused: " + f.answer(), simulationFailed, Verdict.AGREE, null, null, "refused on both"));
            } else {
                String why = "the kernel refused " + f.call() + " at line " + current.range().line() + " ("
                        + f.answer() + "); the simulation made it";
                oneSided(f.call(), "refused: " + f.answer(), "made", "refused on the kernel only; " + f.real().id
                        + " is compared no more");
                f.real().diverged = why;
                diverged(why);
            }
        }
        if (refusals.isEmpty() && simulationFailed != null) {
            if (lastDone != null && lastDone.real().diverged == null) {
                String why = "the kernel made " + lastDone.call() + " at line " + current.range().line()
                        + "; the simulation refused it (" + simulationFailed + ")";
                oneSided(lastDone.call(), "made", "refused: " + simulationFailed, "refused in the simulation only; "
                        + lastDone.real().id + " is compared no more");
                lastDone.real().diverged = why;
                diverged(why);
            } else if (!madeCalls) {
                event("call", "the simulation refused the call (" + simulationFailed + "); it was not made on the"
                        + " kernel", Verdict.NOT_COMPARABLE);
            }
        }
        refusals.clear();
        simulationFailed = null;
        lastDone = null;
    }

    /** The kernel killed the process with SIGSEGV: its faults stay in the machine-wide count. */
    private void killed(Real r, Answer a) {
        r.segvAt = a.segvAddress();
        long minflt = a.minorFaultsOfTheDead();
        if (minflt >= 0) {
            exitedFaults += minflt - r.helperFaults;
        }
        gone(r);
    }

    /**
     * From now on the process's counters (and the expectations on them) are not compared, only
     * its values: said once, in a row of its own, so that its rows do not just stop.
     */
    private void taint(Real r, String why) {
        r.taint = why;
        event("counters " + r.id, "not compared from line " + current.range().line() + " on (values still are): "
                + why, Verdict.NOT_COMPARABLE);
    }

    private void gone(Real r) {
        r.gone = true;
        oracle.forget(r.id);
    }

    @Override
    public void iteration(Statement.Repeat repeat, long iteration) {
        iterations.put(repeat, iteration);
    }

    @Override
    public void afterEach(Statement statement) {
        if (statement.isBlock()) {
            iterations.remove(statement);
        }
    }

    @Override
    public void afterStatement(Statement statement, boolean detailed, Machine machine, List<Mm> alive) {
        if (current != statement) {
            return;
        }
        segvs();
        oneSidedCalls();
        thpFallback();
        if (!detailed || !madeCalls) {
            return;
        }
        int n = 0;
        for (Mm mm : alive) {
            Real r = reals.get(mm);
            if (r == null) {
                continue;
            }
            if (r.gone) {
                // alive in the simulation, not on the kernel (a death or a SIGSEGV there only, a row said so)
                countersNotCompared += 3;
                continue;
            }
            if (n++ >= COMPARED_PROCESSES) {
                continue;
            }
            if (r.taint != null || r.diverged != null) {
                countersNotCompared += 3;
                continue;
            }
            ProcessCounters k = kernelCounters(r);
            if (k == null) {
                diedOnKernel(r, "its /proc entry is gone");
                countersNotCompared += 3;
                continue;
            }
            if (r.tablesTaint == null) {
                counter("pagetables " + r.id, true, k.vmPte(), mm.pgtablesBytes());
            } else {
                countersNotCompared++;
            }
            counter("rss " + r.id, true, k.rss(), mm.rss() * PAGE_SIZE);
            if (k.rssShmem() != 0 || mm.rssShmem() != 0) {
                counter("rss shmem " + r.id, true, k.rssShmem(), mm.rssShmem() * PAGE_SIZE);
            }
            if (k.rssFile() != 0 || mm.rssFile() != 0) {
                counter("rss file " + r.id, true, k.rssFile(), mm.rssFile() * PAGE_SIZE);
                counter("rss anon " + r.id, true, k.rssAnon(), mm.rssAnon() * PAGE_SIZE);
            }
            counter("faults " + r.id, false, k.minorFaults() - r.helperFaults, mm.faults().all());
            if (k.anonHugePages() != 0 || mm.anonHugeBytes() != 0) {
                counter("thp " + r.id, true, k.anonHugePages(), mm.anonHugeBytes());
            }
            if (k.hugetlbPages() != 0 || mm.hugetlbBytes() != 0) {
                counter("hugetlb " + r.id, true, k.hugetlbPages(), mm.hugetlbBytes());
            }
        }
        if (divergence == null && untainted() && tablesTaint() == null) {
            Long k = machinePageTables();
            if (k != null) {
                // the kernel side is the sum of the processes' VmPTE: a pmd table hugetlb shares
                // counts once per sharer there, so the simulated side counts it so too
                counter("pagetables", true, k, machine.pageTablesBytes() + machine.pageTablesChargedToSharers());
            } else {
                countersNotCompared++;
            }
        } else {
            countersNotCompared++;
        }
    }

    /**
     * A 2 MiB page the kernel could not allocate ({@code thp_fault_fallback} grew during the
     * statement) is no disagreement of the model: it is reported, and the processes are
     * compared on values only from then on, since the kernel's tables now differ by chance.
     */
    private void thpFallback() {
        if (fallbackBefore < 0) {
            return;
        }
        long now = thpFallbacks();
        if (now > fallbackBefore) {
            String why = "the kernel could not allocate " + (now - fallbackBefore) + " 2 MiB page"
                    + (now - fallbackBefore == 1 ? "" : "s") + " at line " + current.range().line()
                    + " (thp_fault_fallback grew) and used 4 KiB pages";
            event("thp fallback", why, Verdict.NOT_COMPARABLE);
            for (Real r : reals.values()) {
                if (!r.gone && r.taint == null) {
                    r.taint = why;
                }
            }
        }
    }

    private long thpFallbacks() {
        try {
            return proc.vmstat("thp_fault_fallback").orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    /** A SIGSEGV on one side and not on the other is a disagreement; the other side is brought in line. */
    private void segvs() {
        Statement.Expect expectSegv = current == null ? null : Statements.expectSegv(current);
        boolean seen = false;
        for (Map.Entry<Mm, Real> e : reals.entrySet()) {
            Mm mm = e.getKey();
            Real r = e.getValue();
            if (r.diverged != null && !r.gone && !mm.alive()) {
                answer(r, "exit " + r.id);
                gone(r);
                continue;
            }
            boolean simKilled = !mm.alive() && !r.gone;
            if (r.segvAt != null) {
                boolean simAlso = !mm.alive();
                segv("segv " + r.id, simAlso ? "both: SIGSEGV at " + hex(r.segvAt)
                        : "the kernel killed " + r.id + " with SIGSEGV at " + hex(r.segvAt)
                        + "; the simulation did not fault", simAlso ? Verdict.AGREE : Verdict.DISAGREE, expectSegv,
                        true, simAlso);
                seen = true;
                if (!simAlso) {
                    r.diverged = "the kernel killed " + r.id + " with SIGSEGV at line " + current.range().line()
                            + "; the simulation's " + r.id + " lives";
                    diverged(r.diverged);
                }
                r.segvAt = null;
            } else if (simKilled) {
                segv("segv " + r.id, "the simulation killed " + r.id + " with SIGSEGV; the kernel completed the"
                        + " access", Verdict.DISAGREE, expectSegv, false, true);
                seen = true;
                diverged("the simulation killed " + r.id + " with SIGSEGV at line " + current.range().line()
                        + "; the kernel's " + r.id + " completed the access");
                exitedFaults += faults(r);
                answer(r, "exit " + r.id);
                gone(r);
            }
        }
        if (expectSegv != null && !seen) {
            segv("segv", "neither side faulted", Verdict.AGREE, expectSegv, false, false);
        }
    }

    /** A SIGSEGV row: an expectation of its own under {@code expect segv}, else an event. */
    private void segv(String name, String note, Verdict v, Statement.Expect expectSegv, boolean onKernel,
                      boolean onSimulator) {
        if (expectSegv == null) {
            event(name, note, v);
            return;
        }
        rows.add(new KernelRow(current.range(), statementText(current.range()), Kind.EXPECTATION, name,
                onKernel ? "SIGSEGV" : "no fault", onSimulator ? "SIGSEGV" : "no fault", v, onKernel, onSimulator,
                note.startsWith("both: ") ? note.substring("both: ".length()) : note, "SIGSEGV"));
    }

    @Override
    public void expectation(Statement.Expect statement, Probe probe, ExpectationOutcome outcome) {
        String subject = probe.subject();
        String simulated = outcome.actual();
        String diverged = divergedFor(probe);
        if (diverged != null) {
            expectationRow(statement, subject, "", simulated, Verdict.NOT_COMPARABLE, null, outcome,
                    "not compared since the kernel and the simulation diverged: " + diverged);
            return;
        }
        String taint = taint(probe);
        if (taint == null && probe.measure() == Probe.Measure.PAGETABLES) {
            Real r = probe.mm() == null ? null : reals.get(probe.mm());
            taint = probe.mm() == null ? tablesTaint() : r == null ? null : r.tablesTaint;
        }
        if (taint != null && probe.measure() != Probe.Measure.VALUE) {
            expectationRow(statement, subject, "", simulated, Verdict.NOT_COMPARABLE, null, outcome, taint);
            return;
        }
        String notExposed = notExposed(probe);
        if (notExposed != null) {
            expectationRow(statement, subject, "", simulated, Verdict.NOT_COMPARABLE, null, outcome,
                    notExposed);
            return;
        }
        Long kernel;
        try {
            kernel = kernelValue(probe);
        } catch (IOException e) {
            expectationRow(statement, subject, "", simulated, Verdict.NOT_COMPARABLE, null, outcome,
                    "could not read the kernel's value: " + e.getMessage());
            return;
        }
        if (kernel == null) {
            Real r = probe.mm() == null ? null : reals.get(probe.mm());
            if (r != null && !r.gone) {
                diedOnKernel(r, "its /proc entry is gone");
            }
            expectationRow(statement, subject, "", simulated, Verdict.NOT_COMPARABLE, null, outcome,
                    "the process is gone on the kernel" + (r != null && r.diverged != null ? ": " + r.diverged : ""));
            return;
        }
        ExpectationOutcome onKernel = probe.measure() == Probe.Measure.HUGE
                ? ExpectationEvaluator.huge(subject, kernel == 1, "no huge PMD")
                : ExpectationEvaluator.judge(statement.expectation(), subject, kernel, source);
        boolean agree = kernel == probe.simulated();
        expectationRow(statement, subject, onKernel.actual(), simulated, agree ? Verdict.AGREE : Verdict.DISAGREE,
                onKernel.passed(), outcome, "");
    }

    /** Why the kernel's side of what the probe measures no longer follows the scenario, or null. */
    private String divergedFor(Probe p) {
        if (p.mm() == null) {
            return divergence;
        }
        for (Mm mm : new Mm[] {p.mm(), p.other()}) {
            Real r = mm == null ? null : reals.get(mm);
            if (r != null && r.diverged != null) {
                return r.diverged;
            }
        }
        return null;
    }

    private String taint(Probe p) {
        if (p.mm() == null) {
            return untainted() ? null : firstTaint();
        }
        Real r = reals.get(p.mm());
        if (r != null && r.taint != null) {
            return r.taint;
        }
        Real o = p.other() == null ? null : reals.get(p.other());
        return o == null ? null : o.taint;
    }

    /** Why the kernel shows nothing to compare this with; null when it does. */
    private String notExposed(Probe p) {
        return switch (p.measure()) {
            case REFCOUNT, SHARED, PRIVATE -> "the kernel does not expose which address spaces reach a PTE table"
                    + " (under classic fork every PTE table is private)";
            case MTHP -> "the kernel's mTHP statistics (hugepages-<size>kB/stats) count for every process on the"
                    + " machine; each page's folio and mapcount are compared instead";
            case TABLES -> "the kernel exposes page-table bytes (VmPTE, PageTables), not tables per level";
            case PAGETABLES -> p.mm() == null && machine != null && machine.pageTablesChargedToSharers() > 0
                    ? "a pmd table that hugetlb shares exists once but counts in the VmPTE of each sharer,"
                    + " and the sum of VmPTE is what this comparison reads of the machine's page tables" : null;
            case MEMORY -> "the kernel's memory counters move with every process on the machine";
            case FAULTS -> p.faultKind() != null ? "the kernel counts minor faults, not faults by kind" : null;
            case MAPCOUNT -> facts.pfnsReadable() ? null
                    : "pfns are not readable here: /proc/kpagecount and the pfns of /proc/PID/pagemap need"
                    + " CAP_SYS_ADMIN";
            case THP -> p.mm() == null ? "the kernel's AnonHugePages (/proc/meminfo) moves with every process on"
                    + " the machine; each process's is compared (smaps_rollup)" : null;
            case HUGE -> facts.pfnsReadable() ? null
                    : "pfns are not readable here: /proc/kpageflags (KPF_THP) and the pfns of /proc/PID/pagemap"
                    + " need CAP_SYS_ADMIN";
            default -> null;
        };
    }

    private Long kernelValue(Probe p) throws IOException {
        if (p.measure() == Probe.Measure.PAGETABLES && p.mm() == null) {
            return machinePageTables();
        }
        if (p.measure() == Probe.Measure.HUGETLB && p.mm() == null) {
            return proc.hugetlbInUse() - baseline.hugetlbInUse();
        }
        if (p.measure() == Probe.Measure.FAULTS && p.mm() == null) {
            long sum = exitedFaults;
            for (Real r : reals.values()) {
                if (!r.gone) {
                    sum += faults(r);
                }
            }
            return sum;
        }
        Real r = reals.get(p.mm());
        if (r == null || r.gone) {
            return null;
        }
        ProcessCounters counters = kernelCounters(r);
        if (counters == null) {
            return null;
        }
        return switch (p.measure()) {
            case PAGETABLES -> counters.vmPte();
            case RSS -> counters.rss();
            case RSS_ANON -> counters.rssAnon();
            case RSS_FILE -> counters.rssFile();
            case RSS_SHMEM -> counters.rssShmem();
            case FAULTS -> faults(r);
            case MAPCOUNT -> {
                ProcFs.PageInfo page = proc.page(r.pid, p.address());
                yield page.present() && !page.zeroPage() ? page.mapcount() : 0L;
            }
            case VALUE -> proc.value(r.pid, p.address() & ~(PAGE_SIZE - 1));
            case THP -> counters.anonHugePages();
            case HUGETLB -> counters.hugetlbPages();
            case HUGE -> hugeOnKernel(r.pid, p.address()) ? 1L : 0L;
            default -> throw new IllegalStateException("not measured on the kernel: " + p.measure());
        };
    }

    /**
     * Whether a huge PMD maps the address on the kernel, as far as /proc tells: the kernel
     * exposes no per-address PMD bit outside the PAGEMAP_SCAN ioctl, so this reads the page's
     * {@code KPF_THP} in /proc/kpageflags (a page of a 2 MiB folio) and, for anonymous pages, the
     * {@code AnonHugePages} of its vma in /proc/PID/smaps (the vma has PMD-mapped memory); the
     * huge zero page is {@code KPF_THP} with {@code KPF_ZERO_PAGE}. A folio split into PTEs in a
     * vma that keeps other huge PMDs would read as huge.
     */
    private boolean hugeOnKernel(int pid, long address) throws IOException {
        ProcFs.PageInfo page = proc.page(pid, address);
        if (!page.present() || !page.thp()) {
            return false;
        }
        return page.zeroPage() || proc.vmaAnonHugePages(pid, address) > 0;
    }

    // ---- kernel counters ----

    private long faults(Real r) {
        ProcessCounters k = kernelCounters(r);
        return k == null ? 0 : k.minorFaults() - r.helperFaults;
    }

    /** The process's counters less what the helper's own process owns. */
    private ProcessCounters kernelCounters(Real r) {
        ProcessCounters raw = counters(r.pid);
        if (raw == null) {
            return null;
        }
        ProcessCounters c = raw.minus(r.base);
        return new ProcessCounters(c.vmPte(), c.rssAnon(), c.rssShmem(), c.rssFile(), raw.minorFaults(),
                c.anonHugePages(), c.hugetlbPages());
    }

    private ProcessCounters counters(int pid) {
        try {
            return proc.counters(pid);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Machine-wide page tables of the scenario's processes: each one's VmPTE less the helper's,
     * plus its PGD (which VmPTE leaves out). Exact, where /proc/meminfo's PageTables moves with
     * every other process on the machine.
     */
    private Long machinePageTables() {
        long sum = 0;
        for (Real r : reals.values()) {
            if (r.gone) {
                continue;
            }
            ProcessCounters k = kernelCounters(r);
            if (k == null) {
                return null;
            }
            sum += k.vmPte() + facts.pgdBytes();
        }
        return sum;
    }

    private boolean untainted() {
        return firstTaint() == null;
    }

    private String tablesTaint() {
        for (Real r : reals.values()) {
            if (!r.gone && r.tablesTaint != null) {
                return r.tablesTaint;
            }
        }
        return null;
    }

    private String firstTaint() {
        for (Real r : reals.values()) {
            if (!r.gone && r.taint != null) {
                return r.taint;
            }
        }
        return null;
    }

    // ---- rows ----

    private void counter(String name, boolean amount, long kernel, long simulated) {
        String k = amount ? Amounts.bytes(kernel) : Long.toString(kernel);
        String s = amount ? Amounts.bytes(simulated) : Long.toString(simulated);
        Verdict v = kernel == simulated ? Verdict.AGREE : Verdict.DISAGREE;
        String shown = k + "|" + s;
        countersCompared++;
        if (v == Verdict.AGREE && shown.equals(lastShown.get(name))) {
            return;
        }
        lastShown.put(name, shown);
        rows.add(new KernelRow(current.range(), statementText(current.range()), Kind.COUNTER, name, k, s, v, null, null,
                ""));
    }

    private void event(String name, String note, Verdict v) {
        SourceRange at = current == null ? SourceRange.NONE : current.range();
        rows.add(new KernelRow(at, current == null ? "" : statementText(at), Kind.EVENT, name, "", "", v, null, null,
                note));
    }

    private void expectationRow(Statement.Expect s, String subject, String kernel, String simulated, Verdict v,
                                Boolean heldOnKernel, ExpectationOutcome onSimulator, String note) {
        rows.add(new KernelRow(s.range(), statementText(s.range()), Kind.EXPECTATION, subject, kernel, simulated, v,
                heldOnKernel, onSimulator.passed(), note, onSimulator.expected()));
    }

    /** The statement's text, with the values of the repeat variables in this iteration: {@code fork p -> w{i} (i=2)}. */
    private String statementText(SourceRange r) {
        String t = text(r);
        StringJoiner vars = new StringJoiner(", ", " (", ")").setEmptyValue("");
        for (Map.Entry<Statement.Repeat, Long> e : iterations.entrySet()) {
            if (e.getKey().variable() != null) {
                vars.add(e.getKey().variable() + "=" + e.getValue());
            }
        }
        return t.isEmpty() ? t : t + vars;
    }

    private String text(SourceRange r) {
        if (r == SourceRange.NONE || r.endOffset() > source.length()) {
            return "";
        }
        String t = source.substring(r.startOffset(), r.endOffset());
        int nl = t.indexOf('\n');
        return nl < 0 ? t.strip() : t.substring(0, nl).strip();
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
