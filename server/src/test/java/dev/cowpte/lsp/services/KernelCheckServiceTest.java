package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.kernel.KernelFacts;
import dev.cowpte.kernel.KernelReport;
import dev.cowpte.kernel.KernelRow;
import dev.cowpte.kernel.KernelRow.Kind;
import dev.cowpte.kernel.KernelRow.Verdict;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lsp.CursorDocument;
import dev.cowpte.kernel.KernelEnvironment;
import dev.cowpte.lsp.document.DocumentStore.LastKernelCheck;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.run.RunOptions;
import dev.cowpte.run.ScenarioRunner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

/** What a kernel check shows in the editor: hovers and diagnostics, from made-up reports and from a real check. */
class KernelCheckServiceTest {
    private static final String SMALL = """
            process p
            mmap p buf 2M
            touch p buf
            expect rss p == 2M
            """;
    private static final KernelFacts FACTS = new KernelFacts(true, true, "6.1.0-test", "x86-64", "madvise",
            Optional.of(false), 4, 4096, 1L << 30, true);

    private final HoverService hovers = new HoverService();

    private static SourceRange line(ScenarioDocument d, int statement) {
        return d.analysis().scenario().statements().get(statement).range();
    }

    private static KernelRow counter(ScenarioDocument d, int statement, String name, String kernel, String simulated) {
        return new KernelRow(line(d, statement), "", Kind.COUNTER, name, kernel, simulated,
                kernel.equals(simulated) ? Verdict.AGREE : Verdict.DISAGREE, null, null, "");
    }

    /** A check of {@code d} as if the kernel had answered {@code rows}. */
    private static LastKernelCheck madeUp(ScenarioDocument d, List<KernelRow> rows, List<String> refused) {
        return new LastKernelCheck(d, new KernelReport(FACTS, ScenarioRunner.run(d.text(), RunOptions.defaults()),
                rows, refused, List.of(), 0.5));
    }

    private static String text(Hover h) {
        assertNotNull(h, "a hover");
        return h.getContents().getRight().getValue();
    }

    @Test
    void aDisagreementIsAWarningOnItsStatementFromCowpteKernel() {
        ScenarioDocument d = CursorDocument.plain(SMALL);
        LastKernelCheck check = madeUp(d, List.of(
                counter(d, 2, "rss p", "4 MiB", "2 MiB"),
                counter(d, 2, "faults p", "512", "512"),
                counter(d, 2, "pagetables p", "8 KiB", "4 KiB"),
                new KernelRow(line(d, 3), "", Kind.EXPECTATION, "rss p", "4 MiB", "2 MiB", Verdict.DISAGREE,
                        false, true, "")), List.of());
        List<Diagnostic> all = KernelCheckService.diagnostics(d, Optional.of(check));
        assertEquals(2, all.size(), all.toString());
        Diagnostic touch = all.get(0);
        assertEquals(DiagnosticSeverity.Warning, touch.getSeverity());
        assertEquals("cowpte kernel", touch.getSource());
        assertEquals("kernel-disagrees", touch.getCode().getLeft());
        assertEquals(new Range(new Position(2, 0), new Position(2, 11)), touch.getRange());
        assertEquals("the kernel disagrees with the simulation: rss p: kernel 4 MiB, simulated 2 MiB;"
                + " pagetables p: kernel 8 KiB, simulated 4 KiB", touch.getMessage());
        assertEquals(3, all.get(1).getRange().getStart().getLine(), "the expectation's line");
    }

    @Test
    void eachReasonNothingRanIsAnInformationOnTheFirstLine() {
        ScenarioDocument d = CursorDocument.plain(SMALL);
        LastKernelCheck check = madeUp(d, List.of(), List.of("the kernel oracle needs Linux; this is Plan 9",
                "the scenario has 2000 processes alive at once (line 3); a kernel run starts at most 1024"));
        List<Diagnostic> all = KernelCheckService.diagnostics(d, Optional.of(check));
        assertEquals(2, all.size());
        for (Diagnostic x : all) {
            assertEquals(DiagnosticSeverity.Information, x.getSeverity());
            assertEquals("cowpte kernel", x.getSource());
            assertEquals("kernel-not-run", x.getCode().getLeft());
            assertEquals(new Range(new Position(0, 0), new Position(0, 9)), x.getRange());
        }
        assertEquals("not checked against this kernel: the kernel oracle needs Linux; this is Plan 9",
                all.get(0).getMessage());
        assertTrue(KernelCheckService.summary(check).summary().startsWith("not run on the kernel: the kernel oracle"));
    }

    @Test
    void kernelDiagnosticsStandBesideTheRunsAndGoWithTheNextEdit() {
        ScenarioDocument d = CursorDocument.plain(SMALL.replace("== 2M", "== 3M"));
        LastKernelCheck check = madeUp(d, List.of(counter(d, 2, "rss p", "4 MiB", "2 MiB")), List.of());
        List<Diagnostic> both = new DiagnosticsService().diagnostics(d, Optional.of(CursorDocument.runOf(d)),
                Optional.of(check));
        assertEquals(List.of("cowpte", "cowpte kernel"), both.stream().map(Diagnostic::getSource).toList(),
                "the failed expectation of the run, then the kernel's disagreement");
        ScenarioDocument edited = new ScenarioDocument(d.uri(), 2, d.text() + "exit p\n");
        assertTrue(KernelCheckService.diagnostics(edited, Optional.of(check)).isEmpty(),
                "a check of version 1 says nothing about version 2");
    }

