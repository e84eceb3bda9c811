package dev.cowpte.lsp.document;

import dev.cowpte.kernel.KernelReport;
import dev.cowpte.run.RunResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/**
 * The open scenarios, the last finished run of each and the last kernel check of each. Changes may be full or incremental;
 * a change to a document that was never opened is refused with an exception the transport
 * turns into an error.
 */
public final class DocumentStore {
    /** A finished run and the document version it ran on. */
    public record LastRun(ScenarioDocument document, RunResult result) {
    }

    /** A finished kernel check ({@code cowpte.kernel}) and the document version it ran on. */
    public record LastKernelCheck(ScenarioDocument document, KernelReport report) {
    }

    private final Map<String, ScenarioDocument> open = new ConcurrentHashMap<>();
    private final Map<String, LastRun> runs = new ConcurrentHashMap<>();
    private final Map<String, LastKernelCheck> kernelChecks = new ConcurrentHashMap<>();

    public ScenarioDocument open(String uri, int version, String text) {
        ScenarioDocument d = new ScenarioDocument(uri, version, text == null ? "" : text);
        open.put(uri, d);
        runs.remove(uri);
        kernelChecks.remove(uri);
        return d;
    }

    public ScenarioDocument change(String uri, int version, List<TextDocumentContentChangeEvent> changes) {
        ScenarioDocument d = open.get(uri);
        if (d == null) {
            throw new IllegalArgumentException("no open document " + uri);
        }
        String text = d.text();
        for (TextDocumentContentChangeEvent c : changes) {
            if (c.getRange() == null) {
                text = c.getText() == null ? "" : c.getText();
                continue;
            }
            LineIndex lines = new LineIndex(text);
            int start = lines.offsetAt(c.getRange().getStart());
            int end = Math.max(start, lines.offsetAt(c.getRange().getEnd()));
            text = text.substring(0, start) + (c.getText() == null ? "" : c.getText()) + text.substring(end);
        }
        ScenarioDocument next = new ScenarioDocument(uri, version, text);
        open.put(uri, next);
        return next;
    }

    public void close(String uri) {
        open.computeIfPresent(uri, (u, d) -> {
            runs.remove(u);
            kernelChecks.remove(u);
            return null;
        });
    }

    public Optional<ScenarioDocument> get(String uri) {
        return Optional.ofNullable(open.get(uri));
    }

    public List<ScenarioDocument> all() {
        return List.copyOf(open.values());
    }

    /** Records a finished run, unless a run of a newer version was recorded already. */
    public void finished(ScenarioDocument ranOn, RunResult result) {
        // Under the open map's lock for this uri, so a close cannot slip in between.
        open.computeIfPresent(ranOn.uri(), (uri, current) -> {
            runs.merge(uri, new LastRun(ranOn, result),
                    (old, now) -> old.document().version() > now.document().version() ? old : now);
            return current;
        });
    }

    public Optional<LastRun> lastRun(String uri) {
        return Optional.ofNullable(runs.get(uri));
    }

    /**
     * Records a finished kernel check; it replaces the one before unless that one is of a newer
     * version. Kept across edits: hovers show it (saying the text changed), diagnostics only for
     * the version it ran on.
     */
    public void kernelChecked(ScenarioDocument ranOn, KernelReport report) {
        open.computeIfPresent(ranOn.uri(), (uri, current) -> {
            kernelChecks.merge(uri, new LastKernelCheck(ranOn, report),
                    (old, now) -> old.document().version() > now.document().version() ? old : now);
            return current;
        });
    }

    public Optional<LastKernelCheck> lastKernelCheck(String uri) {
        return Optional.ofNullable(kernelChecks.get(uri));
    }
}
