package dev.cowpte.lang.ast;

import dev.cowpte.lang.SourceRange;

/**
 * A process or region name as written. {@code text} may hold {@code {i}} placeholders for
 * repeat variables (e.g. {@code worker{i}}); {@link #isTemplate()} tells.
 */
public record Name(String text, SourceRange range) {
    public boolean isTemplate() {
        return text.indexOf('{') >= 0;
    }
}
