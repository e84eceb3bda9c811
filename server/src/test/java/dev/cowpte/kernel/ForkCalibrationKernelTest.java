package dev.cowpte.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A real calibration on the running kernel (no timing assertions: only that it measures and fits). */
class ForkCalibrationKernelTest {
    @Test
    void timesRealForksAndFitsNonNegativeCosts() throws Exception {
        KernelEnvironment.require("the fork() calibration");
        try (OracleProcess oracle = OracleProcess.start(OracleBuild.ensureBuilt(), null, 60_000)) {
            List<ForkCalibration.Workload> small = List.of(
                    new ForkCalibration.Workload(ForkCalibration.Shape.WRITTEN, 8L << 20),
                    new ForkCalibration.Workload(ForkCalibration.Shape.ZERO, 16L << 20),
                    new ForkCalibration.Workload(ForkCalibration.Shape.SPARSE, 64L << 20),
                    new ForkCalibration.Workload(ForkCalibration.Shape.WRITTEN, 32L << 20));
            List<ForkCalibration.Measurement> ms = ForkCalibration.measure(oracle, small, 3, s -> { });
            assertEquals(4, ms.size());
            for (ForkCalibration.Measurement m : ms) {
                assertEquals(3, m.nanos().length);
                assertTrue(m.fastestNs() > 0);
                assertTrue(m.work().tablesAllocated() > 0);
            }
            ForkCostModel model = ForkCalibration.fit(ms, "test");
            for (double c : model.costs()) {
                assertTrue(c >= 0 && Double.isFinite(c), model.toString());
            }
            assertTrue(oracle.pids().isEmpty(), "every calibration process exited");
        }
    }
}
