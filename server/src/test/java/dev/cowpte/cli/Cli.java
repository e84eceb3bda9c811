package dev.cowpte.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Calls the command line in-process and captures what it prints. */
record Cli(int code, String out, String err) {
    static final Path SAMPLES = findSamples();

    static Cli run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The samples that take seconds (32 GiB forked; 300 GiB read by 1,500 processes): directory-wide
     * tests run on a copy of the others, and invariants, which walk every frame, are not checked in them.
     */
    static final java.util.Set<String> SLOW_SAMPLES = java.util.Set.of("fork-latency-32g.cowpte",
            "mshare-1500-processes.cowpte");

    static Path quickSamples(Path into) throws java.io.IOException {
        Path dir = Files.createDirectories(into.resolve("samples"));
        try (var files = Files.list(SAMPLES)) {
            for (Path p : files.toList()) {
                if (p.toString().endsWith(".cowpte") && !SLOW_SAMPLES.contains(p.getFileName().toString())) {
                    Files.copy(p, dir.resolve(p.getFileName()));
                }
            }
        }
        return dir;
    }

    static String sample(String name) {
        return SAMPLES.resolve(name).toString();
    }

    /** Output with the samples directory as the user would write it from the repository root. */
    static String normalise(String text) {
        String prefix = SAMPLES.toString() + "/";
        return text.replace(prefix, "samples/").replaceAll("time=\"[0-9.]+\"", "time=\"0\"");
    }

    private static Path findSamples() {
        for (Path p : new Path[] {Path.of("samples"), Path.of("../samples")}) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("samples/ not found from " + Path.of("").toAbsolutePath());
    }
}
