package dev.cowpte.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cost model: fitting on synthetic forks, published figures, saving and loading. */
class ForkCostModelTest {
    @Test
    void fittingRecoversTheCostsThatMadeSyntheticForks() {
        ForkCostModel truth = new ForkCostModel(40_000, 300, 5, 20, 150, "truth");
        List<ForkCostModel.Sample> samples = new ArrayList<>();
        List<ForkCalibration.Workload> all = new ArrayList<>(ForkCalibration.FIT);
        for (ForkCalibration.Workload w : all) {
            var work = ForkCalibration.simulatedWork(w);
            samples.add(new ForkCostModel.Sample(w.label(), work, truth.latencyNs(work)));
        }
        ForkCostModel fitted = ForkCostModel.fit(samples, "synthetic");
        assertEquals(truth.baseNs(), fitted.baseNs(), 1);
        assertEquals(truth.tableNs(), fitted.tableNs(), 0.5);
        assertEquals(truth.entryNs(), fitted.entryNs(), 0.01);
        assertEquals(truth.pageNs(), fitted.pageNs(), 0.01);
        assertEquals(truth.flushNs(), fitted.flushNs(), 0.5);
        for (ForkCalibration.Workload w : ForkCalibration.CHECK) {
            var work = ForkCalibration.simulatedWork(w);
            assertEquals(truth.latencyNs(work), fitted.latencyNs(work), truth.latencyNs(work) * 1e-6, w.label());
        }
    }

    @Test
    void costsStayNonNegativeWhenTheDataWouldRatherHaveThemBelowZero() {
        List<ForkCostModel.Sample> samples = new ArrayList<>();
        for (ForkCalibration.Workload w : ForkCalibration.FIT) {
            var work = ForkCalibration.simulatedWork(w);
            // times that fall as tables grow: only a negative table cost would fit them exactly
            samples.add(new ForkCostModel.Sample(w.label(), work,
                    1e6 + 10.0 * work.pageUpdates() - 0.5 * work.tablesAllocated()));
        }
        ForkCostModel fitted = ForkCostModel.fit(samples, "synthetic");
        for (double c : fitted.costs()) {
            assertTrue(c >= 0, fitted.toString());
        }
    }

    @Test
    void publishedFiguresGiveAboutFourPointFourMillisecondsPerGibUnderClassic() {
        var work = ForkCalibration.simulatedWork(new ForkCalibration.Workload(ForkCalibration.Shape.WRITTEN, 1L << 30));
        double ms = ForkCostModel.published().latencyNs(work) / 1e6;
        assertEquals(4.4, ms, 0.2);
        assertTrue(ForkCostModel.published().source().contains("seed 001"));
    }

    @Test
    void aSavedCalibrationIsLoadedWithItsDateAndAMissingOneFallsBackToPublishedFigures(@TempDir Path dir)
            throws Exception {
        assertEquals(ForkCostModel.published(), ForkCostModel.load(dir.resolve(ForkCostModel.FILE)));
        ForkCostModel m = new ForkCostModel(1, 2, 3, 4, 5, "x");
        m.save(dir, "2026-01-02", "test machine");
        ForkCostModel back = ForkCostModel.load(dir.resolve(ForkCostModel.FILE));
        assertEquals(4, back.pageNs());
        assertEquals("calibrated on this machine on 2026-01-02", back.source());
        Files.writeString(dir.resolve(ForkCostModel.FILE), "page.ns=-1\n");
        assertEquals(ForkCostModel.published(), ForkCostModel.load(dir.resolve(ForkCostModel.FILE)));
    }
}
