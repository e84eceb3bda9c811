package dev.cowpte.lsp.document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A name as written, split into literal text and {@code {i}} placeholders: {@code worker{i}} is
 * the literal {@code worker} and the variable {@code i}. A concrete name such as {@code worker3}
 * is an instance of it.
 */
public final class NameTemplate {
    /** One part: literal text, or a placeholder's variable; [start, end) within the name. */
    public record Part(String text, boolean variable, int start, int end) {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_]([A-Za-z0-9_]|\\{[A-Za-z_][A-Za-z0-9_]*\\})*");

    private final String text;
    private final List<Part> parts;

    private NameTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /** Whether {@code text} is a name by the language's lexical rules (placeholders allowed). */
    public static boolean isName(String text) {
        return text != null && NAME.matcher(text).matches();
    }

    public static NameTemplate of(String text) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            int close = open < 0 ? -1 : text.indexOf('}', open);
            if (open < 0 || close < 0) {
                parts.add(new Part(text.substring(i), false, i, text.length()));
                break;
            }
            if (open > i) {
                parts.add(new Part(text.substring(i, open), false, i, open));
            }
            parts.add(new Part(text.substring(open + 1, close), true, open, close + 1));
            i = close + 1;
        }
        return new NameTemplate(text, parts);
    }

    public String text() {
        return text;
    }

    public List<Part> parts() {
        return parts;
    }

    public boolean isTemplate() {
        return parts.stream().anyMatch(Part::variable);
    }

    /** The placeholders' variables in order. */
    public List<String> variables() {
        return parts.stream().filter(Part::variable).map(Part::text).toList();
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
