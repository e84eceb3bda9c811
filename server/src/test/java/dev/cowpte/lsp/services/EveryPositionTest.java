package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.fail;

import dev.cowpte.lsp.CursorDocument;
import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

/**
 * Every feature at every position of scenarios that stress the front end (nested repeats with and
 * without variables, errors inside them, names of regions a process no longer maps): none throws.
 */
class EveryPositionTest {
    static final List<String> TEXTS = List.of(
            "process p\nrepeat 2 {\n  repeat 3 {\n  }\n}\n",
            "process p\nmmap p buf 8\nrepeat 2 {\n  repeat 3 as i {\n    touch p buf[i]\n  }\n}\n",
            "process p\nmmap p buf 8\nrepeat 2 as j {\n  repeat 3 as i {\n    fork p -> w{i}{j}\n    touch w{i}{j} buf\n"
                    + "  }\n}\nexit w1{j}\n",
            "process p\nrepeat 2 as i {\n  repeat 2 {\n    mmap p b{i} 4\n    touch p b{i}[\n    oops\n  }\n}\n",
            "process p\nmmap p buf 4M dontfork\nmadvise p buf[512..] dofork\nfork p -> c\ntouch c buf[512]\n"
                    + "expect segv write c buf[0]\nmunmap c buf[512..]\nexpect segv read c buf[600]\n",
            "repeat 3 as i {\n repeat 2 as i {\n }\n}\nrepeat 2 {\n repeat 2 as k { process x{k}\n }\n}\n");

    @Test
    void noFeatureThrowsAnywhere() {
        HoverService hover = new HoverService();
        InlayHintService hints = new InlayHintService();
        CodeLensService lenses = new CodeLensService();
        try {
            for (String text : TEXTS) {
                ScenarioDocument d = CursorDocument.plain(text);
                Optional<DocumentStore.LastRun> run = Optional.of(CursorDocument.runOf(d));
                at(text, -1, () -> SemanticTokensService.tokens(d));
                at(text, -1, () -> FoldingRangeService.foldingRanges(d));
                at(text, -1, () -> FormattingService.format(d, new FormattingOptions(2, true)));
                at(text, -1, () -> DocumentSymbolService.symbols(d));
                at(text, -1, () -> lenses.codeLenses(d, run));
                at(text, -1, () -> hints.inlayHints(d, run, new Range(new Position(0, 0), new Position(99, 0))));
                for (int offset = 0; offset <= text.length(); offset++) {
                    Position p = d.lines().positionAt(offset);
                    at(text, offset, () -> CompletionService.complete(d, p));
                    at(text, offset, () -> hover.hover(d, run, p));
                    at(text, offset, () -> DefinitionService.definition(d, p));
                    at(text, offset, () -> ReferencesService.references(d, p, true));
                    at(text, offset, () -> RenameService.prepareRename(d, p));
                    at(text, offset, () -> {
                        try {
                            return RenameService.rename(d, p, "renamed");
                        } catch (IllegalArgumentException refused) {
                            return null;
                        }
                    });
                }
            }
        } finally {
            lenses.close();
        }
    }

    private static void at(String text, int offset, java.util.function.Supplier<?> feature) {
        try {
            feature.get();
        } catch (RuntimeException e) {
            AssertionError error = new AssertionError("a feature threw at offset " + offset + " of:\n" + text);
            error.initCause(e);
            throw error;
        }
    }
}
