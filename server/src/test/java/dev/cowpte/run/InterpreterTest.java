package dev.cowpte.run;

import static dev.cowpte.run.Ast.at;
import static dev.cowpte.run.Ast.bytes;
import static dev.cowpte.run.Ast.name;
import static dev.cowpte.run.Ast.page;
import static dev.cowpte.run.Ast.pages;
import static dev.cowpte.run.Ast.whole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Comparison;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interpreter on hand-built syntax trees: every expectation kind, outcomes, limits, ranges. */
class InterpreterTest {
    private static final SourceRange R = SourceRange.NONE;

    /** parent maps 1024 pages (two PTE tables), writes them all, forks child under {@code policy}. */
    private static Ast forked(String policy) {
        return new Ast().policy(policy).process("parent").mmapPages("parent", "buf", 1024)
                .touch("parent", whole("buf", R), true).fork("parent", "child", null);
    }

    private static Ast expect(Ast a, java.util.function.Function<SourceRange, Expectation> e) {
        return a.expect(e.apply(a.peekNext()));
    }

    private static StatementRecord last(RunResult r) {
        return r.records().get(r.records().size() - 1);
    }

    private static List<Diagnostic> errors(RunResult r) {
        return r.diagnostics().stream().filter(d -> d.code() != DiagnosticCode.EXPECTATION_FAILED).toList();
    }

    @Test
    void pagetablesCountsTablePagesOrBytesAsWritten() {
        Ast a = forked("classic");
        // parent: pgd, pud, pmd, 2 pte = 5 tables; the classic child copies all five.
        expect(a, r -> new Expectation.PageTables(null, Comparison.EQ, pages(10, r), r));
        expect(a, r -> new Expectation.PageTables(null, Comparison.EQ, bytes(40 * 1024, r), r));
        expect(a, r -> new Expectation.PageTables(name("child", r), Comparison.EQ, bytes(16 * 1024, r), r));
        expect(a, r -> new Expectation.PageTables(null, Comparison.LT, bytes(40 * 1024, r), r));
        RunResult res = a.run();
        assertEquals(List.of(), errors(res));
        assertEquals(3, res.expectationsPassed());
        assertEquals(1, res.expectationsFailed());
        ExpectationOutcome f = last(res).firstFailure();
        assertEquals("pagetables: expected < 40 KiB, actual 40 KiB", f.message());
        assertEquals(1, res.exitCode());
    }

    @Test
    void pagetablesInPagesFailsInPages() {
        Ast a = forked("cow-pte");
        expect(a, r -> new Expectation.PageTables(null, Comparison.EQ, pages(10, r), r));
        RunResult res = a.run();
        assertEquals("pagetables: expected == 10 pages, actual 8 pages", last(res).firstFailure().message());
        Diagnostic d = res.diagnostics().get(0);
        assertEquals(DiagnosticCode.EXPECTATION_FAILED, d.code());
        assertEquals(6, d.range().line());
    }

    @Test
    void tablesPerLevelAndProcess() {
        Ast a = forked("cow-pte");
        expect(a, r -> new Expectation.Tables(null, Expectation.TableLevel.PTE, Comparison.EQ, 2, r));
        expect(a, r -> new Expectation.Tables(name("child", r), Expectation.TableLevel.PTE, Comparison.EQ, 2, r));
        expect(a, r -> new Expectation.Tables(name("child", r), null, Comparison.EQ, 5, r));
        expect(a, r -> new Expectation.Tables(null, null, Comparison.EQ, 9, r));
        RunResult res = a.run();
        assertEquals(3, res.expectationsPassed(), res.diagnostics().toString());
        assertEquals("tables: expected == 9, actual 8", last(res).firstFailure().message());
    }

