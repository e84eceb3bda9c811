package dev.cowpte.lang.check;

import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.DiagnosticList;
import dev.cowpte.lang.ast.Address;
import dev.cowpte.lang.ast.Offset;
import dev.cowpte.lang.ast.PageSet;
import dev.cowpte.lang.ast.Quantity;
import dev.cowpte.lang.ast.Statement;
import java.util.Map;

/**
 * Checks addresses against the regions they name ({@code buf[N]}, {@code buf[A..B]} inside the
 * region's pages) and mappings against the address space (size, alignment and overlap of
 * {@code at}).
 */
final class RegionBounds {
    private final DiagnosticList diagnostics;

    RegionBounds(DiagnosticList diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Bytes a bound stands for at its smallest and largest, or null when a variable is unbound. */
    private record ByteSpan(long min, long max) {
    }

    private static ByteSpan bytes(Quantity q, Map<String, NameSet.Span> variables) {
        if (q.isVariable()) {
            NameSet.Span span = variables.get(q.variable());
            return span == null ? null : new ByteSpan(pagesToBytes(span.lo()), pagesToBytes(span.hi()));
        }
        if (q.isExpression()) {
            Offset.Amount amount = OffsetSpans.amount(q.expression(), variables);
            return amount == null ? null : new ByteSpan(amount.loBytes(), amount.hiBytes());
        }
        long bytes = q.bytes() ? q.value() : pagesToBytes(q.value());
        return new ByteSpan(bytes, bytes);
    }

    /**
     * Reports an offset expression that overflows for some value of its variables, a page set
     * where it is not allowed ({@code noSet} says why), a step below one page or not a whole number of pages, and a
     * percentage above 100; false when it did.
     */
    boolean checkOffsets(Address.InRegion address, String noSet, Map<String, NameSet.Span> variables) {
        for (Quantity q : new Quantity[] {address.from(), address.to(),
            address.set() instanceof PageSet.Step step ? step.step() : null}) {
            if (q != null && q.isExpression() && !q.isVariable()) {
                try {
                    Offset.Amount amount = OffsetSpans.amount(q.expression(), variables);
                    if (amount != null) {
                        amount.hiBytes();
                        amount.loBytes();
                    }
                } catch (ArithmeticException e) {
                    diagnostics.report(q.range(), DiagnosticCode.OFFSET_OVERFLOW, "the offset "
                            + OffsetSpans.text(q.expression()) + " does not fit in 64 bits for some values of "
                            + OffsetSpans.variableNames(q.expression()));
                    return false;
                }
            }
        }
        PageSet set = address.set();
        if (set == null) {
            return true;
        }
        if (noSet != null) {
            diagnostics.report(set.range(), DiagnosticCode.BAD_PAGE_SET, "a page set stands for many pages, and "
                    + noSet + ": write a page, as " + address.region().text() + "[0], or a range");
            return false;
        }
        if (set instanceof PageSet.Random random && random.percent() > 100) {
            diagnostics.report(set.range(), DiagnosticCode.BAD_PAGE_SET, "a random page set takes a percentage"
                    + " from 0 to 100, not " + random.percent() + "%");
            return false;
        }
        if (set instanceof PageSet.Step step) {
            ByteSpan span = bytes(step.step(), variables);
            if (span != null && span.min() < Limits.PAGE_SIZE) {
                diagnostics.report(step.step().range(), DiagnosticCode.BAD_PAGE_SET, "a step of "
                        + (step.step().bytes() && !step.step().isExpression()
                        ? Limits.formatBytes(span.min()) : span.min() / Limits.PAGE_SIZE + " pages")
                        + " takes no page after the first: the step must be at least one page (1 or 4K)");
                return false;
            }
            if (span != null && step.step().bytes() && span.min() == span.max() && span.min() % Limits.PAGE_SIZE != 0) {
                diagnostics.report(step.step().range(), DiagnosticCode.BAD_PAGE_SET, "a step of "
                        + Limits.formatBytes(span.min()) + " is not a whole number of pages: write a multiple of 4K");
                return false;
            }
        }
        return true;
    }

    /** A bound as an expression: its own, or its constant value. */
    private static Offset offset(Quantity q) {
        return q.isExpression() ? q.expression() : new Offset.Number(q.value(), q.bytes(), q.range());
    }

    static long pagesToBytes(long pages) {
        return pages > Long.MAX_VALUE / Limits.PAGE_SIZE ? Long.MAX_VALUE : pages * Limits.PAGE_SIZE;
    }

    /** Reports an index outside the region; false when it did. */
    boolean checkIndex(Address.InRegion address, RegionState region, String process,
            Map<String, NameSet.Span> variables, java.util.function.LongPredicate mapped) {
        if (address.whole()) {
            return true;
        }
        long pages = region.pages();
        long limit = pagesToBytes(pages);
        String where = "region '" + address.region().text() + "' of '" + process + "' has " + pages
                + (pages == 1 ? " page" : " pages") + " (" + Limits.formatBytes(region.sizeBytes) + ")";
        ByteSpan from = bytes(address.from(), variables);
        if (from != null && from.min() < 0) {
            diagnostics.report(address.from().range(), DiagnosticCode.INDEX_OUT_OF_REGION,
                    describe(address.from(), from.min(), variables) + " is before the region's start: " + where);
            return false;
        }
        if (from != null && from.max() / Limits.PAGE_SIZE >= pages) {
            diagnostics.report(address.from().range(), DiagnosticCode.INDEX_OUT_OF_REGION,
                    describe(address.from(), from.max(), variables) + " is outside the region: " + where
                            + pastTheEnd(address, region, process, from.max(), mapped));
            return false;
        }
        if (address.to() == null) {
            return true;
        }
        ByteSpan to = bytes(address.to(), variables);
        if (to == null) {
            return true;
        }
        if (from != null && (address.from().isExpression() || address.to().isExpression())) {
            // both ends move with the variables: whether the range is empty is their difference's sign
            Offset difference = new Offset.Binary(offset(address.to()), Offset.Operator.MINUS, offset(address.from()),
                    address.range());
            try {
                Offset.Amount amount = OffsetSpans.amount(difference, variables);
                if (amount != null && amount.loBytes() <= 0) {
                    diagnostics.report(address.range(), DiagnosticCode.EMPTY_RANGE, "the range ends before it starts"
                            + " for some value of " + OffsetSpans.variableNames(difference) + ": its end must be"
                            + " after its start (A..B covers A up to, not including, B)");
                    return false;
                }
            } catch (ArithmeticException e) {
                return true;
            }
            if (to.max() > limit) {
                diagnostics.report(address.to().range(), DiagnosticCode.INDEX_OUT_OF_REGION,
                        "the range end " + describe(address.to(), to.max(), variables) + " is past the end of the"
                        + " region: " + where);
                return false;
            }
            return true;
        }
        if (from != null && to.min() <= from.max()) {
            diagnostics.report(address.range(), DiagnosticCode.EMPTY_RANGE,
                    "the range ends before it starts: its end must be after its start (A..B covers A up to, not"
                            + " including, B)");
            return false;
        } else if (to.max() > limit) {
            diagnostics.report(address.to().range(), DiagnosticCode.INDEX_OUT_OF_REGION,
                    "the range end " + describe(address.to(), to.max(), variables) + " is past the end of the region: "
                            + where);
            return false;
        }
        return true;
    }

    /**
     * What to write instead of an index past the region's end (LANGUAGE.md: an index names a page of its
     * region): the address it would have stood for, when the front end knows where the region is and no
     * region of the process maps that page, so that {@code expect segv} can say the access faults there.
     */
    private static String pastTheEnd(Address.InRegion address, RegionState region, String process, long offset,
                                     java.util.function.LongPredicate mapped) {
        Long start = region.start();
        if (address.from().isExpression() || address.isRange()) {
            return "";
        }
        long page = start == null || offset > Long.MAX_VALUE - start ? -1
                : start + offset / Limits.PAGE_SIZE * Limits.PAGE_SIZE;
        if (page < 0 || mapped.test(page)) {
            return "; to access memory past its end, write the address there (as 0x…; 'show " + process + " "
                    + address.region().text() + "' prints where the region is mapped)";
        }
        return String.format("; the page there is not mapped: to access it, write its address, 0x%x (as in"
                + " 'expect segv write %s 0x%x')", page, process, page);
    }

    private static String describe(Quantity q, long bytes, Map<String, NameSet.Span> variables) {
        if (q.isExpression() && !q.isVariable()) {
            String value = q.bytes() ? Limits.formatBytes(bytes) : "page " + Math.floorDiv(bytes, Limits.PAGE_SIZE);
            return "offset " + OffsetSpans.text(q.expression()) + " (" + value + " for some value of "
                    + OffsetSpans.variableNames(q.expression()) + ")";
        }
        if (q.isVariable()) {
            return "page " + q.variable() + " (up to " + variables.get(q.variable()).hi() + ")";
        }
        return q.bytes() ? "offset " + Limits.formatBytes(bytes) : "page " + q.value();
    }

    /** The size of a new mapping and its {@code at}: not empty, page-aligned, inside the address space. */
    boolean checkMapping(Statement.Mmap mmap, int levels) {
        long space = Limits.addressSpace(levels);
        String spaceText = Limits.formatBytes(space) + " with " + levels + " paging levels";
        Quantity size = mmap.size();
        long bytes = size.bytes() ? size.value() : pagesToBytes(size.value());
        if (bytes == 0) {
            diagnostics.report(size.range(), DiagnosticCode.ZERO_SIZE,
                    "a mapping needs a size of at least one byte; 0 maps nothing");
            return false;
        }
        if (bytes > space) {
            diagnostics.report(size.range(), DiagnosticCode.SIZE_TOO_LARGE, "a size of " + Limits.formatBytes(bytes)
                    + " is larger than the address space (" + spaceText + ")");
            return false;
        }
        Long at = mmap.at();
        if (at == null) {
            return true;
        }
        if (at % Limits.PAGE_SIZE != 0) {
            diagnostics.report(mmap.range(), DiagnosticCode.UNALIGNED_AT, String.format(
                    "address 0x%x is not page-aligned: 'at' takes a multiple of 4K (0x1000)", at));
            return false;
        }
        if (at >= space || bytes > space - at) {
            diagnostics.report(mmap.range(), DiagnosticCode.SIZE_TOO_LARGE, String.format(
                    "region '%s' at 0x%x of %s ends above the top of the address space (%s)",
                    mmap.region().text(), at, Limits.formatBytes(bytes), spaceText));
            return false;
        }
        return true;
    }

    /**
     * Reports a fixed-address region that overlaps another region of the same process: a fixed
     * one, or one placed top-down where the front end knows the address ({@link Placement}).
     */
    void checkOverlap(Statement.Mmap mmap, RegionState added, ProcessState process) {
        checkOverlap(mmap, added, process, added);
    }

    /** As {@link #checkOverlap(Statement.Mmap, RegionState, ProcessState)}, {@code moving} being where {@code added} comes from (mremap). */
    void checkOverlap(Statement.Mmap mmap, RegionState added, ProcessState process, RegionState moving) {
        if (added.at == null) {
            return;
        }
        long end = added.at + pagesToBytes(added.pages());
        for (NameTable.Entry<RegionState> entry : process.regions.entries()) {
            RegionState other = entry.state;
            if (other == added || (other == moving && moving != added) || other.start() == null) {
                continue;
            }
            // Only what the process still maps: pages unmapped or not copied by a fork are free.
            for (long[] run : other.mapped()) {
                long otherStart = other.start() + pagesToBytes(run[0]);
                long otherEnd = other.start() + pagesToBytes(run[1]);
                if (added.at < otherEnd && otherStart < end) {
                    diagnostics.report(mmap.range(), DiagnosticCode.OVERLAPPING_AT, String.format(
                            "region '%s' (0x%x-0x%x) overlaps region '%s' (0x%x-0x%x, line %d%s) of process '%s'",
                            mmap.region().text(), added.at, end, entry.names, otherStart, otherEnd,
                            other.mappedAt.line(), other.at == null ? ", placed top-down" : "",
                            mmap.process().text()));
                    return;
                }
            }
        }
    }
}
