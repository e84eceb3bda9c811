package dev.cowpte.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.kernel.ForkCalibration.Measurement;
import dev.cowpte.kernel.ForkCalibration.Workload;
import dev.cowpte.mm.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The judgement of a fit on made-up measurements: the work is the simulator's, the times are invented; no kernel. */
class CalibrationCheckTest {
    private static final ForkCostModel TRUTH = new ForkCostModel(40_000, 300, 5, 20, 150, "truth");

    /** Each workload measured at the time {@code time} gives its simulated work (three forks, the same time). */
    private static List<Measurement> measured(List<Workload> workloads, ToDoubleFunction<Measurement> time) {
        List<Measurement> out = new ArrayList<>();
        for (Workload w : workloads) {
            Measurement m = new Measurement(w, ForkCalibration.simulatedWork(w), new long[0]);
            long ns = Math.round(time.applyAsDouble(m));
            out.add(new Measurement(w, m.work(), new long[] {ns, ns + 1000, ns + 5000}));
        }
        return out;
    }

    private static List<CalibrationCheck.Warning> judge(List<Measurement> fitted, List<Measurement> checked,
                                                        double tolerance) {
        return CalibrationCheck.judge(ForkCalibration.fit(fitted, "test"), fitted, checked, tolerance);
    }

    @Test
    void aGoodFitOfTheDefaultWorkloadsHasNoWarning() {
        // the costs that made the times, give or take 0.05 % of noise (more would hide the TLB flushes, whose
        // 150 ns per 2 MiB are 3 % of a fork's time and grow with the tables allocated)
        double[] noise = {1.0002, 0.9998, 1.0005, 0.9995, 1.0001, 0.9999, 1.0003, 0.9997, 1.0, 1.0004, 0.9996, 1.0005};
        int[] i = {0};
        ToDoubleFunction<Measurement> time = m -> TRUTH.latencyNs(m.work()) * noise[i[0]++ % noise.length];
        List<Measurement> fitted = measured(ForkCalibration.FIT, time);
        List<Measurement> checked = measured(ForkCalibration.CHECK, time);
        assertEquals(List.of(), judge(fitted, checked, CalibrationCheck.TOLERANCE));
        for (CalibrationCheck.Prediction p : CalibrationCheck.predictions(ForkCalibration.fit(fitted, "t"), checked)) {
            assertTrue(Math.abs(p.error()) < 0.05, p.toString());
        }
    }

    @Test
    void aCostTheMeasurementsWouldRatherHaveNegativeIsAtItsBoundAndSaidSo() {
        // times that fall as tables grow: only a negative table cost would fit them
        ToDoubleFunction<Measurement> time = m -> 1e6 + 10.0 * m.work().pageUpdates() - 0.5 * m.work().tablesAllocated();
        List<CalibrationCheck.Warning> ws = judge(measured(ForkCalibration.FIT, time),
                measured(ForkCalibration.CHECK, time), CalibrationCheck.TOLERANCE);
        CalibrationCheck.Warning table = ws.stream().filter(w -> w.problem().startsWith("the cost per table allocated"))
                .findFirst().orElseThrow(() -> new AssertionError(ws.toString()));
        assertTrue(table.problem().contains("at its bound, 0 ns"), table.problem());
        assertTrue(table.advice().contains("quieter machine") && table.advice().contains("--forks"), table.advice());
    }

    @Test
    void costsNoMeasurementExercisesAreSaidToBeUnknown() {
        // made-up forks that did no work at all: only the fixed cost can be fitted
        List<Measurement> fitted = new ArrayList<>();
        for (Workload w : ForkCalibration.FIT) {
            fitted.add(new Measurement(w, new Work(), new long[] {50_000}));
        }
        List<CalibrationCheck.Warning> ws = judge(fitted, List.of(), CalibrationCheck.TOLERANCE);
        assertEquals(4, ws.size(), ws.toString());
        assertTrue(ws.stream().allMatch(w -> w.problem().endsWith("is 0 ns because no measurement exercised it")
                && w.advice().contains("--largest 4G")), ws.toString());
        assertTrue(ws.get(0).problem().startsWith("the cost per table allocated"), ws.toString());
    }

    @Test
    void tooFewDistinctSizesAreADegenerateFit() {
        List<Workload> two = List.of(new Workload(ForkCalibration.Shape.WRITTEN, 64L << 20),
                new Workload(ForkCalibration.Shape.ZERO, 64L << 20));
        List<CalibrationCheck.Warning> ws = judge(measured(two, m -> TRUTH.latencyNs(m.work())), List.of(),
                CalibrationCheck.TOLERANCE);
        assertTrue(ws.get(0).problem().startsWith("the fit saw 2 distinct workloads of 1 size; five costs need at"
                + " least 6 workloads of 3 sizes"), ws.toString());
        assertTrue(ws.get(0).advice().contains("more sizes"), ws.toString());
    }

    @Test
    void aSizePredictedFiftyPercentOffIsABadFitWithTheWorstNamed() {
        ToDoubleFunction<Measurement> time = m -> TRUTH.latencyNs(m.work())
                * (m.workload().equals(ForkCalibration.CHECK.get(1)) ? 2 : 1); // 512 MiB took twice as long
        List<Measurement> fitted = measured(ForkCalibration.FIT, time);
        List<Measurement> checked = measured(ForkCalibration.CHECK, time);
        List<CalibrationCheck.Warning> ws = judge(fitted, checked, CalibrationCheck.TOLERANCE);
        assertEquals(1, ws.size(), ws.toString());
        assertEquals("the fit predicts 1 of 12 measured workloads more than 20 % off (worst: 512 MiB written,"
                + " -50.0 %)", ws.get(0).problem());
        assertTrue(ws.get(0).advice().startsWith("run cowpte calibrate again on a quieter machine"), ws.get(0).advice());
        // a looser tolerance lets it pass
        assertEquals(List.of(), judge(fitted, checked, 0.6));
    }
}
