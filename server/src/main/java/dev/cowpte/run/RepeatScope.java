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
