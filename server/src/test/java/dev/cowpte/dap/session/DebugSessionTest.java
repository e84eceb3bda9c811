package dev.cowpte.dap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.dap.session.DebugSession.BreakpointSpec;
import dev.cowpte.dap.session.DebugSession.BreakpointStatus;
import dev.cowpte.dap.session.DebugSession.Step;
import dev.cowpte.dap.session.DebugSession.StopInfo;
import dev.cowpte.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DebugSessionTest {
    static final String FORK = """
            policy cow-pte
            process parent
            mmap parent buf 4M
            touch parent buf
            fork parent -> child
            expect refcount parent buf[0] == 2
            write child buf[0] = 7
            expect refcount parent buf[0] == 2
            exit child
            """;

    static final String REPEAT = """
            process p
            mmap p buf 8M
            repeat 4 as i {
              fork p -> c{i}
              write c{i} buf[i] = 1
            }
            touch p buf
            """;

    /** Records what the session tells the editor. */
    static final class Recorder implements SessionEvents {
        final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        final StringBuilder console = new StringBuilder();

        @Override
        public void stopped(StopInfo stop) {
            events.add(stop);
        }

        @Override
        public synchronized void output(String category, String text) {
            console.append(text);
        }

        @Override
        public void terminated(RunResult result) {
            events.add(result);
        }

        StopInfo stop() throws InterruptedException {
            Object e = events.poll(30, TimeUnit.SECONDS);
            assertNotNull(e, "no stop within 30 s");
            if (!(e instanceof StopInfo s)) {
                throw new AssertionError("expected a stop, got " + e);
            }
            return s;
        }

        RunResult end() throws InterruptedException {
            Object e = events.poll(30, TimeUnit.SECONDS);
            if (!(e instanceof RunResult r)) {
                throw new AssertionError("expected the end, got " + e);
            }
            return r;
        }
    }

    final Recorder rec = new Recorder();
    final DebugSession session = new DebugSession(rec);

    @AfterEach
    void close() {
        session.close();
    }

    private void launch(String text, boolean stopOnEntry) {
        session.launch(new LaunchConfig(text, "/w/t.cowpte", "classic", stopOnEntry, 0));
    }

    private String dump(int ref, String indent, int depth) {
        StringBuilder sb = new StringBuilder();
        for (VariableTree.Variable v : session.variables(ref)) {
            sb.append(indent).append(v.name()).append(" = ").append(v.value()).append('\n');
            if (v.reference() > 0 && depth > 0 && !v.name().equals("pages")) {
                sb.append(dump(v.reference(), indent + "  ", depth - 1));
            }
        }
        return sb.toString();
    }

    private String value(String path) {
        String[] parts = path.split("/");
        int ref = session.scopes().stream().filter(s -> s.name().equals(parts[0])).findFirst().orElseThrow().reference();
        VariableTree.Variable v = null;
        for (int i = 1; i < parts.length; i++) {
            String want = parts[i];
            v = session.variables(ref).stream().filter(x -> x.name().equals(want)
                    || List.of(x.name().split(" ")).contains(want)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + want + " in " + path));
            ref = v.reference();
        }
        return v.value();
    }

    @Test
    void stopsOnEntryStepsAndEnds() throws Exception {
        launch(FORK, true);
        session.start();
        StopInfo s = rec.stop();
        assertEquals("entry", s.reason());
        assertEquals(1, s.line());
        session.resume(Step.NEXT);
        assertEquals(2, rec.stop().line());
        assertEquals("process parent", session.frames().get(0).name());
        session.resume(Step.CONTINUE);
        StopInfo failed = rec.stop();
        assertEquals("exception", failed.reason());
        assertEquals(8, failed.line());
        session.resume(Step.CONTINUE);
        RunResult r = rec.end();
        assertEquals(1, r.expectationsFailed());
        assertTrue(rec.console.toString().contains("/w/t.cowpte:8:1: expectation failed"), rec.console.toString());
    }

    @Test
    void breakpointsVariablesAndChangedTables() throws Exception {
        launch(FORK, false);
        List<BreakpointStatus> st = session.setBreakpoints(List.of(new BreakpointSpec(7, null, null),
                new BreakpointSpec(100, null, null)));
        assertTrue(st.get(0).verified());
        assertFalse(st.get(1).verified());
        session.setExceptionFilters(List.of());
        session.start();
        StopInfo s = rec.stop();
        assertEquals("breakpoint", s.reason());
        assertEquals(7, s.line());
        String pte = value("Processes/parent/page tables/pgd#1/pud#2/pmd#3/pte#4");
        assertTrue(pte.startsWith("refcount 2, sharers parent child, write-protected"), pte);
        assertEquals("2", value("Processes/parent/page tables/pgd#1/pud#2/pmd#3/pte#4/refcount"));
        assertEquals("refcount parent buf[0] = 2", session.evaluate("refcount parent buf[0]"));
        assertTrue(session.evaluate("refcount parent buf[0] > 1").startsWith("true"));
        assertTrue(session.evaluate("pagetables child").contains("KiB"), session.evaluate("pagetables child"));
        assertTrue(session.evaluate("show parent buf[0]").contains("refcount 2"));
        session.resume(Step.NEXT);
        assertEquals(8, rec.stop().line());
        String after = value("Processes/parent/page tables/pgd#1/pud#2/pmd#3/pte#4");
        assertTrue(after.startsWith("refcount 1") && after.endsWith("(changed)"), after);
        assertTrue(value("Scenario/last statement").contains("1 tables copied"), value("Scenario/last statement"));
        // and back: the table is shared again
        session.stepBack();
        s = rec.stop();
        assertEquals(7, s.line());
        assertTrue(value("Processes/parent/page tables/pgd#1/pud#2/pmd#3/pte#4").startsWith("refcount 2"));
        session.resume(Step.CONTINUE);
        rec.end();
    }

    @Test
    void exceptionBreakpointsStopAfterTheStatement() throws Exception {
        launch(FORK, false);
        session.setExceptionFilters(List.of("expectation-failed", "table-copied"));
        session.start();
        StopInfo s = rec.stop();
        assertEquals("exception", s.reason());
        assertEquals(7, s.line());
        assertTrue(s.after());
        assertEquals("1 PTE table copied", s.description());
        session.resume(Step.CONTINUE);
        s = rec.stop();
        assertEquals(8, s.line());
        assertTrue(s.description().startsWith("expectation failed: refcount parent"), s.description());
        // reverse continue goes back to the copy
        session.reverseContinue();
        s = rec.stop();
        assertEquals(7, s.line());
        assertEquals("exception", s.reason());
        session.reverseContinue();
        assertEquals("entry", rec.stop().reason());
    }

    @Test
    void conditionsAndHitCountsInRepeats() throws Exception {
        launch(REPEAT, false);
        List<BreakpointStatus> st = session.setBreakpoints(List.of(new BreakpointSpec(5, "rss p == 0", "3"),
                new BreakpointSpec(7, "rss q > 0", null), new BreakpointSpec(7, "rss p >", null)));
        assertTrue(st.get(0).verified());
        assertTrue(st.get(1).verified(), "names are resolved at the stop");
        assertFalse(st.get(2).verified());
        session.start();
        StopInfo s = rec.stop();
        assertEquals(5, s.line());
        assertEquals("breakpoint", s.reason());
        assertEquals(List.of("2"), List.of(value("Scenario/i").split(" ")[0]));
        assertTrue(session.frames().get(1).name().contains("iteration 3 of 4 (i = 2)"), session.frames().toString());
        session.resume(Step.STEP_OUT);
        s = rec.stop();
        assertEquals(7, s.line());
        assertEquals("step", s.reason());
        session.resume(Step.CONTINUE);
        rec.end();
        assertTrue(rec.console.toString().contains("line 7: the condition can not be evaluated here (no process named q"),
                rec.console.toString());
    }

    @Test
    void nextStepsOverARepeatAndStepInEntersIt() throws Exception {
        launch(REPEAT, true);
        session.start();
        rec.stop();
        session.resume(Step.NEXT);
        session.stop();
        assertEquals(2, rec.stop().line());
        session.resume(Step.NEXT);
        assertEquals(3, rec.stop().line());
        session.resume(Step.NEXT);
        assertEquals(7, rec.stop().line());
        session.stepBack();
        assertEquals(3, rec.stop().line());
        session.resume(Step.STEP_IN);
        assertEquals(4, rec.stop().line());
        session.resume(Step.NEXT);
        assertEquals(5, rec.stop().line());
        session.resume(Step.NEXT);
        StopInfo s = rec.stop();
        assertEquals(4, s.line());
        assertTrue(value("Scenario/i").startsWith("1 "));
        session.stepBack();
        assertEquals(5, rec.stop().line());
        assertTrue(value("Scenario/i").startsWith("0 "));
        session.resume(Step.NEXT);
        session.resume(Step.NEXT);
        rec.stop();
        // to the end, then one more stop that can be stepped back from
        session.resume(Step.STEP_OUT);
        assertEquals(7, rec.stop().line());
        session.resume(Step.NEXT);
        StopInfo end = rec.stop();
        assertEquals("the end of the scenario", end.description());
        session.stepBack();
        assertEquals(7, rec.stop().line());
        session.resume(Step.CONTINUE);
        rec.end();
    }

    @Test
    void restartAndPause() throws Exception {
        launch(REPEAT, true);
        session.start();
        rec.stop();
        session.resume(Step.NEXT);
        rec.stop();
        session.restart();
        assertEquals("entry", rec.stop().reason());
        session.pause();
        session.resume(Step.CONTINUE);
        assertEquals("pause", rec.stop().reason());
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> launch("process p\nmmap q buf 1M\n", false));
        assertThrows(IllegalArgumentException.class,
                () -> session.launch(new LaunchConfig("process p\n", null, "nope", false, 0)));
        assertThrows(IllegalArgumentException.class, () -> session.setExceptionFilters(List.of("nope")));
        assertThrows(IllegalArgumentException.class, () -> Expressions.condition("expect segv read p buf"));
        assertThrows(IllegalArgumentException.class, () -> HitCondition.parse("often"));
        assertTrue(HitCondition.parse("% 2").test(4));
        assertTrue(HitCondition.parse(">= 2").test(3));
    }

    @Test
    void theBigSampleStepsAndShowsCondensedTables() throws Exception {
        Path sample = Path.of(System.getProperty("cowpte.samples", "../samples"), "fork-latency-32g.cowpte");
        String text = Files.readString(sample);
        session.launch(new LaunchConfig(text, sample.toString(), "classic", false, 0));
        session.setBreakpoints(List.of(new BreakpointSpec(24, null, null)));
        session.start();
        assertEquals(24, rec.stop().line());
        String pmd = value("Processes/parent/page tables/pgd#1/pud#2/pmd#3");
        assertTrue(pmd.endsWith("32 alike tables"), pmd);
        String pte = value("Processes/child0/page tables/pgd#16419/pud#16420/pmd#16421/pte#4");
        assertTrue(pte.startsWith("refcount 17, sharers parent child0"), pte);
        String dumped = dump(session.scopes().get(2).reference(), "", 5);
        assertTrue(dumped.lines().count() < 2000, "condensed: " + dumped.lines().count() + " lines");
        List<String> names = new ArrayList<>();
        int ref = session.scopes().get(2).reference();
        for (VariableTree.Variable v : session.variables(ref)) {
            names.add(v.name());
        }
        assertEquals(17, names.size(), names.toString());
        assertTrue(session.evaluate("refcount parent buf[0]").endsWith("= 17"));
        session.stepBack();
        assertEquals(18, rec.stop().line(), "back over the whole repeat, as next went over it");
        session.resume(Step.CONTINUE);
        assertEquals(24, rec.stop().line());
        session.resume(Step.CONTINUE);
        rec.end();
    }

    /** Waits until the session has replayed, in the background, to where a step back goes. */
    private void untilStandbyReady() throws InterruptedException {
        for (int i = 0; i < 3000 && !session.standbyReady(); i++) {
            Thread.sleep(10);
        }
        assertTrue(session.standbyReady(), "no standby ready within 30 s");
    }

    @Test
    void aStepBackPreparedInTheBackgroundShowsWhatAReplayShows() throws Exception {
        launch(FORK, false);
        session.setBreakpoints(List.of(new BreakpointSpec(7, null, null)));
        session.start();
        assertEquals(7, rec.stop().line());
        untilStandbyReady();
        session.stepBack();
        StopInfo prepared = rec.stop();
        String preparedView = dump(session.scopes().get(2).reference(), "", 6)
                + dump(session.scopes().get(1).reference(), "", 3);
        session.resume(Step.NEXT);
        assertEquals(7, rec.stop().line());
        // breakpoints set again: the standby is dropped and the step back replays from the start
        session.setBreakpoints(List.of(new BreakpointSpec(7, null, null)));
        assertFalse(session.standbyReady());
        session.stepBack();
        StopInfo replayed = rec.stop();
        assertEquals(6, prepared.line());
        assertEquals(replayed, prepared);
        assertEquals(dump(session.scopes().get(2).reference(), "", 6)
                + dump(session.scopes().get(1).reference(), "", 3), preparedView);
        assertTrue(preparedView.contains("refcount"), preparedView);
        session.resume(Step.CONTINUE);
        assertEquals(7, rec.stop().line());
        session.resume(Step.CONTINUE);
        assertEquals("exception", rec.stop().reason(), "the expectation of line 8 fails under cow-pte");
        session.resume(Step.CONTINUE);
        rec.end();
    }

    @Test
    void hitCountsGoOnAfterAStepBackPreparedInTheBackground() throws Exception {
        launch(REPEAT, false);
        session.setBreakpoints(List.of(new BreakpointSpec(5, null, "% 2")));
        session.start();
        assertEquals(5, rec.stop().line());
        assertTrue(value("Scenario/i").startsWith("1 "));
        untilStandbyReady();
        session.stepBack();
        assertEquals(4, rec.stop().line());
        assertTrue(value("Scenario/i").startsWith("1 "));
        session.resume(Step.CONTINUE);
        assertEquals(5, rec.stop().line());
        assertTrue(value("Scenario/i").startsWith("1 "), "the second hit again");
        session.resume(Step.CONTINUE);
        assertEquals(5, rec.stop().line());
        assertTrue(value("Scenario/i").startsWith("3 "), "then the fourth");
        session.resume(Step.CONTINUE);
        rec.end();
    }

    @Test
    void aStandbyThatFollowsStepsForwardsStopsWhereAReplayStops() throws Exception {
        launch(REPEAT, true);
        session.start();
        assertEquals(1, rec.stop().line());
        session.resume(Step.NEXT);
        assertEquals(2, rec.stop().line());
        untilStandbyReady();
        session.resume(Step.NEXT);
        assertEquals(3, rec.stop().line());
        untilStandbyReady();
        session.resume(Step.NEXT);
        assertEquals(7, rec.stop().line(), "over the repeat");
        String after = value("Processes/p");
        untilStandbyReady();
        session.stepBack();
        assertEquals(3, rec.stop().line(), "back over the repeat");
        assertFalse(session.evaluate("pagetables").equals(""));
        assertTrue(session.evaluate("rss p").startsWith("rss p = 0 B"), session.evaluate("rss p"));
        session.resume(Step.STEP_IN);
        assertEquals(4, rec.stop().line());
        assertTrue(value("Scenario/i").startsWith("0 "));
        session.resume(Step.STEP_OUT);
        assertEquals(7, rec.stop().line());
        assertEquals(after, value("Processes/p"));
        session.resume(Step.CONTINUE);
        rec.end();
    }
}
