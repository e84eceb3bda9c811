package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesThePageAndSaysWhere() throws Exception {
        Path out = tmp.resolve("r.html");
        Cli c = Cli.run("report", Cli.sample("munmap-shared-table.cowpte"), "--policies", "classic,cow-pte",
                "-o", out.toString());
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().startsWith("wrote " + out), c.out());
        String html = Files.readString(out);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("munmap of part of a shared PTE table"), "the scenario's title");
        assertTrue(html.contains("<th>classic</th><th>cow-pte</th>"), "one column per policy");
    }

    @Test
    void theComparisonSaysWhatEachForkDidInsideFork() throws Exception {
        // the same rows as cowpte compare: work inside fork() and deferred, and the modeled latency
        Path out = tmp.resolve("redis.html");
        Cli c = Cli.run("report", Cli.sample("pinned-fork.cowpte"), "--policies", "classic,async-fork",
                "-o", out.toString());
        assertEquals(0, c.code(), c.err());
        String html = Files.readString(out);
        assertTrue(html.contains("inside the parents&#39; fork() calls") || html.contains("inside the parents' fork() calls"),
                "the work done inside fork()");
        assertTrue(html.contains("deferred by the forks"), "the work deferred");
        assertTrue(html.contains("longest fork()"), "the modeled latency");
        assertTrue(html.contains("fork() latency is a model, not a measurement"), "and that it is a model");
        String text = Cli.run("compare", Cli.sample("pinned-fork.cowpte"), "--policies", "classic,async-fork").out();
        assertTrue(text.contains("inside the parents' fork() calls") && text.contains("longest fork()"), text);
    }

    @Test
    void aFailedExpectationStillExitsZeroButAnErrorExitsTwo() throws Exception {
        Path out = tmp.resolve("f.html");
        assertEquals(0, Cli.run("report", Cli.sample("failing-on-purpose.cowpte"), "-o", out.toString()).code());
        Path bad = Files.writeString(tmp.resolve("bad.cowpte"), "process p\nwrite p nowhere[0]\n");
        Cli c = Cli.run("report", bad.toString(), "--policies", "classic", "-o", tmp.resolve("b.html").toString());
        assertEquals(2, c.code());
        assertTrue(c.err().contains("bad.cowpte:2:"), c.err());
        assertTrue(Files.exists(tmp.resolve("b.html")), "the page is written all the same");
    }

    @Test
    void anUnknownPolicyIsAUsageError() {
        Cli c = Cli.run("report", Cli.sample("munmap-shared-table.cowpte"), "--policies", "cow-ptf",
                "-o", tmp.resolve("x.html").toString());
        assertEquals(2, c.code());
        assertTrue(c.err().contains("unknown policy 'cow-ptf'"), c.err());
    }

    @Test
    void theDefaultOutputIsTheScenariosNameWithHtml() {
        assertEquals("fork-1g-pagetables.html", ReportCommand.defaultName(Path.of("samples/fork-1g-pagetables.cowpte")));
        assertTrue(Cli.run("--help").out().contains("report"));
    }
}
