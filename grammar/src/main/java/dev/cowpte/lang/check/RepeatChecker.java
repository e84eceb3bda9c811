package dev.cowpte.lang.check;

import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.DiagnosticList;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.Quantity;
import dev.cowpte.lang.ast.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Checks repeats: counts and the total number of statements run within the limits, and every
 * {@code {i}} in a name or {@code buf[i]} index inside a repeat that declares {@code as i}.
 */
final class RepeatChecker {
    private record Scope(String variable, SourceRange declaredAt) {
    }

    private final DiagnosticList diagnostics;
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private long runs;
    private boolean runsReported;

    RepeatChecker(DiagnosticList diagnostics) {
        this.diagnostics = diagnostics;
    }

    void check(List<Statement> statements) {
        walk(statements, 1);
    }

    private void walk(List<Statement> statements, long iterations) {
        for (Statement statement : statements) {
            runs = saturatingAdd(runs, iterations);
            if (runs > Limits.MAX_STATEMENT_RUNS && !runsReported) {
                runsReported = true;
                diagnostics.report(keyword(statement.range(), 0), DiagnosticCode.REPEAT_LIMIT, String.format(
                        "the scenario would run more than %,d statements here (repeats multiply); the limit is %,d",
                        Limits.MAX_STATEMENT_RUNS, Limits.MAX_STATEMENT_RUNS));
            }
            for (Name name : StatementParts.names(statement)) {
                checkPlaceholders(name);
            }
            for (Quantity index : StatementParts.indexes(statement)) {
                if (index.isVariable() && !inScope(index.variable())) {
                    diagnostics.report(index.range(), DiagnosticCode.UNDECLARED_VARIABLE,
                            NameMessages.indexNotBound(index.variable()));
                } else if (index.isExpression() && !index.isVariable()) {
                    index.expression().variables(v -> {
                        if (!inScope(v.name())) {
                            diagnostics.report(v.range(), DiagnosticCode.UNDECLARED_VARIABLE,
                                    NameMessages.indexNotBound(v.name()));
                        }
                    });
                }
            }
            if (statement instanceof Statement.Repeat repeat) {
                repeat(repeat, iterations);
            }
        }
    }

    private void repeat(Statement.Repeat repeat, long iterations) {
        SourceRange header = keyword(repeat.range(), "repeat".length());
        if (repeat.count() > Limits.MAX_REPEAT_COUNT) {
            diagnostics.report(header, DiagnosticCode.REPEAT_LIMIT,
                    String.format("repeat count %,d is over the limit of %,d",
                    repeat.count(), Limits.MAX_REPEAT_COUNT));
        } else if (repeat.count() == 0) {
            diagnostics.report(header, DiagnosticCode.REPEAT_NEVER_RUNS, "repeat 0 never runs its block");
        }
        String variable = repeat.variable();
        if (variable != null) {
            for (Scope scope : scopes) {
                if (variable.equals(scope.variable())) {
                    diagnostics.report(repeat.variableRange(), DiagnosticCode.DUPLICATE_VARIABLE, "'" + variable
                            + "' is already the variable of the repeat at line " + scope.declaredAt().line()
                            + "; give the inner repeat another name, such as 'as j'");
                }
            }
        }
        scopes.push(new Scope(variable, repeat.range()));
        long count = Math.min(repeat.count(), Limits.MAX_REPEAT_COUNT);
        walk(repeat.body(), saturatingMultiply(iterations, count));
        scopes.pop();
    }

    private void checkPlaceholders(Name name) {
        for (String variable : name.template().variables()) {
            if (!inScope(variable)) {
                diagnostics.report(name.range(), DiagnosticCode.UNDECLARED_VARIABLE,
                        NameMessages.placeholderNotBound(variable, name.text()));
                return;
            }
        }
    }

    private boolean inScope(String variable) {
        return scopes.stream().anyMatch(scope -> variable.equals(scope.variable()));
    }

    /** The range of the first {@code length} characters of a statement (its keyword), on its first line. */
    private static SourceRange keyword(SourceRange statement, int length) {
        int end = length == 0 ? statement.endOffset() : statement.startOffset() + length;
        if (statement.endLine() == statement.line() && end <= statement.endOffset()) {
            return new SourceRange(statement.line(), statement.column(), statement.line(),
                    statement.column() + (end - statement.startOffset()), statement.startOffset(), end);
        }
        return new SourceRange(statement.line(), statement.column(), statement.line(),
                statement.column() + length, statement.startOffset(), statement.startOffset() + length);
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatingMultiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