    @Test
    void rssAndMemory() {
        Ast a = forked("cow-pte-rfc");
        expect(a, r -> new Expectation.Rss(name("child", r), Comparison.EQ, pages(0, r), r));
        expect(a, r -> new Expectation.Rss(name("parent", r), Comparison.EQ, bytes(4L << 20, r), r));
        expect(a, r -> new Expectation.Memory(Comparison.EQ, bytes((1024 + 8) * 4096L, r), r));
        expect(a, r -> new Expectation.Rss(name("parent", r), Comparison.EQ, pages(1, r), r));
        RunResult res = a.run();
        assertEquals(3, res.expectationsPassed(), res.diagnostics().toString());
        assertEquals("rss parent: expected == 1 page, actual 1024 pages", last(res).firstFailure().message());
    }

    @Test
    void refcountMapcountSharedPrivate() {
        Ast a = forked("cow-pte");
        a.write("child", page("buf", pages(0, R), R), 7);
        a.expectCount("refcount", "parent", page("buf", pages(0, R), R), Comparison.EQ, 1);
        a.expectCount("refcount", "parent", page("buf", pages(512, R), R), Comparison.EQ, 2);
        a.expectCount("mapcount", "parent", page("buf", pages(600, R), R), Comparison.EQ, 2);
        expect(a, r -> new Expectation.Shared(name("parent", r), name("child", r), page("buf", pages(512, r), r), r));
        expect(a, r -> new Expectation.Private(name("child", r), page("buf", pages(0, r), r), r));
        expect(a, r -> new Expectation.Shared(name("parent", r), name("child", r), page("buf", pages(0, r), r), r));
        RunResult res = a.run();
        assertEquals(List.of(), errors(res));
        assertEquals(5, res.expectationsPassed(), res.diagnostics().toString());
        assertTrue(last(res).firstFailure().actual().contains("refcount 1"), last(res).firstFailure().actual());
        assertEquals(2, last(res).walks().size(), "a walk of buf[0] in each process");
    }

    @Test
    void valuePeeksWithoutFaulting() {
        Ast a = forked("classic");
        a.write("child", page("buf", pages(3, R), R), 7);
        a.expectCount("value", "child", page("buf", pages(3, R), R), Comparison.EQ, 7);
        a.expectCount("value", "parent", page("buf", pages(3, R), R), Comparison.EQ, 0);
        expect(a, r -> new Expectation.Faults(null, Expectation.FaultKind.COW, Comparison.EQ, 1, r));
        expect(a, r -> new Expectation.Faults(name("child", r), null, Comparison.EQ, 1, r));
        expect(a, r -> new Expectation.Faults(name("parent", r), Expectation.FaultKind.ZERO, Comparison.EQ, 0, r));
        a.expectCount("value", "child", page("buf", pages(3, R), R), Comparison.NE, 7);
        RunResult res = a.run();
        assertEquals(5, res.expectationsPassed(), res.diagnostics().toString());
        assertEquals("value child buf[3]: expected != 7, actual 7", last(res).firstFailure().message());
    }

    @Test
    void expectedSegvPassesAndKillsTheProcess() {
        Ast a = new Ast().process("p").mmapPages("p", "ro", 4, Statement.MapOption.READONLY);
        SourceRange r = a.peekNext();
        a.expect(new Expectation.Segv(new Statement.Write(name("p", r), page("ro", pages(0, r), r), 1, r), r));
        a.touch("p", whole("ro", R), false);
        RunResult res = a.run();
        StatementRecord segv = res.records().get(2);
        assertEquals(Outcome.PASSED, segv.outcome());
        assertTrue(segv.expectation().actual().startsWith("SIGSEGV in p at 0x"), segv.expectation().actual());
        Diagnostic d = errors(res).get(0);
        assertEquals("exited-process", d.code().id());
        assertTrue(d.message().contains("was killed by SIGSEGV at line 3"), d.message());
    }

    @Test
    void unexpectedSegvIsAnErrorAtTheStatement() {
        Ast a = new Ast().process("p").mmapPages("p", "ro", 4, Statement.MapOption.READONLY)
                .write("p", page("ro", pages(1, R), R), 5);
        RunResult res = a.run();
        Diagnostic d = res.diagnostics().get(0);
        assertEquals("segv", d.code().id());
        assertEquals(3, d.range().line());
        assertTrue(d.message().startsWith("SIGSEGV in p at 0x7efffffff001".substring(0, 22)), d.message());
        assertEquals(2, res.exitCode());
    }

