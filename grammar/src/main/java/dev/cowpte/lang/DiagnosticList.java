package dev.cowpte.lang;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The problems found so far in one scenario, without repeats: the same code at the same place is
 * reported once even when a check looks at a statement twice (as it does for repeat bodies).
 */
public final class DiagnosticList {
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    public void add(Diagnostic diagnostic) {
        String key = diagnostic.code().id() + "@" + diagnostic.range().startOffset() + ":"
                + diagnostic.range().endOffset();
        if (seen.add(key)) {
            diagnostics.add(diagnostic);
        }
    }

    public void addAll(List<Diagnostic> more) {
        more.forEach(this::add);
    }

    /** A problem with the severity of its code, and what its fixes need. */
    public void report(SourceRange range, DiagnosticCode code, String message, DiagnosticData... data) {
        add(Diagnostic.of(code, range, message, data));
    }

    public List<Diagnostic> toList() {
        return List.copyOf(diagnostics);
    }
}
