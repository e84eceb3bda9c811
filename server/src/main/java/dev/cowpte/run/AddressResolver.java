package dev.cowpte.run;

import static dev.cowpte.mm.Geometry.PAGE_SIZE;

import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.ast.Address;
import dev.cowpte.lang.ast.PageSet;
import dev.cowpte.lang.ast.Quantity;
import dev.cowpte.mm.Geometry;
import dev.cowpte.words.Amounts;

/**
 * Turns {@code buf}, {@code buf[N]}, {@code buf[12K]}, {@code buf[A..B]}, {@code buf[A..]} and
 * absolute addresses into virtual addresses of one process. An index outside the region as it
 * was declared is an error.
 */
final class AddressResolver {
    private final ProcessTable names;
    private final RepeatScope scope;
    private final java.util.function.LongSupplier machineSeed;

    AddressResolver(ProcessTable names, RepeatScope scope, java.util.function.LongSupplier machineSeed) {
        this.names = names;
        this.scope = scope;
        this.machineSeed = machineSeed;
    }

    Target resolve(String process, Address address) {
        if (address instanceof Address.Absolute abs) {
            long page = Geometry.pageDown(abs.address());
            return new Target(abs.address(), page, PAGE_SIZE);
        }
        Address.InRegion in = (Address.InRegion) address;
        String regionName = scope.expand(in.region());
        Region r = names.region(process, in.region(), regionName);
        if (in.whole()) {
            return new Target(r.start(), r.start(), r.length());
        }
        long fromPage = offsetPage(in.from(), r, regionName);
        long toPage;
        if (!in.isRange()) {
            toPage = fromPage + 1;
        } else if (in.to() == null) {
            toPage = r.pages();
        } else {
            long toBytes = scope.bytes(in.to());
            toPage = (toBytes + PAGE_SIZE - 1) / PAGE_SIZE;
            if (toBytes < 0 || toPage > r.pages()) {
                throw outside(in.to(), regionName, r, describe(in.to(), toBytes));
            }
            if (toPage <= fromPage) {
                throw new ScenarioError(in.range(), DiagnosticCode.EMPTY_RANGE,
                        regionName + "[" + fromPage + ".." + toPage
                        + "] is empty: the end must be above the start");
            }
        }
        long start = r.start() + fromPage * PAGE_SIZE;
        long end = r.start() + toPage * PAGE_SIZE;
        return new Target(start, start, end - start, in.set() == null ? null : pick(in.set(), start, end));
    }

    /** The pages of a page set over [start, end). */
    private PageRuns pick(PageSet set, long start, long end) {
        if (set instanceof PageSet.Step step) {
            long stepPages = scope.bytes(step.step()) / PAGE_SIZE;
            if (stepPages < 1) {
                throw new ScenarioError(step.step().range(), DiagnosticCode.BAD_PAGE_SET,
                        "the step must be at least one page (1 or 4K)");
            }
            return PageSetPicker.step(start, end, stepPages);
        }
        PageSet.Random random = (PageSet.Random) set;
        if (random.percent() > 100) {
            throw new ScenarioError(random.range(), DiagnosticCode.BAD_PAGE_SET,
                    "a random page set takes a percentage from 0 to 100, not " + random.percent() + "%");
        }
        long count = random.count((end - start) / PAGE_SIZE);
        long seed = PageSetPicker.seed(machineSeed.getAsLong(), random.range().line(), scope.iterations());
        return PageSetPicker.random(start, end, count, seed);
    }

    private long offsetPage(Quantity q, Region r, String regionName) {
        long bytes = scope.bytes(q);
        long page = Math.floorDiv(bytes, PAGE_SIZE);
        if (bytes < 0 || page >= r.pages()) {
            throw outside(q, regionName, r, describe(q, bytes));
        }
        return page;
    }

    private static String describe(Quantity q, long bytes) {
        return q.bytes() ? "offset " + Amounts.bytes(bytes) : "page " + Math.floorDiv(bytes, PAGE_SIZE);
    }

    private static ScenarioError outside(Quantity q, String regionName, Region r, String what) {
        return new ScenarioError(q.range(), DiagnosticCode.INDEX_OUT_OF_REGION,
                what + " is outside region " + regionName
                + " (" + Amounts.count(r.pages(), "page") + ", " + Amounts.bytes(r.length()) + ")");
    }
}
