package dev.cowpte.lang.ast;

import dev.cowpte.lang.SourceRange;
import java.util.Objects;

/**
 * A process or region name as written. {@code text} may hold {@code {i}} placeholders for
 * repeat variables (e.g. {@code worker{i}}); {@link #template()} is its parsed form, read once.
 */
public final class Name {
    private final String text;
    private final SourceRange range;
    /** Parsed on first use: most names are read by the checker and the run alike. */
    private transient NameTemplate template;

    public Name(String text, SourceRange range) {
        this.text = Objects.requireNonNull(text);
        this.range = range;
    }

    public String text() {
        return text;
    }

    public SourceRange range() {
        return range;
    }

    /** The literal parts and placeholders of the name. */
    public NameTemplate template() {
        NameTemplate t = template;
        if (t == null) {
            t = NameTemplate.of(text);
            template = t;
        }
        return t;
    }

    public boolean isTemplate() {
        return template().isTemplate();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Name n && text.equals(n.text) && Objects.equals(range, n.range);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, range);
    }

    @Override
    public String toString() {
        return "Name[text=" + text + ", range=" + range + "]";
    }
}