    @Test
    void segvExpectedButNotHitFails() {
        Ast a = new Ast().process("p").mmapPages("p", "rw", 4);
        SourceRange r = a.peekNext();
        a.expect(new Expectation.Segv(new Statement.Write(name("p", r), page("rw", pages(0, r), r), 1, r), r));
        RunResult res = a.run();
        assertEquals(1, res.expectationsFailed());
        assertEquals("the access completed without a fault", last(res).firstFailure().actual());
    }

    @Test
    void outOfMemoryStopsTheScenario() {
        Ast a = new Ast().machineMemory(bytes(64 * 1024, R)).process("p").mmapPages("p", "buf", 100)
                .touch("p", whole("buf", R), true);
        expect(a, r -> new Expectation.Memory(Comparison.EQ, pages(0, r), r));
        RunResult res = a.run();
        Diagnostic d = res.diagnostics().get(0);
        assertEquals("out-of-memory", d.code().id());
        assertEquals(4, d.range().line());
        assertTrue(d.message().startsWith("out of memory"), d.message());
        assertEquals(Outcome.STOPPED, res.records().get(3).outcome());
        assertEquals(Outcome.NOT_RUN, last(res).outcome());
        assertEquals(1, res.diagnostics().size());
        assertEquals(2, res.exitCode());
    }

    @Test
    void repeatExpandsTemplatesAndRecordsTheLastIteration() {
        Ast a = new Ast().policy("cow-pte").process("parent").mmapPages("parent", "buf", 1024)
                .touch("parent", whole("buf", R), true);
        a.repeat(50, "i", b -> {
            SourceRange r = b.peekNext();
            b.add(new Statement.Fork(name("parent", r), name("worker{i}", r), null, r, b.next("fork")));
            SourceRange w = b.peekNext();
            b.add(new Statement.Write(name("worker{i}", w), page("buf", Ast.var("i", w), w), 9, b.next("write")));
            b.expectCount("value", "worker{i}", page("buf", Ast.var("i", R), R), Comparison.EQ, 9);
        });
        expect(a, r -> new Expectation.Faults(null, Expectation.FaultKind.TABLE, Comparison.EQ, 50, r));
        a.expectCount("value", "worker49", page("buf", pages(49, R), R), Comparison.EQ, 9);
        a.expectCount("value", "worker3", page("buf", pages(49, R), R), Comparison.EQ, 0);
        RunResult res = a.run();
        assertEquals(List.of(), res.diagnostics());
        StatementRecord fork = res.records().stream().filter(x -> x.statement() instanceof Statement.Fork)
                .findFirst().orElseThrow();
        assertEquals(50, fork.executions());
        assertEquals("policy cow-pte", fork.note());
        assertEquals(51, fork.processes().size(), "the state after the last iteration: parent and 50 workers");
        assertEquals(50L * 2, fork.totalWork().get("tables shared"));
        assertEquals(2L, fork.work().get("tables shared"));
        StatementRecord value = res.records().stream().filter(x -> x.executions() == 50 && x.expectation() != null)
                .findFirst().orElseThrow();
        assertEquals(50, value.passedCount());
    }

    @Test
    void failuresInsideRepeatAreReportedOnceWithACount() {
        Ast a = new Ast().process("p").mmapPages("p", "buf", 8);
        a.repeat(8, "i", b -> b.expectCount("value", "p", page("buf", Ast.var("i", R), R), Comparison.EQ, 1));
        RunResult res = a.run();
        assertEquals(1, res.diagnostics().size());
        assertTrue(res.diagnostics().get(0).message().endsWith("(in 8 of 8 iterations)"), res.diagnostics().get(0).message());
    }