    @Test
    void theHoverSetsTheKernelsValuesBesideTheSimulatedOnes() {
        CursorDocument c = CursorDocument.of(SMALL.replace("touch p", "to|uch p"));
        ScenarioDocument d = c.document();
        List<KernelRow> rows = new ArrayList<>(List.of(counter(d, 2, "rss p", "2 MiB", "2 MiB"),
                counter(d, 2, "pagetables p", "8 KiB", "4 KiB"),
                new KernelRow(line(d, 2), "", Kind.COUNTER, "tables pte", "", "1", Verdict.NOT_COMPARABLE, null, null,
                        "the kernel exposes page-table bytes, not tables per level")));
        LastKernelCheck check = madeUp(d, rows, List.of());
        String md = text(hovers.hover(d, c.run(), Optional.of(check), c.cursor()));
        assertTrue(md.contains("**after `touch p buf`**"), "the run's hover comes first: " + md);
        assertTrue(md.contains("**on this kernel** — Linux 6.1.0-test x86-64"), md);
        assertTrue(md.contains("| counter | kernel | simulated | verdict |"), md);
        assertTrue(md.contains("| rss p | 2 MiB | 2 MiB | agree |"), md);
        assertTrue(md.contains("| pagetables p | 8 KiB | 4 KiB | DISAGREE |"), md);
        assertTrue(md.contains("| tables pte | — | 1 | not comparable |"), md);
        assertTrue(md.contains("- tables pte: the kernel exposes page-table bytes, not tables per level"), md);
        assertFalse(md.contains("the text has changed"), md);
    }

    @Test
    void aStatementInARepeatShowsItsLastIterationUnlessOneDisagreed() {
        CursorDocument c = CursorDocument.of("process p\nmmap p buf 2M\nrepeat 3 {\n  to|uch p buf\n}\n");
        ScenarioDocument d = c.document();
        var repeat = (dev.cowpte.lang.ast.Statement.Repeat) d.analysis().scenario().statements().get(2);
        SourceRange touch = repeat.body().get(0).range();
        List<KernelRow> rows = List.of(
                new KernelRow(touch, "", Kind.COUNTER, "faults p", "512", "512", Verdict.AGREE, null, null, ""),
                new KernelRow(touch, "", Kind.COUNTER, "rss p", "2 MiB", "1 MiB", Verdict.DISAGREE, null, null, ""),
                new KernelRow(touch, "", Kind.COUNTER, "faults p", "513", "513", Verdict.AGREE, null, null, ""),
                new KernelRow(touch, "", Kind.COUNTER, "rss p", "2 MiB", "2 MiB", Verdict.AGREE, null, null, ""));
        LastKernelCheck check = madeUp(d, rows, List.of());
        String md = text(hovers.hover(d, Optional.empty(), Optional.of(check), c.cursor()));
        assertTrue(md.contains("| faults p | 513 | 513 | agree |"), md);
        assertTrue(md.contains("| rss p | 2 MiB | 1 MiB | DISAGREE |"), md);
        List<Diagnostic> ds = KernelCheckService.diagnostics(d, Optional.of(check));
        assertEquals(1, ds.size());
        assertEquals(3, ds.get(0).getRange().getStart().getLine());
    }

    @Test
    void afterAnEditTheHoverSaysWhichVersionWasChecked() {
        ScenarioDocument v1 = CursorDocument.plain(SMALL);
        LastKernelCheck check = madeUp(v1, List.of(counter(v1, 2, "rss p", "2 MiB", "2 MiB")), List.of());
        ScenarioDocument v2 = new ScenarioDocument(v1.uri(), 2, "# a comment\n" + SMALL);
        Hover h = hovers.hover(v2, Optional.empty(), Optional.of(check), new Position(3, 2));
        String md = text(h);
        assertTrue(md.contains("_from the kernel check of version 1; the text has changed since_"), md);
        assertTrue(md.contains("| rss p | 2 MiB | 2 MiB | agree |"), md);
        assertEquals(3, h.getRange().getStart().getLine(), "the statement where it is now");
        assertNull(hovers.hover(v2, Optional.empty(), Optional.of(check), new Position(0, 2)),
                "the new line has no kernel values");
    }

    // ---- on the running kernel ----

    @Test
    void aRealCheckShowsTheKernelsRssInTheHover() {
        KernelEnvironment.require("a kernel check of a 2 MiB scenario");
        CursorDocument c = CursorDocument.of(SMALL.replace("expect rss", "expect r|ss"));
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        LastKernelCheck check = new KernelCheckService().check(c.document(),
                RunOptions.defaults().withInitialPolicy("classic"), (stage, line) -> progress.add(line + " " + stage));
        assertTrue(check.report().refused().isEmpty(), check.report().refused().toString());
        assertEquals(0, check.report().exitCode(), check.report().rows().toString());
        assertTrue(progress.contains("3 on the kernel") && progress.contains("4 on the kernel"), progress.toString());

        String md = text(hovers.hover(c.document(), c.run(), Optional.of(check), c.cursor()));
        assertTrue(md.contains("| rss p | 2 MiB | 2 MiB | agree, held on both |"), md);
        String touch = text(hovers.hover(c.document(), c.run(), Optional.of(check), new Position(2, 1)));
        assertTrue(touch.contains("| rss p | 2 MiB | 2 MiB | agree |"), touch);
        assertTrue(touch.contains("| faults p | 512 | 512 | agree |"), touch);
        assertTrue(KernelCheckService.diagnostics(c.document(), Optional.of(check)).isEmpty());

        KernelCheckService.Summary s = KernelCheckService.summary(check);
        assertEquals(0, s.exitCode());
        assertTrue(s.summary().startsWith("the kernel agrees: "), s.summary());
        assertTrue(s.summary().contains("1 expectation held on both"), s.summary());
        assertTrue(s.rows().stream().anyMatch(r -> r.line() == 4 && r.counter().equals("rss p")
                && r.kernel().equals("2 MiB") && r.verdict().equals("agree")), s.rows().toString());
    }
}
