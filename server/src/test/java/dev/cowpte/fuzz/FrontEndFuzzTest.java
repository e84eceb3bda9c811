package dev.cowpte.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.FrontEnd;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.run.ScenarioRunner;

/**
 * Coverage-guided fuzzing of the front end on arbitrary text: it never throws, never reports an
 * internal error, and every diagnostic lies inside the text. Without {@code JAZZER_FUZZ} this is
 * a regression test over the inputs in {@code FrontEndFuzzTestInputs/analyze/}; with it, Jazzer
 * mutates them for {@code maxDuration} (or {@code JAZZER_MAX_DURATION}) and writes any input
 * that fails there, where it stays as a regression test.
 */
class FrontEndFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void analyze(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        FrontEnd.Result result = ScenarioRunner.check(text);
        assertNotNull(result.scenario(), "no tree");
        for (Diagnostic d : result.diagnostics()) {
            assertTrue(d.code() != DiagnosticCode.INTERNAL_ERROR, d::message);
            SourceRange r = d.range();
            assertTrue(r.line() >= 1 && r.column() >= 1, () -> "a diagnostic before the text: " + d);
            assertTrue(r.startOffset() <= r.endOffset() && r.endOffset() <= text.length(),
                    () -> "a diagnostic outside the text: " + d);
        }
    }
}
