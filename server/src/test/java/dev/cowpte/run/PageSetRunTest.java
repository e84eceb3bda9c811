package dev.cowpte.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Page sets at run time: the pages each access reaches, as the calls the kernel mirror replays. */
class PageSetRunTest {
    /** The pages (as page numbers in the region) each write call of a run reached, in call order. */
    private static List<Long> writtenPages(String text) {
        List<Long> pages = new ArrayList<>();
        long[] base = {-1};
        RunResult r = ScenarioRunner.run(text, RunOptions.defaults(), new RunListener() {
            @Override
            public void call(MmCall call) {
                if (call instanceof MmCall.Mmap m) {
                    base[0] = m.start();
                } else if (call instanceof MmCall.Write w) {
                    for (long a = w.start(); a < w.start() + w.length(); a += 4096) {
                        pages.add((a - base[0]) / 4096);
                    }
                }
            }
        });
        assertEquals(0, r.exitCode(), r.diagnostics().toString());
        return pages;
    }

    @Test
    void aStepSetWritesEverySthPageBelowTheEnd() {
        assertEquals(List.of(3L, 13L, 23L), writtenPages("process p\nmmap p buf 64\nwrite p buf[3..30 step 10] = 1\n"));
        assertEquals(List.of(60L, 62L), writtenPages("process p\nmmap p buf 64\nwrite p buf[60.. step 8K] = 1\n"));
    }

    @Test
    void aRandomSetIsThePercentageRoundedDownInAddressOrderAndTheSameOnEveryRun() {
        String text = "process p\nmmap p buf 1000\nwrite p buf[random 10%] = 1\n";
        List<Long> once = writtenPages(text);
        assertEquals(100, once.size());
        assertEquals(once.stream().sorted().distinct().toList(), once, "each page once, in address order");
        assertEquals(once, writtenPages(text));
        List<Long> otherSeed = writtenPages("machine seed 2\n" + text);
        assertEquals(100, otherSeed.size());
        assertNotEquals(once, otherSeed, "machine seed chooses the pages");
        List<Long> inside = writtenPages("process p\nmmap p buf 1000\nwrite p buf[100..200 random 50%] = 1\n");
        assertEquals(50, inside.size());
        assertTrue(inside.stream().allMatch(p -> p >= 100 && p < 200), inside.toString());
    }

    @Test
    void eachIterationOfARepeatPicksItsOwnPages() {
        List<Long> pages = writtenPages("process p\nmmap p buf 1000\nrepeat 2 {\n  write p buf[random 5%] = 1\n}\n");
        assertEquals(100, pages.size());
        assertNotEquals(pages.subList(0, 50), pages.subList(50, 100));
    }

    @Test
    void anOffsetExpressionIsEvaluatedForEachIteration() {
        assertEquals(List.of(3L, 515L, 1027L, 512L + 2, 1024L + 2),
                writtenPages("process p\nmmap p buf 8M\nrepeat 3 as i {\n  write p buf[i*512+3] = 1\n}\n"
                        + "repeat 2 as j {\n  write p buf[(j+1)*2M+8K] = 2\n}\n"));
    }
}
