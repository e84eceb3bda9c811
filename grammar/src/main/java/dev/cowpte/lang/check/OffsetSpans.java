package dev.cowpte.lang.check;

import dev.cowpte.lang.ast.Offset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values an offset expression takes while its repeat variables run over their spans: exact
 * when the variables take few values together (each combination is evaluated), else by interval
 * arithmetic, which is exact when each variable occurs once and wider otherwise.
 */
final class OffsetSpans {
    /** Combinations evaluated one by one at most; past this, intervals. */
    private static final long EXACT_LIMIT = 1 << 16;

    private OffsetSpans() {
    }

    /**
     * The smallest and largest value, or null when a variable is not bound.
     *
     * @throws ArithmeticException when some value overflows
     */
    static Offset.Amount amount(Offset expression, Map<String, NameSet.Span> variables) {
        Set<String> names = names(expression);
        List<NameSet.Span> spans = new ArrayList<>();
        long combinations = 1;
        for (String name : names) {
            NameSet.Span span = variables.get(name);
            if (span == null) {
                return null;
            }
            spans.add(span);
            combinations = span.size() > EXACT_LIMIT ? EXACT_LIMIT + 1 : Math.min(EXACT_LIMIT + 1, combinations * span.size());
        }
        if (combinations > EXACT_LIMIT) {
            return expression.amount(name -> {
                NameSet.Span span = variables.get(name);
                return new long[] {span.lo(), span.hi()};
            });
        }
        List<String> order = new ArrayList<>(names);
        long[] value = new long[order.size()];
        for (int i = 0; i < value.length; i++) {
            value[i] = spans.get(i).lo();
        }
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        boolean size = expression.isSize();
        while (true) {
            Offset.Amount one = expression.amount(name -> {
                long v = value[order.indexOf(name)];
                return new long[] {v, v};
            });
            lo = Math.min(lo, one.lo());
            hi = Math.max(hi, one.hi());
            int i = value.length - 1;
            while (i >= 0 && value[i] == spans.get(i).hi()) {
                value[i] = spans.get(i).lo();
                i--;
            }
            if (i < 0) {
                return new Offset.Amount(lo, hi, size);
            }
            value[i]++;
        }
    }

    private static Set<String> names(Offset expression) {
        Set<String> names = new LinkedHashSet<>();
        expression.variables(v -> names.add(v.name()));
        return names;
    }

    /** The variables of an expression as a message names them: {@code i}, {@code i and j}. */
    static String variableNames(Offset expression) {
        return String.join(" and ", names(expression));
    }

    /** The expression as it reads, with spaces around + and -. */
    static String text(Offset expression) {
        if (expression instanceof Offset.Number n) {
            return n.size() ? Limits.formatBytes(n.value()) : Long.toString(n.value());
        }
        if (expression instanceof Offset.Variable v) {
            return v.name();
        }
        Offset.Binary b = (Offset.Binary) expression;
        String left = operand(b.left(), b.op(), false);
        String right = operand(b.right(), b.op(), true);
        return b.op() == Offset.Operator.TIMES ? left + "*" + right : left + " " + b.op().symbol() + " " + right;
    }

    private static String operand(Offset o, Offset.Operator outer, boolean right) {
        String text = text(o);
        boolean sum = o instanceof Offset.Binary b && b.op() != Offset.Operator.TIMES;
        boolean group = outer == Offset.Operator.TIMES || outer == Offset.Operator.MINUS && right;
        return sum && group ? "(" + text + ")" : text;
    }
}
