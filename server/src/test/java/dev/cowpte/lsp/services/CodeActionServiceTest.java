package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.DiagnosticData;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lsp.CursorDocument;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
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
        return applied(c.document(), a);
    }

    private static String applied(ScenarioDocument document, CodeAction a) {
        List<TextEdit> edits = a.getEdit().getChanges().get(CursorDocument.URI);
        var lines = document.lines();
        String text = document.text();
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

    @Test
    void anArrowWrittenAsEqualsGreaterIsChangedWhole() {
        assertEquals("process p\nfork p -> c\n", applied("process p\nfork p =|> c\n", "Change to '->'"));
    }

    @Test
    void aMisspeltPolicyIsChanged() {
        assertEquals("policy cow-pte\n", applied("policy cow-p|et\n", "Change to 'cow-pte'"));
    }

    @Test
    void aFaultOnlyTheRunFindsCanBeExpectedToo() {
        // mprotect leaves the front end unsure; the run's SIGSEGV carries the access to mark
        String doc = "process p\nmmap p buf 4\nmprotect p buf readonly\nrepeat 2 {\n  wr|ite p buf[0] = 1\n}\n";
        assertEquals("process p\nmmap p buf 4\nmprotect p buf readonly\nrepeat 2 {\n  expect segv write p buf[0] = 1\n}\n",
                applied(doc, "Add 'expect segv': this access is meant to fault"));
    }

    /** "touch par|net buf": the front end's diagnostic on 'parnet', whose data names 'parent'. */
    private static final String MISSPELT = "process parent\nmmap parent buf 4\ntouch par|net buf\n";

    private static Diagnostic frontEndDiagnostic(CursorDocument c) {
        return new DiagnosticsService().diagnostics(c.document(), java.util.Optional.empty()).stream()
                .filter(d -> d.getCode().getLeft().equals(DiagnosticCode.UNDECLARED_PROCESS.id())).findFirst()
                .orElseThrow();
    }

    private static List<String> titles(List<CodeAction> actions) {
        return actions.stream().map(CodeAction::getTitle).toList();
    }

    @Test
    void aFixComesFromTheDiagnosticsDataWhateverItsMessageSays() {
        CursorDocument c = CursorDocument.of(MISSPELT);
        Diagnostic d = frontEndDiagnostic(c);
        d.setMessage("worded otherwise: no name in quotes here");
        List<CodeAction> fixes = new CodeActionService().fixes(c.document(), d);
        assertEquals(List.of("Change to 'parent'", "Declare process 'parnet'"), titles(fixes));
        assertEquals("process parent\nmmap parent buf 4\ntouch parent buf\n", applied(c.document(), fixes.get(0)));

        // and the other way round: a message that names a fix, without data, is offered none
        Diagnostic bare = new Diagnostic(d.getRange(), "process 'parnet' is not declared (did you mean 'parent'?)");
        bare.setCode(DiagnosticCode.UNDECLARED_PROCESS.id());
        assertTrue(new CodeActionService().fixes(c.document(), bare).isEmpty());
    }

    @Test
    void theDataComesBackFromTheClientAsJsonAndStillGivesTheFix() {
        CursorDocument c = CursorDocument.of(MISSPELT);
        Diagnostic sent = frontEndDiagnostic(c);
        Gson gson = new MessageJsonHandler(Map.of()).getGson();
        Diagnostic back = gson.fromJson(gson.toJson(sent), Diagnostic.class);
        assertInstanceOf(JsonElement.class, back.getData());
        back.setMessage("reworded by the client");
        List<CodeAction> fixes = new CodeActionService().fixes(c.document(), back);
        assertEquals(List.of("Change to 'parent'", "Declare process 'parnet'"), titles(fixes));
        assertEquals("process parent\nmmap parent buf 4\nprocess parnet\ntouch parnet buf\n",
                applied(c.document(), fixes.get(1)));
        assertFalse(fixes.get(1).getIsPreferred(), "a name close to the one written is the likelier fix");
        // its JSON text, as a client that keeps data as a string would send it, reads the same
        back.setData(back.getData().toString());
        assertEquals(titles(fixes), titles(new CodeActionService().fixes(c.document(), back)));
    }

    @Test
    void aReadOfAWholeRegionBecomesATouchThatReadsEveryPage() {
        String doc = "process p\nmmap p heap 8M\nread p he|ap   # walk the heap\n";
        assertEquals("process p\nmmap p heap 8M\ntouch p heap read   # walk the heap\n",
                applied(doc, "Read every page: 'touch p heap read'"));
        assertTrue(actions(doc).get(0).getIsPreferred());
        // a one-page region, or one page named, reads what it says: no fix
        assertTrue(actions("process p\nmmap p heap 4K\nread p he|ap\n").isEmpty());
        assertTrue(actions("process p\nmmap p heap 8M\nread p he|ap[0]\n").isEmpty());
    }

    @Test
    void dataWrittenForAnyDiagnosticGivesItsFix() {
        CursorDocument c = CursorDocument.of("process p\nmmap p buf 4\nt|ouch p buf\n");
        SourceRange touch = new SourceRange(3, 1, 3, 12, 23, 34);
        Diagnostic d = DiagnosticsService.diagnostic(new Range(c.cursor(), c.cursor()), DiagnosticCode.SEGV,
                "any words", List.of(new DiagnosticData.ExpectSegv(touch)));
        List<CodeAction> fixes = new CodeActionService().fixes(c.document(), d);
        assertEquals("process p\nmmap p buf 4\nexpect segv touch p buf\n", applied(c.document(), fixes.get(0)));
        // data that is not ours is no fix, and no failure
        d.setData(new Gson().toJsonTree(List.of(Map.of("kind", "meant"), Map.of("other", 1), "x")));
        assertTrue(new CodeActionService().fixes(c.document(), d).isEmpty());
    }
}
