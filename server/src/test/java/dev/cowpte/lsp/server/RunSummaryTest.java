package dev.cowpte.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cowpte.run.RunOptions;
import dev.cowpte.run.ScenarioRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSummaryTest {
    @Test
    void eachExpectationWithItsVerdictAndEachError() {
        String text = """
                process p
                mmap p buf 2M
                touch p buf
                expect rss p == 0
                expect rss p == 512
                mmap p ro 1
                mprotect p ro readonly
                write p ro
                """;
        RunSummary s = RunSummary.of("file:///t.cowpte", 3, ScenarioRunner.run(text, RunOptions.defaults()), 5);
        assertEquals(List.of(
                new RunSummary.Expectation(3, "expect rss p == 0", false, "== 0 pages", "512 pages",
                        "rss p: expected == 0 pages, actual 512 pages"),
                new RunSummary.Expectation(4, "expect rss p == 512", true, "== 512 pages", "512 pages",
                        "rss p: expected == 512 pages, actual 512 pages")), s.expectations());
        assertEquals(1, s.problems().size());
        assertEquals(7, s.problems().get(0).line());
    }
}
