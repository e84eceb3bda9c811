package dev.cowpte.run;

import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.Quantity;
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
        String text = name.text();
        if (!name.isTemplate()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int close = text.indexOf('}', i);
            if (close < 0) {
                throw new ScenarioError(name.range(), DiagnosticCode.BAD_TEMPLATE, "unclosed '{' in name " + text);
            }
            String variable = text.substring(i + 1, close);
            out.append(value(variable, name));
            i = close + 1;
        }
        return out.toString();
    }

    /** The quantity in bytes, a repeat variable standing for that many pages. */
    long bytes(Quantity q) {
        if (!q.isVariable()) {
            return q.toBytes(0);
        }
        Long v = values.get(q.variable());
        if (v == null) {
            throw new ScenarioError(q.range(), DiagnosticCode.UNDECLARED_VARIABLE,
                    "'" + q.variable() + "' is not the variable of an enclosing repeat");
        }
        return q.toBytes(v);
    }

    private long value(String variable, Name name) {
        Long v = values.get(variable);
        if (v == null) {
            throw new ScenarioError(name.range(), DiagnosticCode.UNDECLARED_VARIABLE,
                    "'{" + variable + "}' in " + name.text() + " is not the variable of an enclosing repeat");
        }
        return v;
    }
}
