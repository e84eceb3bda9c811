package dev.cowpte.lsp.services;

import dev.cowpte.lang.ast.NameTemplate;
import dev.cowpte.lang.ast.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repeats around a statement and the values their variables had in the last iteration, the
 * one a run records in detail: {@code worker{i}} in {@code repeat 16 as i} is {@code worker15}.
 */
final class LastIteration {
    private final Map<String, Long> values = new LinkedHashMap<>();
    private final Statement.Repeat innermost;

    /** {@code path}: the statements holding a place, outermost first ({@code NodeAt.statements}). */
    LastIteration(List<Statement> path) {
        Statement.Repeat inner = null;
        for (int i = 0; i + 1 < path.size(); i++) {
            if (path.get(i) instanceof Statement.Repeat r) {
                inner = r;
                if (r.variable() != null) {
                    values.put(r.variable(), Math.max(0, r.count() - 1));
                }
            }
        }
        this.innermost = inner;
    }

    boolean insideRepeat() {
        return innermost != null;
    }

    /** A written name with its placeholders replaced by the last iteration's values. */
    String expand(String written) {
        return NameTemplate.of(written).expand(values::get);
    }

    /** The italic note a hover inside a repeat starts with. */
    String note() {
        StringBuilder sb = new StringBuilder("_the last iteration of the repeat at line ")
                .append(innermost.range().line()).append(" (").append(innermost.count()).append(" runs");
        values.forEach((k, v) -> sb.append(", ").append(k).append(" = ").append(v));
        return sb.append(")_").toString();
    }
}
