package dev.cowpte.kernel;

import dev.cowpte.kernel.ForkCalibration.Measurement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a fit of {@link ForkCostModel} can be trusted: it is degenerate when a cost sits at
 * its bound (0: no measurement exercised it, or the measurements would rather have it negative)
 * or when it was fitted on too few distinct workloads to tell its five costs apart; it predicts
 * badly when a measured workload's modeled time is off by more than a tolerance. Each problem
 * comes with what to do about it. Judges numbers only: it runs nothing.
 */
public final class CalibrationCheck {
    /** How far off a prediction may be before the fit is said to predict badly (20 %). */
    public static final double TOLERANCE = 0.20;
    /** Fewest distinct sizes, and workloads (shape and size), a fit of the five costs is judged on. */
    static final int MIN_SIZES = 3;
    static final int MIN_WORKLOADS = 6;

    private static final String[] COSTS = {"the fixed cost per fork", "the cost per table allocated",
        "the cost per entry copied", "the cost per per-page update", "the cost per TLB flush"};
    private static final String QUIETER = "run cowpte calibrate again on a quieter machine (nothing else running),"
            + " with more timed forks per size (--forks 25)";

    /** One problem of a fit and what to do about it. */
    public record Warning(String problem, String advice) {
    }

    /** A measured workload beside what the model predicts for it. */
    public record Prediction(Measurement measurement, double measuredNs, double modeledNs) {
        /** The prediction's error relative to the measurement: +0.5 is 50 % too slow. */
        public double error() {
            return (modeledNs - measuredNs) / measuredNs;
        }
    }

    private CalibrationCheck() {
    }

    /**
     * The other cost (from the table allocated on) whose count moves with cost {@code i}'s over the
     * measurements (correlation above 0.99), worded for a warning; null when there is none.
     */
    private static String twin(List<Measurement> ms, int i) {
        for (int j = 1; j < COSTS.length; j++) {
            if (j != i && Math.abs(correlation(ms, i, j)) > 0.99) {
                return COSTS[j].substring("the cost per ".length());
            }
        }
        return null;
    }

    private static double correlation(List<Measurement> ms, int a, int b) {
        double n = ms.size();
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (Measurement m : ms) {
            double[] f = ForkCostModel.features(m.work());
            sa += f[a];
            sb += f[b];
            saa += f[a] * f[a];
            sbb += f[b] * f[b];
            sab += f[a] * f[b];
        }
        double va = saa - sa * sa / n;
        double vb = sbb - sb * sb / n;
        return va <= 0 || vb <= 0 ? 0 : (sab - sa * sb / n) / Math.sqrt(va * vb);
    }

    /** The model's prediction for each measurement (its fastest fork). */
    public static List<Prediction> predictions(ForkCostModel model, List<Measurement> measurements) {
        return measurements.stream().map(m -> new Prediction(m, m.fastestNs(), model.latencyNs(m.work()))).toList();
    }

    /**
     * The problems of {@code model}, fitted on {@code fitted} and checked on {@code checked}; empty
     * when it is neither degenerate nor off by more than {@code tolerance} on any measurement.
     */
    public static List<Warning> judge(ForkCostModel model, List<Measurement> fitted, List<Measurement> checked,
                                      double tolerance) {
        List<Warning> out = new ArrayList<>();
        Set<Long> sizes = new HashSet<>();
        Set<ForkCalibration.Workload> workloads = new HashSet<>();
        fitted.forEach(m -> {
            sizes.add(m.workload().bytes());
            workloads.add(m.workload());
        });
        if (sizes.size() < MIN_SIZES || workloads.size() < MIN_WORKLOADS) {
            out.add(new Warning("the fit saw " + workloads.size() + " distinct workload" + (workloads.size() == 1 ? "" : "s")
                    + " of " + sizes.size() + " size" + (sizes.size() == 1 ? "" : "s") + "; five costs need at least "
                    + MIN_WORKLOADS + " workloads of " + MIN_SIZES + " sizes to be told apart and checked",
                    "calibrate on more sizes (the default, --largest 4G)"));
        }
        double[] costs = model.costs();
        for (int i = 0; i < costs.length; i++) {
            if (costs[i] > 0) {
                continue;
            }
            int feature = i;
            boolean exercised = fitted.stream().anyMatch(m -> ForkCostModel.features(m.work())[feature] != 0);
            if (exercised) {
                String twin = twin(fitted, i);
                out.add(new Warning(COSTS[i] + " was fitted at its bound, 0 ns: the measurements would rather have"
                        + " it negative, which no cost can be (noise, or sizes too small for it to show"
                        + (twin == null ? "" : "; in these workloads its count grows with " + twin
                        + "'s, so the fit can hardly tell the two apart") + ")",
                        QUIETER + ", on larger sizes (--largest 4G, the default)"));
            } else {
                out.add(new Warning(COSTS[i] + " is 0 ns because no measurement exercised it",
                        "calibrate on the default workloads (--largest 4G), which exercise every cost"));
            }
        }
        List<Prediction> all = new ArrayList<>(predictions(model, fitted));
        all.addAll(predictions(model, checked));
        List<Prediction> off = all.stream().filter(p -> Math.abs(p.error()) > tolerance).toList();
        if (!off.isEmpty()) {
            Prediction worst = off.stream().max((a, b) -> Double.compare(Math.abs(a.error()), Math.abs(b.error())))
                    .orElseThrow();
            out.add(new Warning(String.format(Locale.ROOT, "the fit predicts %d of %d measured workloads more than"
                            + " %.0f %% off (worst: %s, %+.1f %%)", off.size(), all.size(), tolerance * 100,
                    worst.measurement().workload().label(), worst.error() * 100),
                    QUIETER + "; if it stays off, the per-operation model does not describe this machine's fork()"
                            + " well, and the latency cowpte compare models is rough here"));
        }
        return out;
    }
}
