package dev.cowpte.lang;

/** A problem found in a scenario, with where it is and a stable code ({@code syntax}, {@code undeclared-name} ...). */
public record Diagnostic(Severity severity, SourceRange range, String code, String message) {
    public enum Severity { ERROR, WARNING, INFO }

    public static Diagnostic error(SourceRange range, String code, String message) {
        return new Diagnostic(Severity.ERROR, range, code, message);
    }

    public static Diagnostic warning(SourceRange range, String code, String message) {
        return new Diagnostic(Severity.WARNING, range, code, message);
    }

    /** The form compilers print and editors and CI annotate: {@code file:line:col: message}. */
    public String format(String file) {
        return file + ":" + range.line() + ":" + range.column() + ": "
                + (severity == Severity.ERROR ? "" : severity.name().toLowerCase() + ": ") + message;
    }
}
