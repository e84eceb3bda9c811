package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lsp.CursorDocument;
import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.run.RunOptions;
import dev.cowpte.run.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every run-driven feature on every sample, at every position: answers, never exceptions. */
class SamplesRunViewTest {
    static Stream<Path> samples() throws Exception {
        Path dir = Path.of("..", "samples");
        return Files.list(dir).filter(p -> p.toString().endsWith(".cowpte")).sorted();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyPositionOfEverySample(Path sample) throws Exception {
        ScenarioDocument d = CursorDocument.plain(Files.readString(sample));
        // Without invariant checks: the 32 GiB sample would spend minutes walking every table after
        // every statement, and the golden tests run the samples with checks already.
        Optional<DocumentStore.LastRun> run = Optional.of(new DocumentStore.LastRun(d,
                ScenarioRunner.run(d.text(), RunOptions.defaults())));
        List<Diagnostic> diagnostics = new DiagnosticsService().diagnostics(d, run);
        boolean failsOnPurpose = sample.getFileName().toString().startsWith("failing");
        assertEquals(failsOnPurpose, !diagnostics.isEmpty(), diagnostics.toString());
        HoverService hovers = new HoverService();
        int answered = 0;
        for (int line = 0; line < d.lines().lineCount(); line++) {
            int length = d.lines().lineStart(line + 1) - d.lines().lineStart(line);
            for (int c = 0; c <= length; c++) {
                Hover h = hovers.hover(d, run, new Position(line, c));
                if (h != null) {
                    answered++;
                    assertTrue(!h.getContents().getRight().getValue().isBlank());
                }
            }
        }
        assertTrue(answered > 0);
        Range all = new Range(new Position(0, 0), new Position(d.lines().lineCount(), 0));
        assertTrue(!new InlayHintService().inlayHints(d, run, all).isEmpty());
        try (CodeLensService lenses = new CodeLensService()) {
            assertTrue(lenses.codeLenses(d, run).size() >= 2);
        }
    }
}
