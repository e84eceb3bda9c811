package dev.cowpte.kernel;

import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.MapFlag;
import dev.cowpte.mm.Mm;
import dev.cowpte.mm.Work;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Calibrates {@link ForkCostModel} on the running kernel: a scenario process of the kernel
 * helper maps and touches memory in three shapes (every page written; one page written and the
 * rest read, so fork copies zero-page entries without per-page work; one page written per 2 MiB,
 * so tables dominate), then times real forks of it ({@code timefork}). The work of each fork
 * comes from the simulator replaying the same layout under classic; the costs are fitted on some
 * sizes and checked against sizes not fitted on.
 */
public final class ForkCalibration {
    /** Where the helper maps the memory it forks: far from its own mappings. */
    static final long ADDRESS = 0x1000_0000_0000L;
    private static final long MIB = 1L << 20;

    /** How the memory is touched before the forks. */
    public enum Shape {
        WRITTEN("every page written"),
        ZERO("one page written, the rest read (zero page)"),
        SPARSE("one page written per 2 MiB");

        final String words;

        Shape(String words) {
            this.words = words;
        }
    }

    /** One workload: a shape and a size. */
    public record Workload(Shape shape, long bytes) {
        public String label() {
            String size = bytes >= 1L << 30 && bytes % (1L << 30) == 0 ? bytes / (1L << 30) + " GiB "
                    : bytes % MIB == 0 ? bytes / MIB + " MiB " : bytes / 1024 + " KiB ";
            return size + shape.name().toLowerCase();
        }
    }

    /** One workload measured: the forks' durations and the work the simulator says each does. */
    public record Measurement(Workload workload, Work work, long[] nanos) {
        /**
         * The fastest of the forks: the one least disturbed by the rest of the machine (another
         * tenant of a virtual machine, an interrupt), which is what the work itself costs.
         */
        public double fastestNs() {
            return Arrays.stream(nanos).min().orElseThrow();
        }
    }

    /** The fitted model, what it was fitted on, and how it predicts what it was not. */
    public record Result(ForkCostModel model, List<Measurement> fitted, List<Measurement> checked) {
    }

    public static final List<Workload> FIT = List.of(
            new Workload(Shape.WRITTEN, 64 * MIB), new Workload(Shape.WRITTEN, 256 * MIB),
            new Workload(Shape.WRITTEN, 1024 * MIB),
            new Workload(Shape.ZERO, 64 * MIB), new Workload(Shape.ZERO, 256 * MIB), new Workload(Shape.ZERO, 1024 * MIB),
            new Workload(Shape.SPARSE, 256 * MIB), new Workload(Shape.SPARSE, 1024 * MIB),
            new Workload(Shape.SPARSE, 4096 * MIB));
    public static final List<Workload> CHECK = List.of(
            new Workload(Shape.WRITTEN, 128 * MIB), new Workload(Shape.WRITTEN, 512 * MIB),
            new Workload(Shape.WRITTEN, 2048 * MIB));

    /** The largest size of {@link #FIT} and {@link #CHECK}, which {@link #scaled} scales from. */
    public static final long LARGEST = 4096 * MIB;
    /** The smallest {@code largest} that {@link #scaled} takes: every workload is then at least 256 KiB. */
    public static final long SMALLEST_LARGEST = 16 * MIB;

    private ForkCalibration() {
    }

    /**
     * The workloads with every size scaled by {@code largest / 4 GiB}, in whole pages: smaller
     * sizes make a quick calibration, whose fixed cost dominates and whose fit is rougher.
     */
    public static List<Workload> scaled(List<Workload> workloads, long largest) {
        if (largest < SMALLEST_LARGEST || largest > LARGEST) {
            throw new IllegalArgumentException("largest size " + largest);
        }
        List<Workload> out = new ArrayList<>();
        for (Workload w : workloads) {
            long bytes = (long) (w.bytes() * ((double) largest / LARGEST)) & ~4095L;
            out.add(new Workload(w.shape(), bytes));
        }
        return out;
    }

