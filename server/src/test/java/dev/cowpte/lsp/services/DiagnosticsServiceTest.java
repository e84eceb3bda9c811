package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lsp.CursorDocument;
import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DiagnosticTag;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

class DiagnosticsServiceTest {
    private final DiagnosticsService service = new DiagnosticsService();

    private List<Diagnostic> ofRun(String text) {
        ScenarioDocument d = CursorDocument.plain(text);
        return service.diagnostics(d, Optional.of(CursorDocument.runOf(d)));
    }

    private static Diagnostic withCode(List<Diagnostic> all, String code) {
        return all.stream().filter(d -> code.equals(d.getCode().getLeft())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + all));
    }

    @Test
    void aFailedExpectationSaysExpectedAndActualAndPointsAtTheFork() {
        List<Diagnostic> all = ofRun("""
                policy cow-pte
                process parent
                mmap parent buf 2M
                touch parent buf
                fork parent -> child
                expect refcount parent buf[0] == 1
                """);
        assertEquals(1, all.size(), all.toString());
        Diagnostic d = all.get(0);
        assertEquals("expectation-failed", d.getCode().getLeft());
        assertEquals("cowpte", d.getSource());
        assertEquals(DiagnosticSeverity.Error, d.getSeverity());
        assertEquals(new Range(new Position(5, 0), new Position(5, 34)), d.getRange());
        assertEquals("expectation failed: refcount parent buf[0]: expected == 1, actual 2", d.getMessage());
        assertEquals(1, d.getRelatedInformation().size());
        assertEquals(new Range(new Position(4, 0), new Position(4, 20)),
                d.getRelatedInformation().get(0).getLocation().getRange());
        assertEquals("fork parent -> child (policy cow-pte): 1 PTE table shared with child"
                + " (refcount +1, pmd entries write-protected)", d.getRelatedInformation().get(0).getMessage());
    }

    @Test
    void aUseAfterExitPointsAtTheExitEvenBeforeARun() {
        ScenarioDocument doc = CursorDocument.plain("process p\nmmap p buf 2M\nexit p\ntouch p buf\n");
        Diagnostic d = withCode(service.diagnostics(doc, Optional.empty()), "exited-process");
        assertEquals(new Range(new Position(3, 6), new Position(3, 7)), d.getRange());
        assertEquals(new Range(new Position(2, 0), new Position(2, 6)),
                d.getRelatedInformation().get(0).getLocation().getRange());
        assertEquals("process p exited here", d.getRelatedInformation().get(0).getMessage());
    }

    @Test
    void aSegvIsAnErrorWithItsCode() {
        List<Diagnostic> all = ofRun("process p\nmmap p buf 2M\nmprotect p buf readonly\nwrite p buf[1] = 3\n");
        Diagnostic d = withCode(all, "segv");
        assertEquals(DiagnosticSeverity.Error, d.getSeverity());
        assertTrue(d.getMessage().contains("expect segv"), d.getMessage());
        assertEquals(3, d.getRange().getStart().getLine());
    }

    @Test
    void outOfMemoryStopsTheRunAndGreysOutTheRest() {
        List<Diagnostic> all = ofRun("""
                machine memory 1M
                process p
                mmap p buf 4M
                touch p buf
                expect rss p == 0
                exit p
                """);
        Diagnostic oom = withCode(all, "out-of-memory");
        assertEquals(3, oom.getRange().getStart().getLine());
        Diagnostic rest = withCode(all, "not-run");
        assertEquals(DiagnosticSeverity.Hint, rest.getSeverity());
        assertEquals(List.of(DiagnosticTag.Unnecessary), rest.getTags());
        assertEquals(new Range(new Position(4, 0), new Position(5, 6)), rest.getRange());
        assertEquals("not run: the scenario stopped at line 4 (out-of-memory)", rest.getMessage());
    }

    @Test
    void theFrontEndsDiagnosticsComeWithoutARun() {
        ScenarioDocument d = CursorDocument.plain("process p\ntouch q buf\n");
        List<Diagnostic> all = service.diagnostics(d, Optional.empty());
        assertEquals(1, all.size(), all.toString());
        assertEquals("cowpte", all.get(0).getSource());
        assertEquals(1, all.get(0).getRange().getStart().getLine());
    }

    @Test
    void aRunOfAnOlderVersionIsNotShown() {
        ScenarioDocument v1 = CursorDocument.plain("process p\nmmap p buf 2M\nexpect rss p == 5\n");
        DocumentStore.LastRun run = CursorDocument.runOf(v1);
        assertEquals(1, service.diagnostics(v1, Optional.of(run)).size());
        ScenarioDocument v2 = new ScenarioDocument(v1.uri(), 2, v1.text() + "\n");
        assertEquals(List.of(), service.diagnostics(v2, Optional.of(run)));
    }

    @Test
    void aFailureInARepeatSaysInHowManyRuns() {
        List<Diagnostic> all = ofRun("""
                process p
                mmap p buf 2M
                repeat 4 as i {
                  write p buf[i] = 1
                  expect rss p < 3
                }
                """);
        Diagnostic d = withCode(all, "expectation-failed");
        assertTrue(d.getMessage().endsWith("(in 2 of 4 iterations)"), d.getMessage());
        assertEquals(4, d.getRange().getStart().getLine());
    }
}
