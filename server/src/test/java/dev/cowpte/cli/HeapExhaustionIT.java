package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario that needs more Java heap than the JVM has: the real jar with a small -Xmx must
 * report it at the statement, with exit 2, and print no stack trace. (Writes of every other page
 * of 100 GiB: 51,200 PTE tables with entries of their own and 13 million frames one by one;
 * writes of all of it would be runs of alike tables, and reads map the zero page alike, and fit.)
 */
class HeapExhaustionIT {
    @Test
    void aScenarioLargerThanTheHeapIsAnErrorAtItsStatement(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("big.cowpte");
        Files.writeString(scenario, "machine memory 1T\nprocess p\nmmap p b 100G\ntouch p b[0.. step 2]\nexpect pagetables p == 200M\n");
        Path jar = Path.of(System.getProperty("cowpte.jar", "target/cowpte.jar"));
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", jar.toString(), "run", scenario.toString()))
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "cowpte run did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("big.cowpte:4:1: simulating this statement needs more Java heap"), out);
        assertFalse(out.contains("\tat "), out);
        assertFalse(out.contains("Exception"), out);
    }
}
