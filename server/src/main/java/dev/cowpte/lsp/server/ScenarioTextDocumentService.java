package dev.cowpte.lsp.server;

import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The document side of the protocol. Open, change, save and close update the store, publish
 * the front end's diagnostics at once and tell the run triggers. Each feature request takes the
 * document version current when it arrives (and its last finished run), then is answered on the
 * request pool by a feature service, guarded: an unknown document answers null or empty, a
 * position outside it answers nothing, a failing feature answers an error response.
 */
public class ScenarioTextDocumentService implements TextDocumentService {
    protected final DocumentStore store;
    private final DiagnosticsPublisher publisher;
    private final RunTriggers triggers;
    protected final RequestGuard guard;
    private final ServerLog log;

    public ScenarioTextDocumentService(DocumentStore store, DiagnosticsPublisher publisher, RunTriggers triggers,
                                       RequestGuard guard, ServerLog log) {
        this.store = store;
        this.publisher = publisher;
        this.triggers = triggers;
        this.guard = guard;
        this.log = log;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        if (params == null || params.getTextDocument() == null || params.getTextDocument().getUri() == null) {
            log.warn("textDocument/didOpen without a document; ignored");
            return;
        }
        var item = params.getTextDocument();
        ScenarioDocument d = store.open(item.getUri(), item.getVersion(), item.getText());
        publisher.publish(d);
        triggers.opened(d);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        if (params == null || params.getTextDocument() == null || params.getContentChanges() == null) {
            log.warn("textDocument/didChange without a document or changes; ignored");
            return;
        }
        String uri = params.getTextDocument().getUri();
        if (uri == null || store.get(uri).isEmpty()) {
            log.warn("textDocument/didChange for " + uri + ", which is not open; ignored");
            return;
        }
        ScenarioDocument d;
        try {
            d = store.change(uri, params.getTextDocument().getVersion(), params.getContentChanges());
        } catch (RuntimeException e) {
            log.error("textDocument/didChange for " + uri + " could not be applied", e);
            return;
        }
        publisher.publish(d);
        triggers.changed(d);
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        String uri = params == null || params.getTextDocument() == null ? null : params.getTextDocument().getUri();
        store.get(uri == null ? "" : uri).ifPresent(triggers::saved);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params == null || params.getTextDocument() == null ? null : params.getTextDocument().getUri();
        if (uri == null) {
            return;
        }
        store.close(uri);
        triggers.closed(uri);
        publisher.clear(uri);
    }

    /** The open version of {@code id} and its last run, taken now (on the message thread). */
    protected Optional<Snapshot> snapshot(TextDocumentIdentifier id) {
        if (id == null || id.getUri() == null) {
            return Optional.empty();
        }
        return store.get(id.getUri()).map(d -> new Snapshot(d, store.lastRun(d.uri()),
                store.lastKernelCheck(d.uri())));
    }

    /**
     * A document version with its last finished run and its last kernel check (either possibly of
     * an older version).
     */
    protected record Snapshot(ScenarioDocument document, Optional<DocumentStore.LastRun> lastRun,
                              Optional<DocumentStore.LastKernelCheck> kernelCheck) {
    }

    /**
     * Answers {@code feature} on the request pool from the snapshot of {@code id}, or
     * {@code absent} when the document is not open.
     */
    protected <T> CompletableFuture<T> answer(String feature, TextDocumentIdentifier id, Supplier<T> absent,
                                              Function<Snapshot, T> work) {
        Optional<Snapshot> s = snapshot(id);
        if (s.isEmpty()) {
            return CompletableFuture.completedFuture(absent.get());
        }
        return guard.answer(feature, () -> work.apply(s.get()));
    }
}
