package dev.cowpte.lsp.server;

import dev.cowpte.kernel.KernelComparison;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.run.Cancellation;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCancelParams;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Work-done progress ({@code $/progress}) of a kernel check ({@code cowpte.kernel}): begun at
 * once (a check takes seconds), reporting the stage and the statement line it reached, ended
 * with the check's summary. The token is the one the client sent with the command, else one the
 * server creates when the client said it supports {@code window/workDoneProgress}; without
 * either, nothing is sent. The progress is cancellable: {@code window/workDoneProgress/cancel}
 * stops the check between statements, as cancelling the request does.
 */
public final class KernelProgress {
    /** Least time between two reports of the same stage. */
    static final long REPORT_EVERY_MS = 200;

    private final ServerLog log;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Cancellation> running = new ConcurrentHashMap<>();
    private volatile LanguageClient client;
    private volatile boolean mayCreate;

    public KernelProgress(ServerLog log) {
        this.log = log;
    }

    /** {@code mayCreate}: the client supports {@code window/workDoneProgress} (server-created tokens). */
    public void connect(LanguageClient client, boolean mayCreate) {
        this.client = client;
        this.mayCreate = mayCreate;
    }

    /** {@code window/workDoneProgress/cancel}: stops the check that reports under that token. */
    public void cancel(WorkDoneProgressCancelParams params) {
        if (params == null || params.getToken() == null) {
            return;
        }
        Cancellation c = running.get(key(params.getToken()));
        if (c != null) {
            c.cancel();
        }
    }

    /** Begins the progress of a check of {@code document}; {@code clientToken} may be null. */
    Reporter begin(ScenarioDocument document, Either<String, Integer> clientToken, Cancellation cancel) {
        LanguageClient c = client;
        if (c == null || (clientToken == null && !mayCreate)) {
            return new Reporter(null, null, CompletableFuture.completedFuture(false));
        }
        Either<String, Integer> token = clientToken != null ? clientToken
                : Either.forLeft("cowpte-kernel-" + ids.incrementAndGet());
        running.put(key(token), cancel);
        CompletableFuture<Void> created = clientToken != null ? CompletableFuture.completedFuture(null)
                : c.createProgress(new WorkDoneProgressCreateParams(token));
        CompletableFuture<Boolean> begun = created.handle((ok, err) -> {
            if (err != null) {
                log.warn("window/workDoneProgress/create refused: " + err.getMessage());
                return false;
            }
            WorkDoneProgressBegin b = new WorkDoneProgressBegin();
            b.setTitle("cowpte: checking " + ScenarioCommands.fileName(document.uri()) + " against this kernel");
            b.setMessage("version " + document.version());
            b.setCancellable(true);
            send(c, token, b);
            return true;
        });
        return new Reporter(c, token, begun);
    }

    private static String key(Either<String, Integer> token) {
        return token.isLeft() ? "s:" + token.getLeft() : "i:" + token.getRight();
    }

    private void send(LanguageClient c, Either<String, Integer> token, WorkDoneProgressNotification n) {
        try {
            c.notifyProgress(new ProgressParams(token, Either.forLeft(n)));
        } catch (RuntimeException e) {
            log.warn("$/progress failed: " + e.getMessage());
        }
    }

    /** One check's progress: where it is, then its end. */
    final class Reporter implements KernelComparison.Progress {
        private final LanguageClient c;
        private final Either<String, Integer> token;
        private final CompletableFuture<Boolean> begun;
        private String lastStage;
        private int lastLine = -1;
        private long lastAt;
        private boolean ended;

        private Reporter(LanguageClient c, Either<String, Integer> token, CompletableFuture<Boolean> begun) {
            this.c = c;
            this.token = token;
            this.begun = begun;
        }

        /** Reports the stage and line, at most every {@value #REPORT_EVERY_MS} ms within one stage. */
        @Override
        public synchronized void at(String stage, int line) {
            if (c == null || ended || !Boolean.TRUE.equals(begun.getNow(false))) {
                return;
            }
            long now = System.nanoTime() / 1_000_000;
            boolean newStage = !stage.equals(lastStage);
            if (!newStage && (line == lastLine || now - lastAt < REPORT_EVERY_MS)) {
                return;
            }
            lastStage = stage;
            lastLine = line;
            lastAt = now;
            WorkDoneProgressReport r = new WorkDoneProgressReport();
            r.setMessage(line > 0 ? "line " + line + ": " + stage : stage);
            r.setCancellable(true);
            send(c, token, r);
        }

        /** Ends the progress with {@code message}; once. */
        synchronized void end(String message) {
            if (ended) {
                return;
            }
            ended = true;
            if (c == null) {
                return;
            }
            running.remove(key(token));
            begun.thenAccept(ok -> {
                if (ok) {
                    WorkDoneProgressEnd e = new WorkDoneProgressEnd();
                    e.setMessage(message);
                    send(c, token, e);
                }
            });
        }
    }
}
