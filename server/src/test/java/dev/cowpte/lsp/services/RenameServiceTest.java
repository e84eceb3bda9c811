package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lsp.CursorDocument;
import java.util.Comparator;
import java.util.List;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.junit.jupiter.api.Test;

class RenameServiceTest {
    /** The text after applying the rename's edits. */
    private static String renamed(String marked, String newName) {
        CursorDocument c = CursorDocument.of(marked);
        WorkspaceEdit edit = RenameService.rename(c.document(), c.cursor(), newName);
        List<TextEdit> edits = edit.getChanges().get(CursorDocument.URI);
        String text = c.document().text();
        var lines = c.document().lines();
        List<TextEdit> backwards = edits.stream()
                .sorted(Comparator.comparingInt((TextEdit e) -> lines.offsetAt(e.getRange().getStart())).reversed())
                .toList();
        for (TextEdit e : backwards) {
            text = text.substring(0, lines.offsetAt(e.getRange().getStart())) + e.getNewText()
                    + text.substring(lines.offsetAt(e.getRange().getEnd()));
        }
        return text;
    }

    private static String refusal(String marked, String newName) {
        CursorDocument c = CursorDocument.of(marked);
        return assertThrows(IllegalArgumentException.class,
                () -> RenameService.rename(c.document(), c.cursor(), newName)).getMessage();
    }

    private static String prepared(String marked) {
        CursorDocument c = CursorDocument.of(marked);
        Range r = RenameService.prepareRename(c.document(), c.cursor());
        if (r == null) {
            return null;
        }
        String line = c.document().text().split("\n", -1)[r.getStart().getLine()];
        return line.substring(r.getStart().getCharacter(), r.getEnd().getCharacter());
    }

    @Test
    void renamesEveryOccurrenceOfAProcess() {
        assertEquals("process server\nmmap server heap 1G\nfork server -> child\nexpect shared server child heap\n",
                renamed("process parent\nmmap parent heap 1G\nfork par|ent -> child\nexpect shared parent child heap\n",
                        "server"));
    }

    @Test
    void renamesARegionInItsFamilyOnly() {
        String text = "process a\nmmap a b|uf 1G\nfork a -> b\ntouch b buf[3]\nprocess x\nmmap x buf 4K\n";
        assertEquals("process a\nmmap a heap 1G\nfork a -> b\ntouch b heap[3]\nprocess x\nmmap x buf 4K\n",
                renamed(text, "heap"));
    }

    @Test
    void prepareRenameGivesTheNameOrNothing() {
        assertEquals("parent", prepared("process parent\nfork par|ent -> child"));
        assertNull(prepared("process parent\nfo|rk parent -> child"));
        assertNull(prepared("process p\nfork p -> c policy cow-|pte"));
    }

    @Test
    void templateRenamesItsTextPartAndItsInstances() {
        String text = "process p\nrepeat 2 as i {\n  fork p -> wor|ker{i}\n  touch worker{i} buf\n}\nexit worker1\n";
        assertEquals("worker", prepared(text));
        assertEquals("process p\nrepeat 2 as i {\n  fork p -> server{i}\n  touch server{i} buf\n}\nexit server1\n",
                renamed(text, "server"));
    }

    @Test
    void fromAnInstanceTheTemplateIsRenamed() {
        String text = "process p\nrepeat 2 as i {\n  fork p -> w{i}_x\n}\nexit w1_|x\n";
        assertEquals("_x", prepared(text));
        assertEquals("process p\nrepeat 2 as i {\n  fork p -> w{i}_y\n}\nexit w1_y\n", renamed(text, "_y"));
    }

    @Test
    void aWholeNewTemplateMustKeepThePlaceholders() {
        String text = "process p\nrepeat 2 as i {\n  fork p -> w|{i}\n}\nexit w0\n";
        assertEquals("process p\nrepeat 2 as i {\n  fork p -> child_{i}_a\n}\nexit child_0_a\n", renamed(text, "child_{i}_a"));
        assertTrue(refusal(text, "child{j}").contains("must keep the placeholders"));
        assertNull(prepared("process p\nrepeat 2 as i {\n  fork p -> w{|i}\n}"));
    }

    @Test
    void refusesInvalidNamesKeywordsAndClashes() {
        String text = "process parent\nprocess other\nmmap parent buf 1G\nmmap parent heap 1G\nfork par|ent -> child\n";
        assertTrue(refusal(text, "my-proc").contains("not a valid process name"), refusal(text, "my-proc"));
        assertTrue(refusal(text, "2nd").contains("not a valid process name"));
        assertTrue(refusal(text, "").contains("can not be empty"));
        assertTrue(refusal(text, "fork").contains("'fork' is a keyword"));
        assertEquals("A process named 'other' already exists (line 2); choose another name.", refusal(text, "other"));
        assertTrue(refusal(text, "w{i}").contains("placeholder"));
        String region = "process parent\nmmap parent buf 1G\nmmap parent heap 1G\ntouch parent b|uf\n";
        assertEquals("A region named 'heap' already exists (line 3); choose another name.", refusal(region, "heap"));
        assertTrue(refusal("process p\nto|uch p buf", "x").startsWith("Nothing to rename here"));
    }

    @Test
    void aRegionMayTakeTheNameOfAProcess() {
        assertEquals("process p\nmmap p p 4K\n", renamed("process p\nmmap p b|uf 4K\n", "p"));
    }
}
