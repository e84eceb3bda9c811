package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lsp.CursorDocument;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.InlineValue;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

class InlineValueServiceTest {
    private static final String TEXT = """
            policy cow-pte
            process parent
            mmap parent buf 2M
            touch parent buf
            fork parent -> child
            write child buf[0] = 7
            expect pagetables child == 16K
            """;
    private static final Range ALL = new Range(new Position(0, 0), new Position(100, 0));

    private final InlineValueService service = new InlineValueService();

    private static List<String> texts(List<InlineValue> values) {
        return values.stream().map(v -> v.getInlineValueText().getRange().getStart().getLine() + " "
                + v.getInlineValueText().getText()).toList();
    }

    @Test
    void countersBesideEachStatementUpToTheStoppedLine() {
        ScenarioDocument d = CursorDocument.plain(TEXT);
        List<String> got = texts(service.inlineValues(d, Optional.of(CursorDocument.runOf(d)), ALL,
                new Range(new Position(4, 0), new Position(4, 20))));
        assertEquals(4, got.size(), got.toString());
        assertEquals("4 pagetables 28 KiB, memory 2076 KiB · parent: rss 512 pages, pt 12 KiB · child: rss 512 pages,"
                + " pt 12 KiB", got.get(3));
    }

    @Test
    void anExpectationShowsItsActualValue() {
        ScenarioDocument d = CursorDocument.plain(TEXT);
        List<String> got = texts(service.inlineValues(d, Optional.of(CursorDocument.runOf(d)), ALL, null));
        assertTrue(got.get(got.size() - 1).startsWith("6 actual 12 KiB · pagetables"), got.toString());
    }

    @Test
    void nothingWithoutARun() {
        ScenarioDocument d = CursorDocument.plain(TEXT);
        assertEquals(List.of(), service.inlineValues(d, Optional.empty(), ALL, null));
    }
}
