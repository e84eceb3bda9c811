package dev.cowpte.lang;

import java.util.List;

/**
 * A problem found in a scenario, with where it is, its {@link DiagnosticCode}, the message users
 * read and the {@link DiagnosticData} its fixes need (never read back from the message).
 */
public record Diagnostic(Severity severity, SourceRange range, DiagnosticCode code, String message,
                         List<DiagnosticData> data) {
    public enum Severity { ERROR, WARNING, INFO, HINT }

    public Diagnostic {
        data = List.copyOf(data);
    }

    public Diagnostic(Severity severity, SourceRange range, DiagnosticCode code, String message) {
        this(severity, range, code, message, List.of());
    }

    /** A diagnostic with the severity of its code. */
    public static Diagnostic of(DiagnosticCode code, SourceRange range, String message, DiagnosticData... data) {
        return new Diagnostic(code.severity(), range, code, message, List.of(data));
    }

    public static Diagnostic error(SourceRange range, DiagnosticCode code, String message) {
        return new Diagnostic(Severity.ERROR, range, code, message);
    }

    /** The same problem worded otherwise. */
    public Diagnostic withMessage(String other) {
        return new Diagnostic(severity, range, code, other, data);
    }

    /** The form compilers print and editors and CI annotate: {@code file:line:col: message}. */
    public String format(String file) {
        return file + ":" + range.line() + ":" + range.column() + ": "
                + (severity == Severity.ERROR ? "" : severity.name().toLowerCase() + ": ") + message;
    }
}
