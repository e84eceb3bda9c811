package dev.cowpte.lsp.server;

import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.run.RunResult;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Work-done progress ({@code $/progress}) for runs that take longer than {@link #SHOW_AFTER_MS}:
 * the server creates the token ({@code window/workDoneProgress/create}) only when the client
 * said it supports it, begins when the delay elapses and ends when the run does.
 */
public final class RunProgress implements RunEvents {
    public static final long SHOW_AFTER_MS = 500;

    /** One run's progress; guarded by its own monitor. */
    private static final class Shown {
        DelayedTasks.Handle delay;
        CompletableFuture<Boolean> begun;
        boolean ended;
        /** The run's cancellation, for {@code window/workDoneProgress/cancel}; set by {@link #watch}. */
        dev.cowpte.run.Cancellation token;
        boolean cancelledByUser;
    }

    /** How often a run's progress is reported at most. */
    static final long REPORT_EVERY_NANOS = 250_000_000L;

    private final DelayedTasks timer;
    private final ServerLog log;
    private final Map<Long, Shown> shown = new ConcurrentHashMap<>();
    private volatile LanguageClient client;

    public RunProgress(DelayedTasks timer, ServerLog log) {
        this.timer = timer;
        this.log = log;
    }

    /** Enables progress; only for clients with {@code window.workDoneProgress}. */
    public void connect(LanguageClient client) {
        this.client = client;
    }

    @Override
    public void started(ScenarioDocument document, long runId) {
        if (client == null) {
            return;
        }
        Shown s = new Shown();
        shown.put(runId, s);
        synchronized (s) {
            s.delay = timer.schedule(() -> begin(s, runId, document), SHOW_AFTER_MS);
        }
    }

    /**
     * A meter of the run that reports, once the progress has begun, the percentage done and the
     * statement the run is at ({@code line 19: fork parent -> child{i} (repeat 3/16), 18%, about 12 s left}).
     */
    @Override
    public dev.cowpte.run.RunListener watch(ScenarioDocument document, long runId, dev.cowpte.run.Cancellation token) {
        Shown s = shown.get(runId);
        if (s == null) {
            return dev.cowpte.run.RunListener.NONE;
        }
        synchronized (s) {
            s.token = token;
        }
        return dev.cowpte.run.RunMeter.of(document.text(), REPORT_EVERY_NANOS, snapshot -> {
            CompletableFuture<Boolean> begun;
            synchronized (s) {
                begun = s.ended ? null : s.begun;
            }
            if (begun != null && begun.getNow(false)) {
                org.eclipse.lsp4j.WorkDoneProgressReport report = new org.eclipse.lsp4j.WorkDoneProgressReport();
                report.setPercentage(snapshot.percent());
                report.setMessage(snapshot.describe());
                report.setCancellable(true);
                notify(runId, report);
            }
        });
    }

    /** {@code window/workDoneProgress/cancel} of a run's token: the run stops, and says so when it ends. */
    public void cancel(org.eclipse.lsp4j.WorkDoneProgressCancelParams params) {
        if (params == null || params.getToken() == null || !params.getToken().isLeft()) {
            return;
        }
        String t = params.getToken().getLeft();
        if (!t.startsWith("cowpte-run-")) {
            return;
        }
        Shown s;
        try {
            s = shown.get(Long.parseLong(t.substring("cowpte-run-".length())));
        } catch (NumberFormatException e) {
            return;
        }
        if (s == null) {
            return;
        }
        synchronized (s) {
            s.cancelledByUser = true;
            if (s.token != null) {
                s.token.cancel();
            }
        }
    }

    @Override
    public void finished(ScenarioDocument document, long runId, RunResult result, boolean cancelled, long durationMs) {
        Shown s = shown.remove(runId);
        if (s == null) {
            return;
        }
        String message = s.cancelledByUser ? "cancelled"
                : cancelled ? "cancelled: the scenario changed"
                : RunSummary.of(document.uri(), document.version(), result, durationMs).describe();
        synchronized (s) {
            s.ended = true;
            s.delay.cancel();
            if (s.begun != null) {
                s.begun.thenAccept(ok -> {
                    if (ok) {
                        WorkDoneProgressEnd end = new WorkDoneProgressEnd();
                        end.setMessage(message);
                        notify(runId, end);
                    }
                });
            }
        }
    }

    private void begin(Shown s, long runId, ScenarioDocument document) {
        LanguageClient c = client;
        synchronized (s) {
            if (s.ended || c == null) {
                return;
            }
            String token = token(runId);
            s.begun = c.createProgress(new WorkDoneProgressCreateParams(Either.forLeft(token)))
                    .handle((ok, err) -> {
                        if (err != null) {
                            log.warn("window/workDoneProgress/create refused: " + err.getMessage());
                            return false;
                        }
                        WorkDoneProgressBegin b = new WorkDoneProgressBegin();
                        b.setTitle("cowpte: running " + name(document.uri()));
                        b.setMessage("version " + document.version());
                        b.setCancellable(true);
                        b.setPercentage(0);
                        notify(runId, b);
                        return true;
                    });
        }
    }

    private void notify(long runId, org.eclipse.lsp4j.WorkDoneProgressNotification n) {
        LanguageClient c = client;
        if (c != null) {
            c.notifyProgress(new ProgressParams(Either.forLeft(token(runId)), Either.forLeft(n)));
        }
    }

    private static String token(long runId) {
        return "cowpte-run-" + runId;
    }

    private static String name(String uri) {
        int slash = uri.lastIndexOf('/');
        return slash >= 0 ? uri.substring(slash + 1) : uri;
    }
}
