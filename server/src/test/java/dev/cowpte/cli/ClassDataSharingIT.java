package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cowpte} launcher's class-data sharing archive: made by the first run into the cache
 * folder, used by the next, never a reason for a run to print or do anything else, and not made
 * at all under {@code COWPTE_CDS=0}. The launcher runs from a copy of the repository's layout
 * (the script and server/target/cowpte.jar, no sources), so it never decides to rebuild the jar.
 */
class ClassDataSharingIT {
    @TempDir
    Path dir;
    private Path launcher;
    private Path cache;
    private Path scenario;

    /** What one run of the launcher printed and returned. */
    private record Outcome(int exit, String out, String err) {
    }

    @BeforeEach
    void layout() throws IOException {
        Path root = dir.resolve("cowpte");
        Files.createDirectories(root.resolve("server/target"));
        launcher = root.resolve("cowpte");
        Files.copy(Path.of(System.getProperty("cowpte.launcher", "../cowpte")), launcher);
        Files.copy(Path.of(System.getProperty("cowpte.jar", "target/cowpte.jar")),
                root.resolve("server/target/cowpte.jar"));
        launcher.toFile().setExecutable(true);
        cache = dir.resolve("cache");
        scenario = Path.of(System.getProperty("cowpte.samples", "../samples"), "failing-on-purpose.cowpte");
    }

    private Outcome run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> e = pb.environment();
        e.remove("JAVA_OPTS");
        e.remove("COWPTE_CDS");
        e.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + e.getOrDefault("PATH", "/usr/bin:/bin"));
        e.put("COWPTE_CACHE", cache.toString());
        e.putAll(env);
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "cowpte did not finish");
        return new Outcome(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    private Outcome run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private List<Path> archives() throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void theFirstRunMakesTheArchiveAndTheSecondUsesItPrintingTheSame() throws Exception {
        Outcome plain = run(Map.of("COWPTE_CDS", "0"), "run", scenario.toString());
        assertEquals(1, plain.exit(), plain.err());
        assertTrue(plain.out().contains("failed"), plain.out());

        Outcome first = run("run", scenario.toString());
        assertEquals(plain, first, "the run that makes the archive prints and returns what a run without it does");
        List<Path> made = archives();
        assertEquals(1, made.size(), "one archive in " + cache);
        assertEquals(List.of(), leftovers());
        long size = Files.size(made.get(0));

        Path loaded = dir.resolve("classes.txt");
        Outcome second = run(Map.of("JAVA_OPTS", "-Xlog:class+load:file=" + loaded), "run", scenario.toString());
        assertEquals(plain, second, "the run that uses the archive prints and returns what a run without it does");
        assertEquals(made, archives(), "the archive is kept, not made again");
        assertEquals(size, Files.size(made.get(0)));
        String classes = Files.readString(loaded);
        assertTrue(classes.contains("dev.cowpte.cli.RunCommand source: shared objects file (top)"),
                "cowpte's classes come from the archive");
    }

    @Test
    void aCorruptArchiveIsIgnored() throws Exception {
        Outcome plain = run(Map.of("COWPTE_CDS", "0"), "run", scenario.toString());
        run("run", scenario.toString());
        Path archive = archives().get(0);
        byte[] bytes = Files.readAllBytes(archive);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 4096; i++) {
            bytes[i] ^= (byte) 0x5a;
        }
        archive.toFile().setWritable(true);
        Files.write(archive, bytes);
        assertEquals(plain, run("run", scenario.toString()), "a damaged archive changes nothing a user sees");

        Files.write(archive, "not an archive".repeat(1000).getBytes(StandardCharsets.US_ASCII));
        assertEquals(plain, run("run", scenario.toString()), "a file that is no archive changes nothing");
        assertEquals(plain, run("run", scenario.toString()));
    }

    @Test
    void aTruncatedArchiveIsMadeAgain() throws Exception {
        Outcome plain = run(Map.of("COWPTE_CDS", "0"), "run", scenario.toString());
        run("run", scenario.toString());
        Path archive = archives().get(0);
        archive.toFile().setWritable(true);
        try (var ch = java.nio.channels.FileChannel.open(archive, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(archive) / 2);
        }
        assertEquals(plain, run("run", scenario.toString()), "a truncated archive changes nothing a user sees");
        List<Path> again = archives();
        assertEquals(1, again.size(), "one archive, made again: " + again);
        String name = again.get(0).getFileName().toString();
        assertTrue(name.endsWith("-" + Files.size(again.get(0)) + ".jsa"), "whole: " + name);
        assertEquals(plain, run("run", scenario.toString()));
    }

    @Test
    void aRebuiltJarGetsAnArchiveOfItsOwnEvenWithTheCacheAboveIt() throws Exception {
        cache = dir; // the folder that holds the launcher, its jar and the cache
        Outcome plain = run(Map.of("COWPTE_CDS", "0"), "run", scenario.toString());
        run("run", scenario.toString());
        List<Path> before = archives();
        assertEquals(1, before.size(), "one archive in " + cache);

        Path jar = launcher.resolveSibling("server/target/cowpte.jar");
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(jar).toMillis() + 60_000));
        assertEquals(plain, run("run", scenario.toString()), "the rebuilt jar's first run prints the same");
        List<Path> after = archives();
        assertEquals(1, after.size(), "the old jar's archive is replaced: " + after);
        assertNotEquals(before, after, "the rebuilt jar's archive has a name of its own");
    }

    @Test
    void cowpteCdsZeroMakesNoArchive() throws Exception {
        Map<String, String> off = new HashMap<>(Map.of("COWPTE_CDS", "0"));
        Outcome once = run(off, "run", scenario.toString());
        Outcome twice = run(off, "check", scenario.toString());
        assertEquals(1, once.exit());
        assertEquals(0, twice.exit(), twice.err());
        assertEquals(List.of(), archives());
        assertFalse(Files.exists(cache), "COWPTE_CDS=0 leaves the cache folder alone");
    }
}
