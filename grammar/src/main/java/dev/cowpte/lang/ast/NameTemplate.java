package dev.cowpte.lang.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A name as written, split once into literal text and {@code {i}} placeholders: {@code worker{i}}
 * is the literal {@code worker} and the variable {@code i}. A concrete name such as
 * {@code worker3} is an instance of it. This is the one place that reads the braces of a name;
 * the checker, the interpreter and the editor's features all work on its parts.
 */
public final class NameTemplate {
    /** One part: literal text, or a placeholder's variable; [start, end) within the name. */
    public record Part(String text, boolean variable, int start, int end) {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_]([A-Za-z0-9_]|\\{[A-Za-z_][A-Za-z0-9_]*\\})*");

    private final String text;
    private final List<Part> parts;
    /** Index of a '{' with no '}' after it, or -1. */
    private final int unclosed;

    private NameTemplate(String text, List<Part> parts, int unclosed) {
        this.text = text;
        this.parts = List.copyOf(parts);
        this.unclosed = unclosed;
    }

    /** Whether {@code text} is a name by the language's lexical rules (placeholders allowed). */
    public static boolean isName(String text) {
        return text != null && NAME.matcher(text).matches();
    }

    public static NameTemplate of(String text) {
        if (text.indexOf('{') < 0) {
            return new NameTemplate(text, List.of(new Part(text, false, 0, text.length())), -1);
        }
        List<Part> parts = new ArrayList<>();
        int unclosed = -1;
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            int close = open < 0 ? -1 : text.indexOf('}', open);
            if (open < 0 || close < 0) {
                unclosed = open;
                parts.add(new Part(text.substring(i), false, i, text.length()));
                break;
            }
            if (open > i) {
                parts.add(new Part(text.substring(i, open), false, i, open));
            }
            parts.add(new Part(text.substring(open + 1, close), true, open, close + 1));
            i = close + 1;
        }
        return new NameTemplate(text, parts, unclosed);
    }

    public String text() {
        return text;
    }

    public List<Part> parts() {
        return parts;
    }

    public boolean isTemplate() {
        return parts.size() > 1 || parts.get(0).variable();
    }

    /** Whether a '{' is left without its '}' (the rest of the name is then one literal part). */
    public boolean hasUnclosedBrace() {
        return unclosed >= 0;
    }

    /** The placeholders' variables in order. */
    public List<String> variables() {
        return parts.stream().filter(Part::variable).map(Part::text).toList();
    }

    /**
     * The name under a binding of repeat variables: each placeholder replaced by
     * {@code value.apply(variable)}, or left as written when that is null. {@code worker{i}}
     * with i = 3 gives {@code worker3}.
     */
    public String expand(Function<String, ?> value) {
        if (!isTemplate()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (Part p : parts) {
            Object v = p.variable() ? value.apply(p.text()) : null;
            out.append(!p.variable() ? p.text() : v == null ? text.substring(p.start(), p.end()) : v.toString());
        }
        return out.toString();
    }

    /** The part holding character {@code index} of the name (its end included), or null. */
    public Part partAt(int index) {
        Part best = null;
        for (Part p : parts) {
            if (p.start() <= index && index <= p.end() && (best == null || !p.variable())) {
                best = p;
            }
        }
        return best;
    }

    /** The values of the placeholders if {@code concrete} (no placeholders) is an instance, else null. */
    public List<Long> match(String concrete) {
        if (!isTemplate()) {
            return null;
        }
        StringBuilder regex = new StringBuilder();
        for (Part p : parts) {
            regex.append(p.variable() ? "(0|[1-9][0-9]{0,17})" : Pattern.quote(p.text()));
        }
        Matcher m = Pattern.compile(regex.toString()).matcher(concrete);
        if (!m.matches()) {
            return null;
        }
        List<Long> values = new ArrayList<>();
        for (int g = 1; g <= m.groupCount(); g++) {
            values.add(Long.parseLong(m.group(g)));
        }
        return values;
    }

    /** This template with its placeholders replaced by {@code values}, in order. */
    public String instance(List<Long> values) {
        StringBuilder out = new StringBuilder();
        int v = 0;
        for (Part p : parts) {
            out.append(p.variable() ? String.valueOf(values.get(v++)) : p.text());
        }
        return out.toString();
    }

    /** This template with the literal part {@code part} replaced by {@code replacement}. */
    public NameTemplate withPart(Part part, String replacement) {
        return of(text.substring(0, part.start()) + replacement + text.substring(part.end()));
    }
}
