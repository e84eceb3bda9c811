package dev.cowpte.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.lsp.services.CompletionService;
import dev.cowpte.lsp.services.DefinitionService;
import dev.cowpte.lsp.services.FoldingRangeService;
import dev.cowpte.lsp.services.FormattingService;
import dev.cowpte.lsp.services.HoverService;
import dev.cowpte.lsp.services.ReferencesService;
import dev.cowpte.lsp.services.SemanticTokensService;
import dev.cowpte.run.RunOptions;
import dev.cowpte.run.RunResult;
import dev.cowpte.run.ScenarioRunner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextEdit;

/**
 * Coverage-guided fuzzing of the language server's document handling, without the transport:
 * a document is opened, edited incrementally at arbitrary (even invalid) positions, and the
 * services are asked about the result at arbitrary positions. The store's text must be what the
 * protocol says the edits give (computed here on its own), no service may throw, ranges must lie
 * in the document, and formatting must keep every token and be idempotent.
 */
class DocumentFuzzTest {
    private static final String URI = "file:///fuzz/scenario.cowpte";

    @FuzzTest(maxDuration = "5s")
    void editAndAsk(FuzzedDataProvider data) {
        DocumentStore store = new DocumentStore();
        String text = data.consumeString(400);
        ScenarioDocument first = store.open(URI, 1, text);
        // A run of the first version (on a small machine, a few steps), so hovers read a run of an older text.
        RunResult ran = ScenarioRunner.run(text, RunOptions.defaults().withStepBudget(200)
                .withMachineOverride(c -> c.withMemory(16L << 20)));
        store.finished(first, ran);
        int edits = data.consumeInt(0, 6);
        for (int version = 2; version < 2 + edits; version++) {
            TextDocumentContentChangeEvent change;
            String inserted = data.consumeString(40);
            if (data.consumeInt(0, 9) == 0) {
                change = new TextDocumentContentChangeEvent(inserted);
                text = inserted;
            } else {
                Position start = position(data);
                Position end = data.consumeBoolean() ? start : position(data);
                change = new TextDocumentContentChangeEvent(new Range(start, end), inserted);
                text = applyChange(text, start, end, inserted);
            }
            ScenarioDocument d = store.change(URI, version, List.of(change));
            assertEquals(text, d.text(), "the store's text after an edit");
        }
        ScenarioDocument d = store.get(URI).orElseThrow();
        Optional<DocumentStore.LastRun> lastRun = store.lastRun(URI);
        HoverService hover = new HoverService();
        int asks = data.consumeInt(1, 4);
        for (int i = 0; i < asks; i++) {
            Position p = position(data);
            hover.hover(d, lastRun, p);
            CompletionService.complete(d, p);
            DefinitionService.definition(d, p);
            ReferencesService.references(d, p, data.consumeBoolean());
        }
        SemanticTokens tokens = SemanticTokensService.tokens(d);
        assertEquals(0, tokens.getData().size() % 5, "semantic tokens come in fives");
        for (FoldingRange f : FoldingRangeService.foldingRanges(d)) {
            assertTrue(0 <= f.getStartLine() && f.getStartLine() <= f.getEndLine()
                    && f.getEndLine() < d.lines().lineCount(), () -> "a fold outside the text: " + f);
        }
        FormattingOptions options = new FormattingOptions(data.consumeInt(0, 8), data.consumeBoolean());
        List<TextEdit> formatting = FormattingService.format(d, options);
        if (!formatting.isEmpty()) {
            String formatted = applyEdits(d.text(), formatting);
            assertEquals(withoutBlanks(d.text()), withoutBlanks(formatted), "formatting changes only blanks and line breaks");
            ScenarioDocument again = new ScenarioDocument(URI, 99, formatted);
            assertEquals(List.of(), FormattingService.format(again, options), "formatting twice changes nothing more");
        }
    }

    /** The text without what the lexer skips between tokens (space, tab, form feed, BOM) and line breaks. */
    private static String withoutBlanks(String text) {
        return text.replaceAll("[ \\t\\f\\uFEFF\\r\\n]+", "");
    }

    private static Position position(FuzzedDataProvider data) {
        return new Position(data.consumeInt(-1, 12), data.consumeInt(-1, 60));
    }

    // ---- the protocol's rules, written here apart from LineIndex ----

    /** The offset of a position: lines end at \n, \r\n or \r; past the end of a line is its end; past the last line the end. */
    static int offset(String text, Position p) {
        if (p.getLine() < 0) {
            return 0;
        }
        int line = 0;
        int i = 0;
        while (line < p.getLine()) {
            if (i >= text.length()) {
                return text.length();
            }
            char c = text.charAt(i++);
            if (c == '\r' && i < text.length() && text.charAt(i) == '\n') {
                i++;
                line++;
            } else if (c == '\n' || c == '\r') {
                line++;
            }
        }
        int lineStart = i;
        int lineEnd = i;
        while (lineEnd < text.length() && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
            lineEnd++;
        }
        return lineStart + Math.min(Math.max(0, p.getCharacter()), lineEnd - lineStart);
    }

    static String applyChange(String text, Position start, Position end, String inserted) {
        int from = offset(text, start);
        int to = Math.max(from, offset(text, end));
        return text.substring(0, from) + inserted + text.substring(to);
    }

    static String applyEdits(String text, List<TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt((TextEdit e) -> offset(text, e.getRange().getStart())).reversed());
        String out = text;
        int previousStart = Integer.MAX_VALUE;
        for (TextEdit e : sorted) {
            int from = offset(text, e.getRange().getStart());
            int to = offset(text, e.getRange().getEnd());
            assertTrue(from <= to && to <= previousStart, () -> "overlapping or reversed edits: " + edits);
            out = out.substring(0, from) + e.getNewText() + out.substring(to);
            previousStart = from;
        }
        return out;
    }
}
