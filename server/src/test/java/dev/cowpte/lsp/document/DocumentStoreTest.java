package dev.cowpte.lsp.document;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

/** Incremental edits as clients send them. */
class DocumentStoreTest {
    private static String edit(String text, Range range, String newText) {
        DocumentStore store = new DocumentStore();
        store.open("file:///a.cowpte", 1, text);
        return store.change("file:///a.cowpte", 2, List.of(new TextDocumentContentChangeEvent(range, newText))).text();
    }

    private static Range range(int l1, int c1, int l2, int c2) {
        return new Range(new Position(l1, c1), new Position(l2, c2));
    }

    @Test
    void aCharacterPastTheLineEndMeansTheLineEndNotTheNextLine() {
        assertEquals("process p # x\nmmap p buf 4\n", edit("process p\nmmap p buf 4\n", range(0, 99, 0, 99), " # x"));
        assertEquals("process q\nmmap p buf 4\n", edit("process p\nmmap p buf 4\n", range(0, 8, 0, 99), "q"));
        assertEquals("process q\r\nmmap p buf 4", edit("process p\r\nmmap p buf 4", range(0, 8, 0, 99), "q"));
        assertEquals("process p\nmmap p buf 4!", edit("process p\nmmap p buf 4", range(1, 99, 5, 0), "!"));
    }

    @Test
    void editsWithinAndAcrossLines() {
        assertEquals("process p\nmmap p buf 8\n", edit("process p\nmmap p buf 4\n", range(1, 11, 1, 12), "8"));
        assertEquals("process p\n", edit("process p\nmmap p buf 4\n", range(1, 0, 2, 0), ""));
        assertEquals("process pmmap p buf 4\n", edit("process p\nmmap p buf 4\n", range(0, 9, 1, 0), ""));
    }

    @Test
    void theLargestPositionTheProtocolAllowsIsTheEndOfItsLine() {
        int max = Integer.MAX_VALUE;
        assertEquals("process p\nmmap p buf 4!\n", edit("process p\nmmap p buf 4\n", range(1, max, 1, max), "!"));
        assertEquals("process p!\nmmap p buf 4\n", edit("process p\nmmap p buf 4\n", range(0, max, 0, max), "!"));
        assertEquals("process p\nmmap p buf 4\n!", edit("process p\nmmap p buf 4\n", range(max, max, max, max), "!"));
        assertEquals("process p\nmmap p!", edit("process p\nmmap p buf 4\n", range(1, 6, max, 0), "!"));
        assertEquals("process p\r\nx\r\nmmap!", edit("process p\r\nx\r\nmmap", range(2, max, 2, max), "!"));
    }
}
