package dev.cowpte.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.check.Placement;
import dev.cowpte.mm.Geometry;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.Mm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The front end places regions mapped without {@code at} where the simulator does
 * ({@link Placement} beside {@code Machine}'s top-down search): for each scenario, every region
 * the simulator placed is hit by an {@code at} the front end then reports as overlapping, before
 * anything runs.
 */
class PlacementAgreementTest {
    private static final List<String> SCENARIOS = List.of(
            "process p\nmmap p a 1M\n",
            "process p\nmmap p a 1M\nmmap p b 3M\nmmap p c 4K\n",
            "process p\nmmap p a 2M\nmmap p b 6M\nmunmap p a\nmmap p c 1M\nmmap p d 2M\n",
            "process p\nmmap p a 4M\nmunmap p a[256..512]\nmmap p b 512K\nmmap p c 1M\n",
            "process p\nmmap p keep 8K dontfork\nmmap p heap 3M\nfork p -> c\nmmap c more 4K\n",
            "process p\nmmap p fixed 4K at 0x7effffe00000\nmmap p a 1M\nmmap p b 1G\n",
            "process p\nmmap p a 1M shared\nmmap p b 5000K\nexit p\nprocess q\nmmap q x 4K\n");

    /** Each live process's regions as the simulator placed them, at the end of {@code text}. */
    private static List<String[]> placed(String text) {
        List<Mm> alive = new ArrayList<>();
        RunResult r = ScenarioRunner.run(text, RunOptions.defaults(), new RunListener() {
            @Override
            public void afterStatement(Machine machine, List<Mm> now) {
                alive.clear();
                alive.addAll(now);
            }
        });
        assertEquals(0, r.exitCode(), text + r.diagnostics());
        List<String[]> out = new ArrayList<>();
        for (Mm mm : alive) {
            for (var v : mm.vmas()) {
                out.add(new String[] {mm.comm(), Long.toString(v.start()), Long.toString(v.end())});
            }
        }
        return out;
    }

    @Test
    void anAtOnARegionThePlacementPutThereIsAnErrorBeforeTheRun() {
        for (String text : SCENARIOS) {
            List<String[]> regions = placed(text);
            assertTrue(!regions.isEmpty(), text);
            for (String[] region : regions) {
                long start = Long.parseLong(region[1]);
                long end = Long.parseLong(region[2]);
                for (long at : new long[] {start, end - Geometry.PAGE_SIZE}) {
                    String probe = text + String.format("mmap %s probe 4K at %#x%n", region[0], at);
                    List<String> codes = ScenarioRunner.check(probe).diagnostics().stream()
                            .map(d -> d.code().id()).toList();
                    assertEquals(List.of("overlapping-at"), codes, probe);
                }
            }
        }
    }

    @Test
    void theFrontEndsConstantsAreTheSimulators() {
        assertEquals(Geometry.MMAP_BASE, Placement.MMAP_BASE);
        assertEquals(Geometry.MMAP_MIN_ADDR, Placement.MMAP_MIN_ADDR);
    }
}
