package dev.cowpte.run;

import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.NameTemplate;
import dev.cowpte.lang.ast.Quantity;
import dev.cowpte.lang.check.NameMessages;
import java.util.LinkedHashMap;
import java.util.Map;

/** The values of the enclosing {@code repeat} variables, and the names and indexes they complete. */
final class RepeatScope {
    private final Map<String, Long> values = new LinkedHashMap<>();
    private final java.util.ArrayDeque<long[]> iterations = new java.util.ArrayDeque<>();

    /** A repeat starts: its iterations are counted from here on, whether or not it has a variable. */
    void enterRepeat() {
        iterations.addLast(new long[1]);
    }

    /** The innermost repeat is at {@code iteration}. */
    void iteration(long iteration) {
        iterations.getLast()[0] = iteration;
    }

    void leaveRepeat() {
        iterations.removeLast();
    }

    /** The iteration of each enclosing repeat, outermost first. */
    long[] iterations() {
        return iterations.stream().mapToLong(i -> i[0]).toArray();
    }

    void bind(String variable, long value) {
        values.put(variable, value);
    }

    void unbind(String variable) {
        values.remove(variable);
    }

    /** The bound variables, outermost first (a copy). */
    Map<String, Long> values() {
        return new LinkedHashMap<>(values);
    }

    /** {@code worker{i}} with i = 3 gives {@code worker3}. */
    String expand(Name name) {
        NameTemplate template = name.template();
        if (template.hasUnclosedBrace()) {
            throw new ScenarioError(name.range(), DiagnosticCode.BAD_TEMPLATE, "unclosed '{' in name " + name.text());
        }
        return template.expand(variable -> value(variable, name));
    }

    /** The quantity in bytes, a repeat variable standing for that many pages. */
    long bytes(Quantity q) {
        if (q.isExpression() && !q.isVariable()) {
            q.expression().variables(v -> {
                if (!values.containsKey(v.name())) {
                    throw new ScenarioError(v.range(), DiagnosticCode.UNDECLARED_VARIABLE,
                            NameMessages.indexNotBound(v.name()));
                }
            });
            try {
                return q.expression().bytes(values::get);
            } catch (ArithmeticException e) {
                throw new ScenarioError(q.range(), DiagnosticCode.OFFSET_OVERFLOW, "the offset does not fit in 64 bits"
                        + " with " + values.entrySet().stream().map(v -> v.getKey() + " = " + v.getValue())
                        .collect(java.util.stream.Collectors.joining(", ")));
            }
        }
        if (!q.isVariable()) {
            return q.toBytes(0);
        }
        Long v = values.get(q.variable());
        if (v == null) {
            throw new ScenarioError(q.range(), DiagnosticCode.UNDECLARED_VARIABLE,
                    NameMessages.indexNotBound(q.variable()));
        }
        return q.toBytes(v);
    }

    private long value(String variable, Name name) {
        Long v = values.get(variable);
        if (v == null) {
            throw new ScenarioError(name.range(), DiagnosticCode.UNDECLARED_VARIABLE,
                    NameMessages.placeholderNotBound(variable, name.text()));
        }
        return v;
    }
}
