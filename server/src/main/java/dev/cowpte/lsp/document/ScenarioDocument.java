package dev.cowpte.lsp.document;

import dev.cowpte.lang.FrontEnd;
import dev.cowpte.run.ScenarioRunner;

/**
 * One version of an open scenario: its text, line index, the front end's analysis and the
 * view of its names the front end resolved. Immutable: an edit makes a new document.
 */
public final class ScenarioDocument {
    private final String uri;
    private final int version;
    private final String text;
    private final LineIndex lines;
    private final FrontEnd.Result analysis;
    private volatile NameIndex names;

    public ScenarioDocument(String uri, int version, String text) {
        this.uri = uri;
        this.version = version;
        this.text = text;
        this.lines = new LineIndex(text);
        this.analysis = ScenarioRunner.check(text);
    }

    public String uri() {
        return uri;
    }

    public int version() {
        return version;
    }

    public String text() {
        return text;
    }

    public LineIndex lines() {
        return lines;
    }

    /** The syntax tree (null when the text has none at all) and the front end's diagnostics. */
    public FrontEnd.Result analysis() {
        return analysis;
    }

    /** Where each process and region name stands; built on first use. */
    public NameIndex names() {
        NameIndex n = names;
        if (n == null) {
            n = NameIndex.of(analysis);
            names = n;
        }
        return n;
    }
}
