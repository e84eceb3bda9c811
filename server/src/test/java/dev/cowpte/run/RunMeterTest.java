package dev.cowpte.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a progress line says while a run goes: the statement, the repeat iterations, the share done. */
class RunMeterTest {
    private static final String TEXT = "process p\nmmap p buf 4\nrepeat 4 as i {\n  fork p -> c{i}\n"
            + "  repeat 2 {\n    touch c{i} buf\n  }\n  exit c{i}\n}\nexit p\n";

    @Test
    void everyStatementIsCountedWithItsRepeatIterations() {
        List<RunMeter.Snapshot> seen = new ArrayList<>();
        RunMeter meter = RunMeter.of(TEXT, 0, seen::add);
        assertEquals(2 + 4 * (1 + 2 + 1) + 1, meter.total());
        ScenarioRunner.run(TEXT, RunOptions.defaults(), meter);
        assertEquals(meter.total(), seen.size());
        assertEquals("line 1: process p, 0%", seen.get(0).describe());
        RunMeter.Snapshot inner = seen.stream().filter(s -> s.line() == 6).reduce((a, b) -> b).orElseThrow();
        assertTrue(inner.describe().startsWith("line 6: touch c{i} buf (repeat 4/4, 2/2), 8"), inner.describe());
        RunMeter.Snapshot last = seen.get(seen.size() - 1);
        assertEquals("line 10: exit p, 94%", last.describe().replaceAll(", about .* left", ""));
    }

    @Test
    void timeLeftIsSaidOnceThereIsAPace() {
        RunMeter.Snapshot s = new RunMeter.Snapshot(3, "touch p buf", "repeat 2/8", 25, 100, 3_000_000_000L);
        assertEquals("line 3: touch p buf (repeat 2/8), 25%, about 9 s left", s.describe());
        assertEquals("line 3: touch p buf, 50%, about 2 min 00 s left",
                new RunMeter.Snapshot(3, "touch p buf", "", 50, 100, 120_000_000_000L).describe());
    }
}
