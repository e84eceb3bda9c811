package dev.cowpte.lsp.server;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.run.Cancellation;
import dev.cowpte.run.RunOptions;
import dev.cowpte.run.RunResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * When scenarios run. Per document at most one run is in progress and at most one version
 * waits behind it (the newest: a newer version replaces the waiting one and cancels the run in
 * progress, whose result is then never shown). A change waits for the debounce before it runs;
 * {@link #runNow} skips it. Runs execute on a bounded pool; the scheduler itself never blocks.
 */
public final class RunScheduler {
    /** A run that finished uncancelled. */
    public record Finished(ScenarioDocument document, RunResult result, long durationMs) {
    }

    private record Running(long id, ScenarioDocument document, Cancellation token) {
    }

    private record Waiter(int version, CompletableFuture<Finished> future) {
    }

    /** One document's state; every field is guarded by the object's monitor. */
    private static final class DocState {
        ScenarioDocument waiting;
        DelayedTasks.Handle debounce;
        Running running;
        final List<Waiter> waiters = new ArrayList<>();
        boolean closed;
    }

    private static final long RETRY_WHEN_BUSY_MS = 1000;

    private final Executor pool;
    private final DelayedTasks timer;
    private final RunEngine engine;
    private final Supplier<ServerSettings> settings;
    private final RunEvents events;
    private final ServerLog log;
    private final Map<String, DocState> states = new ConcurrentHashMap<>();
    private final AtomicLong runsStarted = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();

    public RunScheduler(Executor pool, DelayedTasks timer, RunEngine engine, Supplier<ServerSettings> settings,
                        RunEvents events, ServerLog log) {
        this.pool = pool;
        this.timer = timer;
        this.engine = engine;
        this.settings = settings;
        this.events = events;
        this.log = log;
    }

    /** A new version to run after the debounce; cancels the run of an older version. */
    public void changed(ScenarioDocument document) {
        changed(document, settings.get().debounceMs());
    }

    /** A new version to run after {@code delayMs} (0 on open and save). */
    public void changed(ScenarioDocument document, long delayMs) {
        DocState st = states.computeIfAbsent(document.uri(), u -> new DocState());
        synchronized (st) {
            if (st.closed) {
                return;
            }
            supersede(st, document);
            st.debounce = timer.schedule(() -> debounceElapsed(st, document), delayMs);
        }
    }

    /**
     * Runs {@code document} as soon as the document's run in progress (if any) ends. The future
     * completes with the first uncancelled run of this version or a newer one.
     */
    public CompletableFuture<Finished> runNow(ScenarioDocument document) {
        DocState st = states.computeIfAbsent(document.uri(), u -> new DocState());
        CompletableFuture<Finished> f = new CompletableFuture<>();
        synchronized (st) {
            if (st.closed) {
                f.completeExceptionally(new IllegalStateException("the document was closed"));
                return f;
            }
            st.waiters.add(new Waiter(document.version(), f));
            if (st.running != null && st.running.document().version() >= document.version()
                    && st.waiting == null) {
                return f;
            }
            supersede(st, document);
            if (st.running == null) {
                start(st);
            }
        }
        return f;
    }

    /** The document was closed: its run is cancelled and nothing more runs for it. */
    public void closed(String uri) {
        DocState st = states.remove(uri);
        if (st == null) {
            return;
        }
        synchronized (st) {
            st.closed = true;
            st.waiting = null;
            if (st.debounce != null) {
                st.debounce.cancel();
                st.debounce = null;
            }
            if (st.running != null) {
                st.running.token().cancel();
            }
            for (Waiter w : st.waiters) {
                w.future().completeExceptionally(new IllegalStateException("the document was closed"));
            }
            st.waiters.clear();
        }
    }

    /** Test and benchmark hook: runs that have begun on the pool since the server started. */
    public long runsStarted() {
        return runsStarted.get();
    }

    /** Test and benchmark hook: versions of {@code uri} waiting to run (0 or 1 by construction). */
    public int waiting(String uri) {
        DocState st = states.get(uri);
        if (st == null) {
            return 0;
        }
        synchronized (st) {
            return st.waiting == null ? 0 : 1;
        }
    }

    /** Benchmark hook: versions waiting to run, over every document. */
    public int waitingTotal() {
        int n = 0;
        for (String uri : states.keySet()) {
            n += waiting(uri);
        }
        return n;
    }

    /** Test hook: whether a run of {@code uri} is in progress or handed to the pool. */
    public boolean running(String uri) {
        DocState st = states.get(uri);
        if (st == null) {
            return false;
        }
        synchronized (st) {
            return st.running != null;
        }
    }

    private void supersede(DocState st, ScenarioDocument document) {
        if (st.running != null && st.running.document().version() < document.version()) {
            st.running.token().cancel();
        }
        if (st.debounce != null) {
            st.debounce.cancel();
            st.debounce = null;
        }
        st.waiting = document;
    }

    private void debounceElapsed(DocState st, ScenarioDocument document) {
        synchronized (st) {
            if (st.closed || st.waiting != document) {
                return;
            }
            st.debounce = null;
            if (st.running == null) {
                start(st);
            }
        }
    }

    /** Hands the waiting version to the pool; called holding st's monitor. */
    private void start(DocState st) {
        ScenarioDocument document = st.waiting;
        st.waiting = null;
        Running r = new Running(ids.incrementAndGet(), document, new Cancellation());
        st.running = r;
        try {
            pool.execute(() -> execute(st, r));
        } catch (RejectedExecutionException e) {
            st.running = null;
            st.waiting = document;
            log.warn("every run thread is busy; " + document.uri() + " version " + document.version()
                    + " runs in " + RETRY_WHEN_BUSY_MS + " ms");
            st.debounce = timer.schedule(() -> debounceElapsed(st, document), RETRY_WHEN_BUSY_MS);
        }
    }

    private void execute(DocState st, Running r) {
        runsStarted.incrementAndGet();
        long t0 = System.nanoTime();
        RunResult result;
        try {
            events.started(r.document(), r.id());
            RunOptions options = settings.get().runOptions().withCancellation(r.token());
            result = engine.run(r.document(), options, events.watch(r.document(), r.id(), r.token()));
        } catch (Throwable e) {
            log.error("the run of " + r.document().uri() + " failed", e);
            result = new RunResult(null, settings.get().defaultPolicy(), List.of(), List.of(Diagnostic.error(
                    SourceRange.NONE, DiagnosticCode.INTERNAL_ERROR, "internal error while running the scenario ("
                            + e.getClass().getSimpleName() + "); please report it with the file")));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        boolean cancelled = r.token().isCancelled();
        try {
            events.finished(r.document(), r.id(), result, cancelled, ms);
        } catch (RuntimeException e) {
            log.error("publishing the run of " + r.document().uri() + " failed", e);
        } finally {
            synchronized (st) {
                st.running = null;
                if (!cancelled) {
                    Finished done = new Finished(r.document(), result, ms);
                    for (Iterator<Waiter> it = st.waiters.iterator(); it.hasNext(); ) {
                        Waiter w = it.next();
                        if (w.version() <= r.document().version()) {
                            w.future().complete(done);
                            it.remove();
                        }
                    }
                }
                if (!st.closed && st.waiting != null && st.debounce == null) {
                    start(st);
                }
            }
        }
    }
}
