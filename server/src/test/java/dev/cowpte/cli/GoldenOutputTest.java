package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample in every format against a golden file under src/test/resources/golden. After an
 * intended change of output, regenerate with {@code mvn -pl server test -Dcowpte.updateGolden=true}
 * and review the diff.
 */
class GoldenOutputTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Stream<Arguments> samplesAndFormats() throws IOException {
        try (Stream<Path> files = Files.list(Cli.SAMPLES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cowpte")).sorted()
                    .toList().stream()
                    .flatMap(n -> Stream.of("text", "json", "junit", "ktap").map(f -> Arguments.of(n, f)));
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("samplesAndFormats")
    void outputMatchesGolden(String sample, String format) throws IOException {
        // Invariants are checked after every statement, except in the slow samples where one
        // check walks millions of entries (the simulator's own tests cover those sizes).
        Cli r = Cli.SLOW_SAMPLES.contains(sample)
                ? Cli.run("run", "--format", format, Cli.sample(sample))
                : Cli.run("run", "--check-invariants", "--format", format, Cli.sample(sample));
        String actual = Cli.normalise(r.out());
        Path golden = GOLDEN.resolve(sample.replace(".cowpte", "") + "." + format);
        if (Boolean.getBoolean("cowpte.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "output of " + sample + " as " + format);
        assertEquals("", r.err());
        assertEquals(sample.startsWith("failing-on-purpose") ? 1 : 0, r.code(), r.out());
    }
}
