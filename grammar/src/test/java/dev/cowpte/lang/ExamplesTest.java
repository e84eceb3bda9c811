package dev.cowpte.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every file in grammar/examples is a valid scenario. */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("examples");

    @TestFactory
    Stream<DynamicTest> everyExampleParsesWithoutDiagnostics() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(EXAMPLES)) {
            files = listing.filter(p -> p.toString().endsWith(".cowpte")).sorted().toList();
        }
        assertTrue(files.size() >= 5, "the examples folder holds the examples");
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            FrontEnd.Result result = FrontEnd.analyze(Files.readString(file), Analysis.POLICIES);
            assertEquals(List.of(), result.diagnostics(), file + Analysis.describe(result));
            assertFalse(result.scenario().statements().isEmpty());
        }));
    }
}
