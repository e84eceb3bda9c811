package dev.cowpte.lsp;

import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.run.RunOptions;
import dev.cowpte.run.RunResult;
import dev.cowpte.run.ScenarioRunner;
import java.util.Optional;
import org.eclipse.lsp4j.Position;

/**
 * A scenario written for a feature test, with {@code |} marking the cursor (as in LemMinX's
 * tests): the marker is removed from the text and its place becomes {@link #cursor()}.
 */
public record CursorDocument(ScenarioDocument document, Position cursor) {
    public static final String URI = "file:///test/scenario.cowpte";

    /** The text with its one {@code |} marker taken out. */
    public static CursorDocument of(String marked) {
        int at = marked.indexOf('|');
        if (at < 0 || marked.indexOf('|', at + 1) >= 0) {
            throw new IllegalArgumentException("mark the cursor with exactly one |");
        }
        String text = marked.substring(0, at) + marked.substring(at + 1);
        ScenarioDocument d = new ScenarioDocument(URI, 1, text);
        return new CursorDocument(d, d.lines().positionAt(at));
    }

    /** A document with no cursor. */
    public static ScenarioDocument plain(String text) {
        return new ScenarioDocument(URI, 1, text);
    }

    /** The document's last run, as the server would have it after running this version. */
    public Optional<DocumentStore.LastRun> run() {
        return Optional.of(runOf(document));
    }

    public static DocumentStore.LastRun runOf(ScenarioDocument d) {
        RunResult r = ScenarioRunner.run(d.text(), RunOptions.defaults().withInvariantChecks(true));
        return new DocumentStore.LastRun(d, r);
    }
}
