package dev.cowpte.mm;

import java.util.Arrays;

/**
 * Physical page frames, the simulator's {@code mem_map}: for each pfn its value, mapcount,
 * reference count and pin count, stored column-wise so a frame costs 21 bytes and the table
 * grows only with frames actually allocated. Pfn 0 is the shared zero page.
 */
final class FrameTable {
    static final int ZERO_PFN = 0;
    private static final byte SHMEM = 1;

    private long[] value = new long[1024];
    private int[] mapcount = new int[1024];
    private int[] refcount = new int[1024];
    private int[] pincount = new int[1024];
    private byte[] flags = new byte[1024];
    private int[] free = new int[64];
    private int freeTop;
    private int next = 1;
    private int used;

    int alloc(long initialValue, boolean shmem) {
        int pfn;
        if (freeTop > 0) {
            pfn = free[--freeTop];
        } else {
            pfn = next++;
            if (pfn >= value.length) {
                grow();
            }
        }
        value[pfn] = initialValue;
        mapcount[pfn] = 0;
        refcount[pfn] = 0;
        pincount[pfn] = 0;
        flags[pfn] = shmem ? SHMEM : 0;
        used++;
        return pfn;
    }

    private void grow() {
        int n = value.length * 2;
        value = Arrays.copyOf(value, n);
        mapcount = Arrays.copyOf(mapcount, n);
        refcount = Arrays.copyOf(refcount, n);
        pincount = Arrays.copyOf(pincount, n);
        flags = Arrays.copyOf(flags, n);
    }

    void release(int pfn) {
        if (pfn == ZERO_PFN) {
            throw new IllegalStateException("the zero page is never freed");
        }
        if (freeTop == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeTop++] = pfn;
        flags[pfn] = -1;
        used--;
    }

    boolean allocated(int pfn) {
        return pfn > 0 && pfn < next && flags[pfn] >= 0;
    }

    /** Highest pfn ever handed out plus one; for walks over all frames. */
    int limit() {
        return next;
    }

    int used() {
        return used;
    }

    long value(int pfn) {
        return pfn == ZERO_PFN ? 0 : value[pfn];
    }

    void setValue(int pfn, long v) {
        value[pfn] = v;
    }

    int mapcount(int pfn) {
        return mapcount[pfn];
    }

    int refcount(int pfn) {
        return refcount[pfn];
    }

    int pincount(int pfn) {
        return pincount[pfn];
    }

    boolean shmem(int pfn) {
        return flags[pfn] == SHMEM;
    }

    /** One more mapping of the page: mapcount and reference both +1. */
    void map(int pfn) {
        if (pfn != ZERO_PFN) {
            mapcount[pfn]++;
            refcount[pfn]++;
        }
    }

    /** One mapping fewer: mapcount and reference both -1; frees the frame on the last reference. */
    void unmap(int pfn) {
        if (pfn != ZERO_PFN) {
            mapcount[pfn]--;
            put(pfn);
        }
    }

    void get(int pfn) {
        refcount[pfn]++;
    }

    void put(int pfn) {
        if (--refcount[pfn] == 0) {
            release(pfn);
        }
    }

    void pin(int pfn) {
        pincount[pfn]++;
        refcount[pfn]++;
    }

    void unpin(int pfn) {
        pincount[pfn]--;
        put(pfn);
    }
}
