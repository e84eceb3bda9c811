package dev.cowpte.lang.ast;

import dev.cowpte.lang.SourceRange;

/**
 * A quantity of memory: a bare integer counts 4 KiB pages ({@code bytes} false), a size with a
 * unit counts bytes ({@code bytes} true; fractions already rounded down to whole bytes).
 * {@code variable} is non-null when the quantity is a repeat variable ({@code buf[i]}), which
 * counts pages; then {@code value} is 0. {@code expression} is non-null when the quantity depends
 * on repeat variables: the bare variable, or an integer expression ({@code buf[i*512+3]}); then
 * {@code bytes} says whether it counts bytes.
 */
public record Quantity(long value, boolean bytes, String variable, Offset expression, SourceRange range) {
    public static final long PAGE_SIZE = 4096;

    public Quantity(long value, boolean bytes, String variable, SourceRange range) {
        this(value, bytes, variable, variable == null ? null : new Offset.Variable(variable, range), range);
    }

    /** An offset written as an expression; a constant one is folded into a number by the caller. */
    public static Quantity expression(Offset expression, SourceRange r) {
        return new Quantity(0, expression.isSize(), null, expression, r);
    }

    /** Whether the quantity depends on repeat variables (a bare one or an expression). */
    public boolean isExpression() {
        return expression != null;
    }

    public static Quantity pages(long n, SourceRange r) {
        return new Quantity(n, false, null, r);
    }

    public static Quantity bytes(long n, SourceRange r) {
        return new Quantity(n, true, null, r);
    }

    public boolean isVariable() {
        return variable != null;
    }

    /** In bytes, with the variable (if any) bound to {@code varValue}; not for expressions. */
    public long toBytes(long varValue) {
        if (expression != null && variable == null) {
            throw new IllegalStateException("an expression has no single variable: evaluate it with its values");
        }
        if (variable != null) {
            return varValue * PAGE_SIZE;
        }
        return bytes ? value : value * PAGE_SIZE;
    }
}
