package dev.cowpte.lang.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a region mapped without {@code at} goes, as the simulator places it (its
 * {@code Machine.placeTopDown}; a test in server/ checks that the two agree): the highest
 * 2 MiB-aligned free range below {@link #MMAP_BASE}, above {@link #MMAP_MIN_ADDR}, clear of
 * every mapped range. Knowing it, {@code cowpte check} finds an {@code at} that overlaps a region
 * placed this way before anything runs.
 */
public final class Placement {
    /** Top of the top-down mmap area (the simulator's {@code Geometry.MMAP_BASE}). */
    public static final long MMAP_BASE = 0x7f00_0000_0000L;
    /** The lowest address a mapping may take ({@code vm.mmap_min_addr}). */
    public static final long MMAP_MIN_ADDR = 0x10000L;
    private static final long PMD_SIZE = 2L << 20;

    private Placement() {
    }

    /**
     * The start of a new top-down region of {@code length} bytes (whole pages) among the mapped
     * ranges {@code taken} ([start, end) pairs), or null when there is no room.
     */
    public static Long topDown(List<long[]> taken, long length) {
        List<long[]> below = new ArrayList<>();
        for (long[] r : taken) {
            if (r[0] < MMAP_BASE) {
                below.add(r);
            }
        }
        below.sort(Comparator.comparingLong((long[] r) -> r[0]).reversed());
        long top = MMAP_BASE;
        for (long[] r : below) {
            long candidate = pmdDown(top - length);
            if (top - length >= 0 && candidate >= r[1]) {
                return candidate;
            }
            top = Math.min(top, r[0]);
        }
        long candidate = pmdDown(top - length);
        if (top - length < MMAP_MIN_ADDR || candidate < MMAP_MIN_ADDR) {
            return null;
        }
        return candidate;
    }

    private static long pmdDown(long address) {
        return address & ~(PMD_SIZE - 1);
    }

    /** The mapped ranges of a process, or null when the address of one of its regions is not known. */
    static List<long[]> taken(ProcessState process, RegionState except) {
        List<long[]> out = new ArrayList<>();
        for (NameTable.Entry<RegionState> entry : process.regions.entries()) {
            RegionState r = entry.state;
            if (r == except) {
                continue;
            }
            List<long[]> mapped = r.mapped();
            if (mapped.isEmpty()) {
                continue;
            }
            if (!entry.names.isSingle() || r.start() == null || r.sizeBytes == Long.MAX_VALUE) {
                return null;
            }
            for (long[] run : mapped) {
                out.add(new long[] {r.start() + run[0] * Limits.PAGE_SIZE, r.start() + run[1] * Limits.PAGE_SIZE});
            }
        }
        return out;
    }
}
