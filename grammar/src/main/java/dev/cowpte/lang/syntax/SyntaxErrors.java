package dev.cowpte.lang.syntax;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.DiagnosticData;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.build.SourceMap;
import dev.cowpte.lang.parser.CowpteParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/**
 * Collects syntax errors as diagnostics: at most one per line (the first is the one that
 * matters), and at most {@link #LIMIT} in all, after which parsing stops.
 */
public final class SyntaxErrors implements SyntaxErrorSink {
    public static final int LIMIT = 100;

    /** Thrown through the parser when there are too many errors to go on. */
    public static final class TooMany extends RuntimeException {
        TooMany() {
            super("too many syntax errors", null, false, false);
        }
    }

    private final SourceMap sourceMap;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<Integer> linesWithErrors = new HashSet<>();

    public SyntaxErrors(SourceMap sourceMap) {
        this.sourceMap = sourceMap;
    }

    @Override
    public void report(Token offending, SyntaxMessage message) {
        SourceRange range = rangeOf(offending);
        if (!linesWithErrors.add(range.line())) {
            return;
        }
        if (diagnostics.size() >= LIMIT) {
            diagnostics.add(Diagnostic.of(DiagnosticCode.TOO_MANY_ERRORS, range,
                    "more than " + LIMIT + " syntax errors; the rest of the file was not checked"));
            throw new TooMany();
        }
        if (message.meant() == null) {
            diagnostics.add(Diagnostic.of(DiagnosticCode.SYNTAX, range, message.text()));
        } else {
            SourceRange meant = sourceMap.range(offending).to(sourceMap.range(message.meantThrough()));
            diagnostics.add(Diagnostic.of(DiagnosticCode.SYNTAX, range, message.text(),
                    new DiagnosticData.Meant(message.meant(), meant)));
        }
    }

    /** A line end or the end of the file is reported as an empty range where it starts. */
    private SourceRange rangeOf(Token offending) {
        SourceRange range = sourceMap.range(offending);
        if (offending.getType() == CowpteParser.NEWLINE || offending.getType() == Token.EOF) {
            return sourceMap.rangeOfOffsets(range.startOffset(), range.startOffset());
        }
        return range;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