    @Test
    void stepBudgetStopsAnEndlessRepeat() {
        Ast a = new Ast().process("p").mmapPages("p", "buf", 8);
        a.repeat(1_000_000_000_000L, "i", b -> b.read("p", page("buf", pages(0, R), R)));
        RunResult res = a.run(RunOptions.defaults().withStepBudget(1000));
        Diagnostic d = res.diagnostics().get(0);
        assertEquals("step-budget", d.code().id());
        assertTrue(d.message().contains("step budget of 1000 statements"), d.message());
        assertEquals(2, res.exitCode());
    }

    @Test
    void aCancelledRunStopsBetweenStatements() {
        Cancellation token = new Cancellation();
        token.cancel();
        RunResult res = new Ast().process("p").run(RunOptions.defaults().withCancellation(token));
        assertEquals("cancelled", res.diagnostics().get(0).code().id());
        assertEquals(1, res.diagnostics().get(0).range().line());
    }

    @Test
    void indexOutsideTheRegionPointsAtTheIndex() {
        Ast a = new Ast().process("p").mmapPages("p", "buf", 8);
        SourceRange line = a.peekNext();
        SourceRange idx = at(line, 12);
        a.add(new Statement.Touch(name("p", line), page("buf", pages(8, idx), line), true, a.next("touch p buf[8]")));
        RunResult res = a.run();
        Diagnostic d = res.diagnostics().get(0);
        assertEquals("index-out-of-region", d.code().id());
        assertEquals("page 8 is outside region buf (8 pages, 32 KiB)", d.message());
        assertEquals(12, d.range().column());
    }

    @Test
    void mmapAtAnOverlapIsRefused() {
        RunResult res = new Ast().process("p").mmapAt("p", "a", 4, 0x10000000L).mmapAt("p", "b", 4, 0x10002000L).run();
        Diagnostic d = res.diagnostics().get(0);
        assertEquals("mm-error", d.code().id());
        assertEquals(3, d.range().line());
        assertTrue(d.message().contains("overlaps"), d.message());
    }

    @Test
    void dontforkRegionsDoNotComeToTheChild() {
        // LANGUAGE.md 1.1: the name still names the addresses in the child, where an access faults
        Ast a = new Ast().process("p").mmapPages("p", "secret", 4, Statement.MapOption.DONTFORK)
                .fork("p", "c", null).read("c", whole("secret", R));
        Diagnostic d = a.run().diagnostics().get(0);
        assertEquals("segv", d.code().id());
        assertTrue(d.message().startsWith("SIGSEGV in c"), d.message());
    }

    @Test
    void comparedPolicyReplacesPolicyStatementsButNotAnExplicitFork() {
        Ast a = new Ast().policy("classic").process("p").mmapPages("p", "buf", 512)
                .touch("p", whole("buf", R), true).fork("p", "c1", null).fork("p", "c2", "classic");
        RunResult res = a.run(RunOptions.defaults().withPolicyOverride("odf"));
        assertEquals("replaced by the compared policy odf", res.records().get(0).note());
        assertEquals("policy odf", res.records().get(4).note());
        assertEquals("policy classic", res.records().get(5).note());
    }

    @Test
    void showRendersAWalk() {
        Ast a = forked("cow-pte").show("child", page("buf", pages(1, R), R));
        String shown = last(a.run()).shown();
        assertNotNull(shown);
        assertTrue(shown.contains("PTE table #"), shown);
        assertTrue(shown.contains("sharers parent, child"), shown);
        assertTrue(shown.contains(", write-protected)"), shown);
    }

    /** Before its first statement an async-fork child has no PTE table of its own: the walk says why. */
    @Test
    void showOfAnAsyncForkChildSaysItsTableIsPending() {
        Ast a = forked("async-fork").show("child", page("buf", pages(1, R), R))
                .show("parent", page("buf", pages(1, R), R));
        RunResult res = a.run();
        String child = res.records().get(res.records().size() - 2).shown();
        assertTrue(child.contains("\n  no PTE table yet: pending (async-fork); this process copies it from its "
                + "parent before its first statement"), child);
        String parent = last(res).shown();
        assertTrue(parent.contains(", pending copy to the child (async-fork)"), parent);
    }
}
