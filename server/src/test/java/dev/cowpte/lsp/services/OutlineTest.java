package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cowpte.lsp.CursorDocument;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;
import org.eclipse.lsp4j.SymbolKind;
import org.junit.jupiter.api.Test;

/** Document symbols and folding ranges. */
class OutlineTest {
    /** The tree as "name[kind](line)" with children in braces. */
    private static String tree(List<DocumentSymbol> symbols) {
        StringBuilder out = new StringBuilder();
        for (DocumentSymbol s : symbols) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(s.getName()).append('[').append(s.getKind()).append("](")
                    .append(s.getSelectionRange().getStart().getLine() + 1).append(')');
            if (s.getChildren() != null && !s.getChildren().isEmpty()) {
                out.append(" {").append(tree(s.getChildren())).append('}');
            }
        }
        return out.toString();
    }

    @Test
    void titleProcessesWithRegionsAndRepeats() {
        String text = "scenario \"fork\"\nprocess parent\nmmap parent buf 1G shared\nrepeat 4 as i {\n"
                + "  fork parent -> w{i} policy odf\n  mmap w{i} own 4K\n}\n";
        List<DocumentSymbol> symbols = DocumentSymbolService.symbols(CursorDocument.plain(text));
        assertEquals("fork[String](1), parent[Object](2) {buf[Field](3)}, "
                + "repeat 4 as i[Namespace](4) {w{i}[Object](5) {own[Field](6)}}", tree(symbols));
        assertEquals("1G shared", symbols.get(1).getChildren().get(0).getDetail());
        assertEquals("fork of parent, odf", symbols.get(2).getChildren().get(0).getDetail());
        assertEquals(SymbolKind.Namespace, symbols.get(2).getKind());
        assertEquals(6, symbols.get(2).getRange().getEnd().getLine());
    }

    @Test
    void brokenLinesAreLeftOutTheRestStays() {
        String text = "process a\nmmap a\nprocess b\n";
        assertEquals("a[Object](1), b[Object](3)", tree(DocumentSymbolService.symbols(CursorDocument.plain(text))));
    }

    private static List<String> folds(String text) {
        return FoldingRangeService.foldingRanges(CursorDocument.plain(text)).stream()
                .map(f -> (f.getStartLine() + 1) + "-" + (f.getEndLine() + 1)
                        + (FoldingRangeKind.Comment.equals(f.getKind()) ? " comment" : ""))
                .toList();
    }

    @Test
    void repeatBlocksFoldUpToTheLineBeforeTheirBrace() {
        String text = "process p\nrepeat 2 as i {\n  touch p buf\n  repeat 3 as j\n  {\n    show\n  }\n}\n";
        assertEquals(List.of("2-7", "4-6"), folds(text));
    }

    @Test
    void runsOfCommentLinesFoldButNotTrailingComments() {
        String text = "# one\n# two\n  # three\nprocess p  # trailing\n# alone\n\n# four\n# five\n";
        assertEquals(List.of("1-3 comment", "7-8 comment"), folds(text));
    }

    @Test
    void blocksFoldWhileALineInThemHasAnError() {
        List<FoldingRange> r = FoldingRangeService.foldingRanges(CursorDocument.plain("repeat 2 {\n  touch\n  show\n}\n"));
        assertEquals(1, r.size());
        assertEquals(0, r.get(0).getStartLine());
        assertEquals(2, r.get(0).getEndLine());
    }
}
