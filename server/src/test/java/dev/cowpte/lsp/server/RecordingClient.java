package dev.cowpte.lsp.server;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;

/** A client that records what the server sends; every wait is bounded (30 s). */
class RecordingClient implements CowpteLanguageClient {
    final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
    final BlockingQueue<RunSummary> summaries = new LinkedBlockingQueue<>();
    final BlockingQueue<String> progress = new LinkedBlockingQueue<>();
    /** Each $/progress as {@code kind token: message}. */
    final BlockingQueue<String> progressMessages = new LinkedBlockingQueue<>();
    final List<MessageParams> logs = new CopyOnWriteArrayList<>();
    volatile Object configuration;

    @Override
    public void runSummary(RunSummary summary) {
        summaries.add(summary);
    }

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams d) {
        diagnostics.add(d);
    }

    @Override
    public void showMessage(MessageParams messageParams) {
        logs.add(messageParams);
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {
        logs.add(message);
    }

    @Override
    public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
        progress.add("create " + params.getToken().getLeft());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void notifyProgress(ProgressParams params) {
        progress.add(params.getValue().getLeft().getKind() + " " + params.getToken().getLeft());
        var n = params.getValue().getLeft();
        String message = n instanceof org.eclipse.lsp4j.WorkDoneProgressBegin b ? b.getTitle() + " / " + b.getMessage()
                : n instanceof org.eclipse.lsp4j.WorkDoneProgressReport r ? r.getMessage()
                : ((org.eclipse.lsp4j.WorkDoneProgressEnd) n).getMessage();
        progressMessages.add(n.getKind() + " " + params.getToken().getLeft() + ": " + message);
    }

    @Override
    public CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
        return CompletableFuture.completedFuture(java.util.Collections.singletonList(configuration));
    }

    RunSummary nextSummary() throws InterruptedException {
        RunSummary s = summaries.poll(30, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no cowpte/runSummary within 30 s");
        }
        return s;
    }

    String nextProgress() throws InterruptedException {
        String s = progress.poll(30, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no work-done progress message within 30 s");
        }
        return s;
    }

    PublishDiagnosticsParams nextDiagnostics() throws InterruptedException {
        PublishDiagnosticsParams p = diagnostics.poll(30, TimeUnit.SECONDS);
        if (p == null) {
            throw new AssertionError("no textDocument/publishDiagnostics within 30 s");
        }
        return p;
    }
}