    /** The work a classic fork of this workload does, as the simulator counts it. */
    public static Work simulatedWork(Workload w) {
        Machine m = new Machine();
        Mm p = m.createProcess("calibrate");
        m.mmap(p, "mem", w.bytes(), ADDRESS, Set.of());
        switch (w.shape()) {
            case WRITTEN -> m.touch(p, ADDRESS, w.bytes(), true);
            case ZERO -> {
                m.touch(p, ADDRESS, 4096, true);
                m.touch(p, ADDRESS + 4096, w.bytes() - 4096, false);
            }
            case SPARSE -> {
                for (long a = ADDRESS; a < ADDRESS + w.bytes(); a += 2 * MIB) {
                    m.touch(p, a, 4096, true);
                }
            }
            default -> throw new IllegalStateException();
        }
        Work before = m.work();
        m.fork(p, "child", ForkPolicies.CLASSIC);
        return m.work().since(before);
    }

    /** Measures the workloads on the helper, {@code forks} timed forks each (after one untimed). */
    public static List<Measurement> measure(OracleProcess oracle, List<Workload> workloads, int forks,
                                            Consumer<String> progress) {
        List<Measurement> out = new ArrayList<>();
        int n = 0;
        for (Workload w : workloads) {
            String id = "cal" + n++;
            progress.accept("measuring " + w.label());
            expectOk(oracle.spawn(id), "spawn");
            try {
                String addr = "0x" + Long.toHexString(ADDRESS);
                expectOk(oracle.send("mmap " + id + " " + addr + " " + w.bytes() + " -"), "mmap");
                switch (w.shape()) {
                    case WRITTEN -> expectOk(oracle.send("touch " + id + " " + addr + " " + w.bytes() + " write"), "touch");
                    case ZERO -> {
                        expectOk(oracle.send("touch " + id + " " + addr + " 4096 write"), "touch");
                        expectOk(oracle.send("touch " + id + " 0x" + Long.toHexString(ADDRESS + 4096) + " "
                                + (w.bytes() - 4096) + " read"), "touch");
                    }
                    case SPARSE -> {
                        for (long a = ADDRESS; a < ADDRESS + w.bytes(); a += 2 * MIB) {
                            expectOk(oracle.send("touch " + id + " 0x" + Long.toHexString(a) + " 4096 write"), "touch");
                        }
                    }
                    default -> throw new IllegalStateException();
                }
                List<Long> times = oracle.timeForks(id, forks + 1);
                long[] ns = times.subList(1, times.size()).stream().mapToLong(Long::longValue).toArray();
                out.add(new Measurement(w, simulatedWork(w), ns));
            } finally {
                oracle.send("exit " + id);
                oracle.forget(id);
            }
        }
        return out;
    }

    private static void expectOk(OracleProcess.Answer a, String what) {
        if (!a.ok()) {
            throw new OracleProcess.OracleFailure(what + ": " + a);
        }
    }

    /** Fits the model on {@code fitted} measurements (the fastest fork of each). */
    public static ForkCostModel fit(List<Measurement> fitted, String source) {
        List<ForkCostModel.Sample> samples = new ArrayList<>();
        for (Measurement m : fitted) {
            samples.add(new ForkCostModel.Sample(m.workload().label(), m.work(), m.fastestNs()));
        }
        return ForkCostModel.fit(samples, source);
    }

    /** Builds the helper, measures ({@link #FIT} and {@link #CHECK} scaled to {@code largest}), fits and returns; nothing is saved. */
    public static Result run(int forks, long largest, String date, Consumer<String> progress) throws IOException {
        Path binary = OracleBuild.ensureBuilt();
        try (OracleProcess oracle = OracleProcess.start(binary, null, 120_000)) {
            List<Measurement> fitted = measure(oracle, scaled(FIT, largest), forks, progress);
            List<Measurement> checked = measure(oracle, scaled(CHECK, largest), forks, progress);
            return new Result(fit(fitted, "calibrated on this machine on " + date), fitted, checked);
        }
    }
}
