package dev.cowpte.lang.ast;

import dev.cowpte.lang.SourceRange;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An offset written as an integer expression ({@code i*512+3}, {@code (i+1)*2M}): numbers, sizes
 * and repeat variables joined by {@code +}, {@code -}, {@code *} and parentheses. A bare number
 * or variable counts pages, a size bytes, and a unit applies to the whole term it ends: a
 * product with a size in it counts bytes, and a sum of pages and bytes counts its pages as 4 KiB
 * each. Arithmetic is exact: an overflow is an {@link ArithmeticException}.
 */
public sealed interface Offset permits Offset.Number, Offset.Variable, Offset.Binary {
    long PAGE_SIZE = Quantity.PAGE_SIZE;

    SourceRange range();

    /** {@code 3} (pages) or {@code 2M} (a size: {@code size} true, value in bytes). */
    record Number(long value, boolean size, SourceRange range) implements Offset {
    }

    /** A repeat variable: its value counts pages. */
    record Variable(String name, SourceRange range) implements Offset {
    }

    record Binary(Offset left, Operator op, Offset right, SourceRange range) implements Offset {
    }

    enum Operator {
        PLUS("+"), MINUS("-"), TIMES("*");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /**
     * The smallest and largest value an expression takes, in bytes when {@code size}, else in
     * pages; a constant has {@code lo == hi}.
     */
    record Amount(long lo, long hi, boolean size) {
        /** In bytes. */
        public long loBytes() {
            return size ? lo : Math.multiplyExact(lo, PAGE_SIZE);
        }

        /** In bytes. */
        public long hiBytes() {
            return size ? hi : Math.multiplyExact(hi, PAGE_SIZE);
        }

        private Amount inBytes() {
            return size ? this : new Amount(loBytes(), hiBytes(), true);
        }
    }

    /** Whether the expression counts bytes: a size is in it. */
    default boolean isSize() {
        if (this instanceof Number n) {
            return n.size();
        }
        return this instanceof Binary b && (b.left().isSize() || b.right().isSize());
    }

    /** Calls {@code each} for every variable, left to right. */
    default void variables(Consumer<Variable> each) {
        if (this instanceof Variable v) {
            each.accept(v);
        } else if (this instanceof Binary b) {
            b.left().variables(each);
            b.right().variables(each);
        }
    }

    /**
     * The expression's amount, each variable standing for the values {@code values} gives (a
     * {@code long[]{lo, hi}}); interval arithmetic, exact where each variable occurs once.
     *
     * @throws ArithmeticException on overflow
     */
    default Amount amount(Function<String, long[]> values) {
        if (this instanceof Number n) {
            return new Amount(n.value(), n.value(), n.size());
        }
        if (this instanceof Variable v) {
            long[] span = values.apply(v.name());
            return new Amount(span[0], span[1], false);
        }
        Binary b = (Binary) this;
        return combine(b.op(), b.left().amount(values), b.right().amount(values));
    }

    /** The value in bytes with each variable bound to one value. */
    default long bytes(Function<String, Long> value) {
        return amount(name -> {
            long v = value.apply(name);
            return new long[] {v, v};
        }).loBytes();
    }

    private static Amount combine(Operator op, Amount a, Amount b) {
        if (op == Operator.TIMES) {
            long[] products = {
                Math.multiplyExact(a.lo(), b.lo()), Math.multiplyExact(a.lo(), b.hi()),
                Math.multiplyExact(a.hi(), b.lo()), Math.multiplyExact(a.hi(), b.hi())};
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (long p : products) {
                lo = Math.min(lo, p);
                hi = Math.max(hi, p);
            }
            return new Amount(lo, hi, a.size() || b.size());
        }
        if (a.size() != b.size()) {
            a = a.inBytes();
            b = b.inBytes();
        }
        if (op == Operator.PLUS) {
            return new Amount(Math.addExact(a.lo(), b.lo()), Math.addExact(a.hi(), b.hi()), a.size());
        }
        return new Amount(Math.subtractExact(a.lo(), b.hi()), Math.subtractExact(a.hi(), b.lo()), a.size());
    }

    /** A product of two sizes ({@code 2M*4K}), which counts no unit the language has; null when there is none. */
    default Binary productOfSizes() {
        if (this instanceof Binary b) {
            if (b.op() == Operator.TIMES && b.left().isSize() && b.right().isSize()) {
                return b;
            }
            Binary inner = b.left().productOfSizes();
            return inner != null ? inner : b.right().productOfSizes();
        }
        return null;
    }
}
