package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.check.Names;
import dev.cowpte.lsp.CursorDocument;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Location;
import org.junit.jupiter.api.Test;

/**
 * The editor's features read the names the front end resolved: what completion offers, where
 * definition and references go, agree with what the checker accepts on the tricky cases.
 */
class NamesAgreementTest {
    private static List<String> labels(String marked) {
        CursorDocument c = CursorDocument.of(marked);
        return CompletionService.complete(c.document(), c.cursor()).stream().map(CompletionItem::getLabel).toList();
    }

    private static List<Integer> definitionLines(String marked) {
        CursorDocument c = CursorDocument.of(marked);
        return lines(DefinitionService.definition(c.document(), c.cursor()));
    }

    private static List<Integer> referenceLines(String marked) {
        CursorDocument c = CursorDocument.of(marked);
        return lines(ReferencesService.references(c.document(), c.cursor(), true));
    }

    private static List<Integer> lines(List<Location> locations) {
        return locations.stream().map(l -> l.getRange().getStart().getLine() + 1).toList();
    }

    private static List<String> codes(String text) {
        return CursorDocument.plain(text).analysis().diagnostics().stream().map(d -> d.code().id()).toList();
    }

    @Test
    void dontforkRegionInAChildIsNotOfferedButItsNameStillLeadsToItsMmap() {
        String text = "process p\nmmap p secret 4K dontfork\nmmap p buf 4K\nfork p -> c\n";
        assertEquals(List.of("buf"), labels(text + "touch c |"));
        assertEquals(List.of("secret", "buf"), labels(text + "touch p |"));
        assertEquals(List.of(), codes(text + "expect segv write c secret[0]\n"));
        assertEquals(List.of("unmapped-region"), codes(text + "touch c secret\n"));
        assertEquals(List.of(2), definitionLines(text + "expect segv write c sec|ret[0]\n"));
        assertEquals(List.of(2, 5), referenceLines(text + "expect segv write c sec|ret[0]\n"));
    }

    @Test
    void partlyUnmappedRegionIsOfferedAndTheModelSaysWhichPagesWent() {
        String text = "process p\nmmap p buf 4\nmunmap p buf[0..2]\n";
        assertEquals(List.of(), codes(text + "touch p buf[3]\n"));
        assertEquals(List.of("buf"), labels(text + "touch p |"));
        ScenarioDocument d = CursorDocument.plain(text);
        Names.Scope scope = d.analysis().names().scopeAt(d.text().length());
        List<Names.PageRun> runs = scope.process("p").regions().get(0).runs();
        assertEquals(0, runs.get(0).from());
        assertTrue(runs.get(0).gone().contains("line 3"));
        assertNull(runs.get(runs.size() - 1).gone());
        assertEquals(4, runs.get(runs.size() - 1).to());
        assertEquals(List.of(2, 3, 4), referenceLines(text + "touch p b|uf[3]\n"));
    }

    @Test
    void familyOfProcessesIsOneSymbolAndItsLivingInstancesAreOffered() {
        String text = "process p\nmmap p buf 1G\nrepeat 3 as i {\n  fork p -> w{i}\n  touch w{i} buf\n}\nexit w1\n";
        assertEquals(List.of(), codes(text + "touch w2 buf\n"));
        assertEquals(List.of("p", "w0", "w2"), labels(text + "exit |"));
        assertEquals(List.of("exited-process"), codes(text + "touch w1 buf\n"));
        assertEquals(List.of(4), definitionLines(text + "exit w|2\n"));
        assertEquals(List.of(4, 5, 7, 8), referenceLines(text + "exit w|2\n"));
        assertEquals(List.of(2), definitionLines(text + "touch w2 b|uf\n"));
        assertEquals(List.of("buf"), labels(text + "touch w2 |"));
    }

    @Test
    void nestedRepeatsNameEveryInstanceAfterwardsAndTheFamilyInside() {
        String text = "process p\nrepeat 2 as i {\n  repeat 3 as j {\n    fork p -> w{i}x{j}\n    %s\n  }\n}\n%s";
        assertEquals(List.of("p", "w{i}x{j}"), labels(String.format(text, "exit |", "")));
        assertEquals(List.of("p", "w0x0", "w0x1", "w0x2", "w1x0", "w1x1", "w1x2"),
                labels(String.format(text, "", "exit |")));
        assertEquals(List.of(), codes(String.format(text, "", "exit w1x2\n").replace("|", "")));
        assertEquals(List.of(4), definitionLines(String.format(text, "", "exit w1|x2\n")));
        CursorDocument c = CursorDocument.of(String.format(text, "exit |", ""));
        assertEquals(List.of("i", "j"), dev.cowpte.lsp.document.ScopeAt.of(c.document(),
                c.document().lines().offsetAt(c.cursor())).variables());
    }

    @Test
    void nameGivenAgainAfterTheWholeRegionWasUnmappedIsANewSymbol() {
        String text = "process p\nmmap p buf 4K\ntouch p buf\nmunmap p buf\nmmap p buf 8K\ntouch p %s\n";
        assertEquals(List.of(), codes(String.format(text, "buf")));
        assertEquals(List.of(5), definitionLines(String.format(text, "b|uf")));
        assertEquals(List.of(5, 6), referenceLines(String.format(text, "b|uf")));
        assertEquals(List.of(2, 3, 4), referenceLines(String.format(text, "buf").replaceFirst("touch p buf",
                "touch p b|uf")));
        ScenarioDocument d = CursorDocument.plain(String.format(text, "buf"));
        Names.RegionView buf = d.analysis().names().scopeAt(d.text().length()).process("p").regions().get(0);
        assertNotNull(buf.symbol());
        assertEquals(5, buf.symbol().declaredAt().line());
    }
}
