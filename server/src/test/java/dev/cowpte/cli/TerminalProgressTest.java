package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.run.RunOptions;
import dev.cowpte.run.ScenarioRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress line: drawn in place on a terminal, and nothing at all anywhere else. */
class TerminalProgressTest {
    @Test
    void onATerminalTheLineIsRewrittenAndClearedAtTheEnd() {
        StringWriter out = new StringWriter();
        TerminalProgress p = new TerminalProgress(new PrintWriter(out), true);
        String text = "process p\nmmap p buf 4\ntouch p buf\n";
        ScenarioRunner.run(text, RunOptions.defaults(), p.run("f.cowpte", text));
        p.done();
        assertTrue(out.toString().startsWith("\r\033[Kf.cowpte: line 1: process p, 0%"), out.toString());
        assertTrue(out.toString().endsWith("\r\033[K"), out.toString());
    }

    @Test
    void elsewhereNothingIsWritten() {
        StringWriter out = new StringWriter();
        TerminalProgress p = new TerminalProgress(new PrintWriter(out), false);
        String text = "process p\nmmap p buf 4\ntouch p buf\n";
        ScenarioRunner.run(text, RunOptions.defaults(), p.run("f.cowpte", text));
        p.show("anything");
        p.done();
        assertEquals("", out.toString());
        // the commands, their stderr a pipe here: only their own output
        assertEquals("", Cli.run("run", Cli.sample("redis-snapshot.cowpte")).err());
        assertEquals("", Cli.run("compare", "--policies", "classic,odf", Cli.sample("redis-snapshot.cowpte")).err());
    }
}
