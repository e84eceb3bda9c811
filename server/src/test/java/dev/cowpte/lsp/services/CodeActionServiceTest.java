package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lsp.CursorDocument;
import java.util.Comparator;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

/** Quick fixes, each asked for with the cursor ({@code |}) on the problem, and the text after applying it. */
class CodeActionServiceTest {
    private static List<CodeAction> actions(String marked) {
        CursorDocument c = CursorDocument.of(marked);
        return new CodeActionService().actions(c.document(), c.run(), new Range(c.cursor(), c.cursor()));
    }

    private static String titles(String marked) {
        return String.join(" / ", actions(marked).stream().map(CodeAction::getTitle).toList());
    }

    /** The text after the action titled {@code title}. */
    private static String applied(String marked, String title) {
        CursorDocument c = CursorDocument.of(marked);
        CodeAction a = actions(marked).stream().filter(x -> x.getTitle().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + title + "' in " + titles(marked)));
        assertEquals("quickfix", a.getKind());
        assertEquals(1, a.getDiagnostics().size());
        List<TextEdit> edits = a.getEdit().getChanges().get(CursorDocument.URI);
        var lines = c.document().lines();
        String text = c.document().text();
        for (TextEdit e : edits.stream().sorted(Comparator.comparingInt(
                (TextEdit e) -> lines.offsetAt(e.getRange().getStart())).reversed()).toList()) {
            text = text.substring(0, lines.offsetAt(e.getRange().getStart())) + e.getNewText()
                    + text.substring(lines.offsetAt(e.getRange().getEnd()));
        }
        return text;
    }

    @Test
    void aMisspeltProcessIsChangedToTheOneMeant() {
        String doc = "process parent\nmmap parent buf 4\ntouch par|net buf\n";
        assertEquals("process parent\nmmap parent buf 4\ntouch parent buf\n", applied(doc, "Change to 'parent'"));
        assertTrue(actions(doc).get(0).getIsPreferred());
    }

    @Test
    void aMisspeltRegionKeywordFaultKindOrEqualsSignIsChanged() {
        String head = "process p\nmmap p buf 4\n";
        assertEquals(head + "touch p buf\n", applied(head + "touch p b|fu\n", "Change to 'buf'"));
        assertEquals(head + "expect refcount p buf[0] == 0\n",
                applied(head + "expect ref|cnt p buf[0] == 0\n", "Change to 'refcount'"));
        assertEquals(head + "expect faults p cow == 0\n", applied(head + "expect faults p c|wo == 0\n", "Change to 'cow'"));
        assertEquals(head + "expect rss p == 0\n", applied(head + "expect rss p |= 0\n", "Change to '=='"));
        assertEquals(head + "touch p buf\n", applied(head + "tuo|ch p buf\n", "Change to 'touch'"));
    }

    @Test
    void anUndeclaredProcessIsDeclaredBeforeTheStatementOrTheRepeatThatUsesIt() {
        assertEquals("process server\nmmap server heap 4\n",
                applied("mmap ser|ver heap 4\n", "Declare process 'server'"));
        assertEquals("process p\nprocess q\nrepeat 2 {\n  mmap q buf 4\n}\n",
                applied("process p\nrepeat 2 {\n  mmap |q buf 4\n}\n", "Declare process 'q'"));
    }

    @Test
    void aRegionNotMappedIsMapped() {
        assertEquals("process p\nmmap p heap 1M\ntouch p heap\n",
                applied("process p\ntouch p he|ap\n", "Map region 'heap' in 'p' (mmap, 1M)"));
    }

    @Test
    void anAccessThatFaultsCanBeExpectedToFault() {
        String doc = "process p\nmmap p buf 4 readonly\nwr|ite p buf[0] = 1\n";
        assertEquals("process p\nmmap p buf 4 readonly\nexpect segv write p buf[0] = 1\n",
                applied(doc, "Add 'expect segv': this access is meant to fault"));
        assertEquals("process p\nmmap p buf 4\nmunmap p buf\nexpect segv touch p buf\n",
                applied("process p\nmmap p buf 4\nmunmap p buf\ntouch p b|uf\n",
                        "Add 'expect segv': this access is meant to fault"));
        // the front end knows a write to a readonly region faults: the fix is offered on its diagnostic too
        assertEquals("process p\nmmap p buf 4 readonly\nexpect segv write p buf[0] = 1\n",
                applied("process p\nmmap p buf 4 readonly\nwrite p b|uf[0] = 1\n",
                        "Add 'expect segv': this access is meant to fault"));
    }

    @Test
    void nothingToFixIsNoAction() {
        assertEquals("", titles("process p\nmmap p b|uf 4\ntouch p buf\n"));
    }
}
