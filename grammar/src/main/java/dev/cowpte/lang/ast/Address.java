package dev.cowpte.lang.ast;

import dev.cowpte.lang.SourceRange;

/**
 * An address or range, always written after the process it belongs to. Either a region with an
 * optional index ({@code buf}, {@code buf[3]}, {@code buf[2M..4M]}, {@code buf[8..]}), or an
 * absolute virtual address ({@code 0x7f0000201000}).
 */
public sealed interface Address permits Address.InRegion, Address.Absolute {
    SourceRange range();

    /**
     * {@code buf} (index null), {@code buf[N]} (from only, isRange false), {@code buf[A..B]}
     * (from, to), {@code buf[A..]} (from, to null, isRange true); a page set of the range
     * ({@code buf[A..B step S]}, {@code buf[random N%]}, whose from is page 0 and isRange true)
     * has its {@code set}, else null.
     */
    record InRegion(Name region, Quantity from, Quantity to, boolean isRange, PageSet set, SourceRange range)
            implements Address {
        public InRegion(Name region, Quantity from, Quantity to, boolean isRange, SourceRange range) {
            this(region, from, to, isRange, null, range);
        }

        public boolean whole() {
            return from == null;
        }
    }

    record Absolute(long address, SourceRange range) implements Address {
    }
}
