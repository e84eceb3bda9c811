package dev.cowpte.kernel;

import dev.cowpte.kernel.KernelRow.Kind;
import dev.cowpte.kernel.KernelRow.Verdict;
import dev.cowpte.kernel.ProcFs.ProcessCounters;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.Mm;
import dev.cowpte.run.RunListener;
import dev.cowpte.run.RunOptions;
import dev.cowpte.run.RunResult;
import dev.cowpte.run.ScenarioRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cowpte kernel}: runs a scenario on the simulator and, call by call, on real processes
 * of the running kernel, and sets their counters side by side. Transport-free: the command line
 * and the language server call {@link #run}. The scenario runs with the running kernel's
 * settings ({@code pt-reclaim on} where the kernel has {@code CONFIG_PT_RECLAIM}); a scenario
 * whose {@code machine} lines ask for other settings, or that would not fit in the machine's free
 * memory, is refused before anything runs on the kernel.
 */
public final class KernelComparison {
    /** The share of MemAvailable a scenario may use on the kernel. */
    private static final double MEMORY_SHARE = 0.75;
    /** Most scenario processes alive at once on the kernel. */
    static final int MAX_PROCESSES = 1024;
    private static final long COMMAND_TIMEOUT_MILLIS = 120_000;

    private final ProcFs proc;
    private final KernelFacts facts;

    public KernelComparison(ProcFs proc, KernelFacts facts) {
        this.proc = proc;
        this.facts = facts;
    }

    /** For this machine. */
    public static KernelComparison here() {
        ProcFs proc = new ProcFs();
        return new KernelComparison(proc, KernelFacts.read(proc));
    }

    public KernelFacts facts() {
        return facts;
    }

    /** Where the comparison is: the statement it reached. */
    public interface Progress {
        Progress NONE = (s, line) -> { };

        void at(String stage, int line);
    }

    public KernelReport run(String text, RunOptions options, Progress progress) {
        long t0 = System.nanoTime();
        RunOptions opts = options.withMachineOverride(config -> facts.ptReclaim().orElse(false)
                ? config.withPtReclaim(true) : config);
        List<String> notes = new ArrayList<>();
        progress.at("simulating", 0);
        Peak peak = new Peak();
        RunResult dry = ScenarioRunner.run(text, opts, peak);
        if (peak.ptReclaim != null || peak.kernel != null) {
            // The scenario says which pt-reclaim it means (or which kernel, whose default it takes): it runs as written (and is refused
            // below if this kernel is not that).
            opts = options;
            peak = new Peak();
            dry = ScenarioRunner.run(text, opts, peak);
        }
        if (peak.ptReclaim == null && peak.kernel == null) {
            facts.ptReclaim().filter(b -> b).ifPresent(b -> notes.add(
                    "this kernel has CONFIG_PT_RECLAIM: the simulation runs with machine pt-reclaim on"));
        }
        if (facts.linux()) {
            RulesAdvice.of(dev.cowpte.lang.FrontEnd.analyze(text, ScenarioRunner.POLICIES).scenario(), facts.release(),
                    facts.ptReclaim()).ifPresent(notes::add);
        }
        if (facts.levels() != 4 && peak.levels == null) {
            notes.add("this kernel uses " + facts.levels() + " paging levels");
        }
        List<String> refused = new ArrayList<>(facts.blockers());
        if (refused.isEmpty()) {
            refused.addAll(machineSettings(peak));
        }
        if (dry.exitCode() == 2 && dry.records().isEmpty()) {
            return new KernelReport(facts, dry, List.of(), List.of("the scenario has errors"), notes, seconds(t0));
        }
        long budget = (long) (facts.memAvailable() * MEMORY_SHARE);
        if (refused.isEmpty() && peak.memory > budget) {
            refused.add("the scenario needs " + gib(peak.memory) + " of memory at its peak (line "
                    + peak.memoryLine + "); this machine has " + gib(facts.memAvailable())
                    + " available, and a kernel run may use " + (int) (MEMORY_SHARE * 100) + "% of it");
        }
        if (refused.isEmpty() && peak.thp != dev.cowpte.mm.Thp.NEVER && facts.thp().equals("never")) {
            refused.add("the scenario uses machine thp " + peak.thp.label() + ", and this kernel's transparent huge"
                    + " pages are off (/sys/kernel/mm/transparent_hugepage/enabled is never): no huge page to compare");
        }
        if (refused.isEmpty() && peak.mshare != null) {
            refused.add("not comparable: line " + peak.mshare.range().line() + " maps the mshare region "
                    + peak.mshare.mshare() + ", and mshare is a posted series (\"Add support for shared PTEs across"
                    + " processes\", v3 of August 2025) that no released kernel has, this one included");
        }
        if (refused.isEmpty() && MthpSysfs.problem(peak.config) != null) {
            refused.add(MthpSysfs.problem(peak.config));
        }
        if (refused.isEmpty() && peak.processes > MAX_PROCESSES) {
            refused.add("the scenario has " + peak.processes + " processes alive at once (line " + peak.processesLine
                    + "); a kernel run starts at most " + MAX_PROCESSES);
        }
        if (!refused.isEmpty()) {
            return new KernelReport(facts, dry, List.of(), refused, notes, seconds(t0));
        }
        Path binary;
        try {
            progress.at("building the kernel helper", 0);
            binary = OracleBuild.ensureBuilt();
        } catch (IOException e) {
            return new KernelReport(facts, dry, List.of(), List.of(e.getMessage()), notes, seconds(t0));
        }
        if (!facts.pfnsReadable()) {
            notes.add("pfns are not readable here (" + String.join("; ", proc.pfnProblems())
                    + "): mapcounts and huge walks are not compared");
        }
        Path filesDir;
        try {
            // a scenario's files are made on the cache folder's disk file system, never on tmpfs
            filesDir = Files.createTempDirectory(Files.createDirectories(OracleBuild.cacheDir()), "files-");
        } catch (IOException e) {
            return new KernelReport(facts, dry, List.of(), List.of("no folder for the scenario's files: " + e.getMessage()),
                    notes, seconds(t0));
        }
        java.util.Map<Path, String> sizes = MthpSysfs.wanted(peak.config);
        try (ThpSettingsLock settingsLock = ThpSettingsLock.acquire(!sizes.isEmpty());
             MthpSysfs.Applied applied = MthpSysfs.apply(sizes);
             HugetlbLoan loan = new HugetlbLoan();
             OracleProcess oracle = OracleProcess.start(binary, null, COMMAND_TIMEOUT_MILLIS, filesDir)) {
            for (String change : applied.changes(sizes)) {
                notes.add("for this run " + change + " (written back afterwards)");
            }
            String shortOfPages = loan.lend(oracle, peak.hugetlb);
            if (shortOfPages != null) {
                return new KernelReport(facts, dry, List.of(), List.of(shortOfPages), notes, seconds(t0));
            }
            KernelMirror.Baseline base = baseline(oracle);
            KernelMirror mirror = new KernelMirror(oracle, proc, facts, base, text,
                    s -> progress.at("on the kernel", s.range().line()));
            RunResult ran = ScenarioRunner.run(text, opts, mirror);
            return new KernelReport(facts, ran, mirror.rows(), List.of(), notes, seconds(t0), mirror.coverage(),
                    mirror.forkTimes());
        } catch (IOException | OracleProcess.OracleFailure e) {
            List<KernelRow> rows = List.of(new KernelRow(SourceRange.NONE, "", Kind.EVENT, "kernel helper", "", "",
                    Verdict.DISAGREE, null, null, e.getMessage()));
            return new KernelReport(facts, dry, rows, List.of(), notes, seconds(t0));
        } finally {
            removeFiles(filesDir);
        }
    }

    /** The folder of a run's files and whatever the helper left in it (it unlinks each file it makes at once). */
    private static void removeFiles(Path dir) {
        try (java.util.stream.Stream<Path> left = Files.list(dir)) {
            for (Path p : (Iterable<Path>) left::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // nothing more can be done here; the folder is in the cache, named files-*
        }
    }

    /**
     * What a process of the helper owns before a scenario does anything: a control process
     * spawned as scenario processes are, and a control child forked from it.
     */
    private KernelMirror.Baseline baseline(OracleProcess oracle) throws IOException {
        String parent = "control-parent";
        String child = "control-child";
        if (!oracle.spawn(parent).ok() || !oracle.fork(parent, child).ok()) {
            throw new IOException("the kernel helper could not start its control processes");
        }
        ProcessCounters spawned = proc.counters(oracle.pid(parent));
        ProcessCounters forked = proc.counters(oracle.pid(child));
        List<long[]> own = proc.mappings(oracle.pid(parent));
        oracle.send("exit " + child);
        oracle.send("exit " + parent);
        oracle.forget(child);
        oracle.forget(parent);
        return new KernelMirror.Baseline(spawned, forked, own, proc.hugetlbInUse());
    }

    /**
     * The {@code machine} lines that describe a kernel this one is not: {@code pt-reclaim} other
     * than the kernel's {@code CONFIG_PT_RECLAIM}, {@code levels} other than its paging levels.
     * Without such a line the scenario runs with the kernel's own settings.
     */
    private List<String> machineSettings(Peak peak) {
        List<String> out = new ArrayList<>();
        Statement.MachinePtReclaim pr = peak.ptReclaim;
        if (pr != null && facts.ptReclaim().isPresent() && pr.on() != facts.ptReclaim().get()) {
            out.add("line " + pr.range().line() + ": machine pt-reclaim " + (pr.on() ? "on" : "off")
                    + (pr.on() ? ", but this kernel keeps empty PTE tables on MADV_DONTNEED (no CONFIG_PT_RECLAIM)"
                    : ", but this kernel frees empty PTE tables on MADV_DONTNEED (CONFIG_PT_RECLAIM)"));
        }
        Statement.MachineKernel k = peak.kernel;
        if (pr == null && k != null && facts.ptReclaim().isPresent()) {
            boolean reclaims = dev.cowpte.lang.check.KernelProfile.named(k.version())
                    .map(p -> p.has(dev.cowpte.lang.check.KernelProfile.Behaviour.PT_RECLAIM)).orElse(false);
            if (reclaims != facts.ptReclaim().get()) {
                out.add("line " + k.range().line() + ": machine kernel " + k.version() + (reclaims
                        ? " has pt-reclaim, but this kernel keeps empty PTE tables on MADV_DONTNEED (no CONFIG_PT_RECLAIM)"
                        : " has no pt-reclaim, but this kernel frees empty PTE tables on MADV_DONTNEED (CONFIG_PT_RECLAIM)"));
            }
        }
                Statement.MachineLevels lv = peak.levels;
        if (lv != null && lv.levels() != facts.levels()) {
            out.add("line " + lv.range().line() + ": machine levels " + lv.levels() + ", but this kernel uses "
                    + facts.levels() + " paging levels");
        }
        return out;
    }

    /** A size in GiB with one decimal, as people say how much memory a machine has. */
    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The simulation's peak memory and number of live processes, with the lines that reached them. */
    private static final class Peak implements RunListener {
        long memory;
        int memoryLine;
        int processes;
        int processesLine;
        dev.cowpte.mm.Thp thp = dev.cowpte.mm.Thp.NEVER;
        /** The machine the scenario set up (its folio sizes are set on the kernel for the run). */
        dev.cowpte.mm.MachineConfig config = dev.cowpte.mm.MachineConfig.defaults();
        /** The scenario's own {@code machine pt-reclaim} and {@code machine levels} lines, the last of each. */
        Statement.MachinePtReclaim ptReclaim;
        Statement.MachineLevels levels;
        /** The scenario's first mshare mapping, or null. */
        Statement.Mmap mshare;
        /** The hugetlb pools the scenario's machine has, by page size. */
        final java.util.EnumMap<dev.cowpte.mm.HugePageSize, Long> hugetlb =
                new java.util.EnumMap<>(dev.cowpte.mm.HugePageSize.class);
        /** The scenario's {@code machine kernel} line, whose profile gives pt-reclaim's default. */
        Statement.MachineKernel kernel;

        @Override
        public void beforeEach(Statement statement) {
            statement.accept(settings);
        }

        /** Keeps the machine settings the kernel's run is compared under; any other statement changes none. */
        private final Statement.Visitor<Void> settings = new Statement.Partial<>() {
            @Override
            protected Void otherwise(Statement s) {
                return null;
            }

            @Override
            public Void visit(Statement.MachinePtReclaim s) {
                ptReclaim = s;
                return null;
            }

            @Override
            public Void visit(Statement.MachineLevels s) {
                levels = s;
                return null;
            }

            @Override
            public Void visit(Statement.Mmap s) {
                if (s.mshare() != null && mshare == null) {
                    mshare = s;
                }
                return null;
            }

            @Override
            public Void visit(Statement.MachineKernel s) {
                kernel = s;
                return null;
            }
        };

        @Override
        public void afterStatement(Statement statement, boolean detailed, Machine machine, List<Mm> alive) {
            thp = machine.config().thp();
            for (dev.cowpte.mm.HugePageSize s : dev.cowpte.mm.HugePageSize.values()) {
                hugetlb.merge(s, machine.hugetlbPool(s), Math::max);
            }
            config = machine.config();
            long m = machine.memoryInUse();
            if (m > memory) {
                memory = m;
                memoryLine = statement.range().line();
            }
            if (alive.size() > processes) {
                processes = alive.size();
                processesLine = statement.range().line();
            }
        }
    }
}
