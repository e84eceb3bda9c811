package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.kernel.ForkCostModel;
import dev.cowpte.kernel.KernelEnvironment;
import dev.cowpte.kernel.OracleBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code cowpte calibrate} as a user runs it: real forks, small sizes, few of them, nothing saved; no timing assertions. */
class CalibrateCommandTest {
    @Test
    void aQuickCalibrationPrintsTheFitEachSizesPredictionErrorAndAVerdictWithoutSaving() throws Exception {
        KernelEnvironment.require("cowpte calibrate");
        Path saved = OracleBuild.cacheDir().resolve(ForkCostModel.FILE);
        String before = Files.exists(saved) ? Files.readString(saved) : null;
        Cli r = Cli.run("calibrate", "--largest", "16M", "--forks", "2", "--no-save");
        assertEquals(0, r.code(), r.err() + r.out());
        String out = r.out();
        assertTrue(out.contains("fitted costs (calibrated on this machine on "), out);
        assertTrue(out.contains("  fixed cost per fork ") && out.contains("  per entry copied "), out);
        Matcher row = Pattern.compile("(?m)^  (\\d+ [KM]iB (written|zero|sparse)) +[0-9.]+ ms +[0-9.]+ ms +[+-][0-9.]+%$")
                .matcher(out);
        int rows = 0;
        while (row.find()) {
            rows++;
        }
        assertEquals(12, rows, "nine sizes fitted on and three predicted, each with its error: " + out);
        assertTrue(out.contains("  16 MiB sparse ") && out.contains("  8 MiB written "), "scaled to --largest: " + out);
        List<String> lines = out.lines().toList();
        boolean sound = out.contains("The fit is sound: every cost above 0, every measured size predicted within 20 %.");
        int warnings = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("warning: ")) {
                warnings++;
                assertTrue(lines.get(i + 1).startsWith("  what to do: "), out);
            }
        }
        assertTrue(sound != (warnings > 0), "a verdict: sound, or warnings with what to do: " + out);
        assertTrue(!out.contains("saved to"), out);
        assertEquals(before, Files.exists(saved) ? Files.readString(saved) : null, "--no-save leaves the calibration");
    }

    @Test
    void sizesAndTolerancesOutsideTheirRangeAreUsageErrors() {
        Cli big = Cli.run("calibrate", "--largest", "8G", "--no-save");
        assertEquals(2, big.code());
        assertTrue(big.err().contains("--largest must be between 16M and 4G, not '8G'"), big.err());
        Cli word = Cli.run("calibrate", "--largest", "lots", "--no-save");
        assertEquals(2, word.code());
        assertTrue(word.err().contains("--largest must be between 16M and 4G, not 'lots'"), word.err());
        Cli tol = Cli.run("calibrate", "--tolerance", "0", "--no-save");
        assertEquals(2, tol.code());
        assertTrue(tol.err().contains("--tolerance must be a percentage above 0"), tol.err());
    }
}
