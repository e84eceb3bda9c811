package dev.cowpte.lang.ast;

import dev.cowpte.lang.SourceRange;

/**
 * A quantity of memory: a bare integer counts 4 KiB pages ({@code bytes} false), a size with a
 * unit counts bytes ({@code bytes} true; fractions already rounded down to whole bytes).
 * {@code variable} is non-null when the quantity is a repeat variable ({@code buf[i]}), which
 * counts pages; then {@code value} is 0.
 */
public record Quantity(long value, boolean bytes, String variable, SourceRange range) {
    public static final long PAGE_SIZE = 4096;

    public static Quantity pages(long n, SourceRange r) {
        return new Quantity(n, false, null, r);
    }

    public static Quantity bytes(long n, SourceRange r) {
        return new Quantity(n, true, null, r);
    }

    public boolean isVariable() {
        return variable != null;
    }

    /** In bytes, with the variable (if any) bound to {@code varValue}. */
    public long toBytes(long varValue) {
        if (variable != null) {
            return varValue * PAGE_SIZE;
        }
        return bytes ? value : value * PAGE_SIZE;
    }
}
