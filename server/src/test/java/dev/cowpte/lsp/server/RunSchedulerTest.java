package dev.cowpte.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.run.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler without a transport: delays fire by hand ({@link ManualTimer}) and runs wait on
 * a gate ({@link GatedEngine}), so every assertion is about what happened, never how long it took.
 */
class RunSchedulerTest {
    static final String URI = "file:///w/fork.cowpte";
    static final String TEXT = "process parent\nmmap parent buf 2M\ntouch parent buf\nfork parent -> child\n"
            + "expect rss child == 2M\n";

    record Ended(ScenarioDocument document, RunResult result, boolean cancelled) {
    }

    final ManualTimer timer = new ManualTimer();
    final GatedEngine engine = new GatedEngine();
    final BlockingQueue<Ended> ended = new LinkedBlockingQueue<>();
    final ThreadPoolExecutor pool = RunPool.create("test-run", 2, 4);
    volatile ServerSettings settings = ServerSettings.defaults();
    final RunScheduler scheduler = new RunScheduler(pool, timer, engine, () -> settings, new RunEvents() {
        @Override
        public void finished(ScenarioDocument d, long id, RunResult r, boolean cancelled, long ms) {
            ended.add(new Ended(d, r, cancelled));
        }
    }, new ServerLog(new PrintStream(new ByteArrayOutputStream())));

    @AfterEach
    void stop() {
        engine.openForGood();
        pool.shutdownNow();
    }

    static ScenarioDocument doc(int version) {
        return new ScenarioDocument(URI, version, TEXT + "# edit " + version + "\n");
    }

    Ended nextEnded() throws InterruptedException {
        Ended e = ended.poll(GatedEngine.WAIT_S, TimeUnit.SECONDS);
        assertNotNull(e, "no run ended within 30 s");
        return e;
    }

    @Test
    void aChangeRunsOnlyWhenTheDebounceElapses() throws Exception {
        scheduler.changed(doc(1));
        assertEquals(0, scheduler.runsStarted());
        assertEquals(1, scheduler.waiting(URI));
        assertEquals(ServerSettings.DEFAULT_DEBOUNCE_MS, timer.lastDelay());
        engine.openForGood();
        assertEquals(1, timer.fireAll());
        Ended e = nextEnded();
        assertEquals(1, e.document().version());
        assertFalse(e.cancelled());
        assertEquals(0, e.result().exitCode(), e.result().diagnostics().toString());
        assertEquals(1, scheduler.runsStarted());
    }

    @Test
    void aChangeDuringTheDebounceRestartsItAndOnlyTheNewestRuns() throws Exception {
        scheduler.changed(doc(1));
        scheduler.changed(doc(2));
        scheduler.changed(doc(3));
        assertEquals(1, timer.armed(), "each change cancels the previous debounce");
        engine.openForGood();
        timer.fireAll();
        assertEquals(3, nextEnded().document().version());
        assertEquals(1, scheduler.runsStarted());
    }

    @Test
    void continuousTypingQueuesAtMostOneRunAndCancelsTheStaleOne() throws Exception {
        scheduler.changed(doc(1));
        timer.fireAll();
        assertEquals(1, engine.nextBegun().document().version());
        for (int v = 2; v <= 200; v++) {
            scheduler.changed(doc(v));
            timer.fireAll();
            assertEquals(1, scheduler.waiting(URI), "one version waits, the newest");
            assertEquals(1, scheduler.runsStarted(), "nothing starts while the stale run is still in progress");
        }
        engine.release();
        Ended stale = nextEnded();
        assertEquals(1, stale.document().version());
        assertTrue(stale.cancelled(), "version 1 was cancelled by version 2");
        assertEquals(List.of(true), engine.cancelledWhenReleased);
        assertTrue(stale.result().diagnostics().stream().anyMatch(d -> d.code() == DiagnosticCode.CANCELLED));
        assertEquals(200, engine.nextBegun().document().version(), "the only run after it is the newest version");
        engine.release();
        Ended fresh = nextEnded();
        assertEquals(200, fresh.document().version());
        assertFalse(fresh.cancelled());
        assertEquals(2, scheduler.runsStarted());
        assertEquals(0, scheduler.waiting(URI));
    }

    @Test
    void runNowSkipsTheDebounceAndAnswersTheRun() throws Exception {
        engine.openForGood();
        RunScheduler.Finished f = scheduler.runNow(doc(4)).get(GatedEngine.WAIT_S, TimeUnit.SECONDS);
        assertEquals(4, f.document().version());
        assertEquals(0, f.result().exitCode());
        assertEquals(0, timer.armed());
    }

    @Test
    void runNowWaitsForTheNewVersionWhenAStaleRunIsInProgress() throws Exception {
        scheduler.changed(doc(1), 0);
        timer.fireAll();
        engine.nextBegun();
        var answer = scheduler.runNow(doc(2));
        engine.openForGood();
        assertEquals(2, answer.get(GatedEngine.WAIT_S, TimeUnit.SECONDS).document().version());
        assertTrue(nextEnded().cancelled());
    }

    @Test
    void closingCancelsTheRunAndFailsWaiters() throws Exception {
        scheduler.changed(doc(1), 0);
        timer.fireAll();
        engine.nextBegun();
        var answer = scheduler.runNow(doc(2));
        scheduler.closed(URI);
        engine.release();
        assertTrue(nextEnded().cancelled());
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> answer.get(GatedEngine.WAIT_S, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("closed"));
        assertEquals(1, scheduler.runsStarted());
    }

    @Test
    void runsUseTheSettingsInForceWhenTheyStart() throws Exception {
        settings = new ServerSettings("cow-pte", ServerSettings.RunTrigger.ON_CHANGE, 40, 1234);
        scheduler.changed(doc(1));
        assertEquals(40, timer.lastDelay());
        engine.openForGood();
        timer.fireAll();
        GatedEngine.Began b = engine.nextBegun();
        assertEquals("cow-pte", b.options().initialPolicy());
        assertEquals(1234, b.options().stepBudget());
        nextEnded();
    }

    @Test
    void aFullPoolRetriesLaterInsteadOfQueueingMore() throws Exception {
        ThreadPoolExecutor tiny = RunPool.create("tiny", 1, 1);
        try {
            RunScheduler s = new RunScheduler(tiny, timer, engine, () -> settings, RunEvents.NONE,
                    new ServerLog(new PrintStream(new ByteArrayOutputStream())));
            for (int i = 0; i < 3; i++) {
                s.changed(new ScenarioDocument("file:///d" + i, 1, TEXT), 0);
            }
            timer.fireAll();
            engine.nextBegun();
            assertEquals(1, timer.armed(), "the third document waits for a retry, not in an unbounded queue");
            assertEquals(1, s.waiting("file:///d2"));
        } finally {
            engine.openForGood();
            tiny.shutdownNow();
        }
    }
}
