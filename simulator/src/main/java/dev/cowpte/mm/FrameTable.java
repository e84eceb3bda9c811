package dev.cowpte.mm;

import java.util.Arrays;

/**
 * Physical page frames, the simulator's {@code mem_map}: for each pfn its value, mapcount,
 * reference count and pin count. Pfn 0 is the shared zero page.
 *
 * <p>Stored column-wise in sections of {@value #SECTION_FRAMES} frames (as sparsemem splits
 * {@code mem_map} into sections), so the table grows one section at a time without copying
 * what it holds. A frame costs 9 bytes: mapcount, refcount and flags. The value and pin-count
 * columns of a section are allocated only when a frame in it gets a non-zero value or a pin:
 * most scenarios touch many pages and write or pin few. The first section starts small and
 * doubles up to its full size, so a machine with a few frames costs a few KiB.
 */
final class FrameTable {
    static final int ZERO_PFN = 0;
    private static final int SECTION_SHIFT = 16;
    static final int SECTION_FRAMES = 1 << SECTION_SHIFT;
    private static final int SECTION_MASK = SECTION_FRAMES - 1;
    private static final byte SHMEM = 1;
    private static final byte FREE = -1;
    private static final int FIRST_SECTION_FRAMES = 1024;

    private int[][] mapcount = new int[4][];
    private int[][] refcount = new int[4][];
    private byte[][] flags = new byte[4][];
    /** Per section, null while every frame of the section has value 0. */
    private long[][] value = new long[4][];
    /** Per section, null while no frame of the section is pinned. */
    private int[][] pincount = new int[4][];
    private int sections;
    private int[] free = new int[64];
    private int freeTop;
    private int next = 1;
    private int used;

    FrameTable() {
        addSection();
    }

    int alloc(long initialValue, boolean shmem) {
        int pfn;
        if (freeTop > 0) {
            pfn = free[--freeTop];
        } else {
            pfn = next++;
            if ((pfn >>> SECTION_SHIFT) == sections) {
                addSection();
            }
        }
        int s = pfn >>> SECTION_SHIFT;
        int i = pfn & SECTION_MASK;
        if (i == mapcount[s].length) {
            growFirstSection();
        }
        mapcount[s][i] = 0;
        refcount[s][i] = 0;
        flags[s][i] = shmem ? SHMEM : 0;
        if (pincount[s] != null) {
            pincount[s][i] = 0;
        }
        setValue(pfn, initialValue);
        used++;
        return pfn;
    }

    /**
     * {@code n} new anonymous frames with consecutive pfns, each holding {@code initialValue}
     * and mapped once (mapcount and refcount 1), as {@code n} calls of {@link #alloc} and
     * {@link #map} would leave them: the bulk form of a run of anonymous faults. Returns the first
     * pfn, or -1 (and allocates nothing) while freed frames wait to be reused, since those come
     * first and in no order.
     */
    int allocMappedRun(int n, long initialValue) {
        if (freeTop > 0) {
            return -1;
        }
        int first = next;
        int pfn = first;
        int end = first + n;
        while (pfn < end) {
            int s = pfn >>> SECTION_SHIFT;
            if (s == sections) {
                addSection();
            }
            int i = pfn & SECTION_MASK;
            while (i == mapcount[s].length) {
                growFirstSection();
            }
            int stop = Math.min(end - pfn, mapcount[s].length - i) + i;
            Arrays.fill(mapcount[s], i, stop, 1);
            Arrays.fill(refcount[s], i, stop, 1);
            Arrays.fill(flags[s], i, stop, (byte) 0);
            if (pincount[s] != null) {
                Arrays.fill(pincount[s], i, stop, 0);
            }
            if (initialValue != 0 || value[s] != null) {
                if (value[s] == null) {
                    value[s] = new long[mapcount[s].length];
                }
                Arrays.fill(value[s], i, stop, initialValue);
            }
            pfn += stop - i;
        }
        next = end;
        used += n;
        return first;
    }

    private void addSection() {
        if (sections == mapcount.length) {
            int n = sections * 2;
            mapcount = Arrays.copyOf(mapcount, n);
            refcount = Arrays.copyOf(refcount, n);
            flags = Arrays.copyOf(flags, n);
            value = Arrays.copyOf(value, n);
            pincount = Arrays.copyOf(pincount, n);
        }
        int n = sections == 0 ? FIRST_SECTION_FRAMES : SECTION_FRAMES;
        mapcount[sections] = new int[n];
        refcount[sections] = new int[n];
        flags[sections] = new byte[n];
        sections++;
    }

    /** Only section 0 is ever shorter than {@link #SECTION_FRAMES}. */
    private void growFirstSection() {
        int n = Math.min(SECTION_FRAMES, mapcount[0].length * 2);
        mapcount[0] = Arrays.copyOf(mapcount[0], n);
        refcount[0] = Arrays.copyOf(refcount[0], n);
        flags[0] = Arrays.copyOf(flags[0], n);
        if (value[0] != null) {
            value[0] = Arrays.copyOf(value[0], n);
        }
        if (pincount[0] != null) {
            pincount[0] = Arrays.copyOf(pincount[0], n);
        }
    }

    void release(int pfn) {
        if (pfn == ZERO_PFN) {
            throw new IllegalStateException("the zero page is never freed");
        }
        if (freeTop == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeTop++] = pfn;
        flags[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK] = FREE;
        used--;
    }

    boolean allocated(int pfn) {
        return pfn > 0 && pfn < next && flags[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK] != FREE;
    }

    /** Highest pfn ever handed out plus one; for walks over all frames. */
    int limit() {
        return next;
    }

    int used() {
        return used;
    }

    long value(int pfn) {
        if (pfn == ZERO_PFN) {
            return 0;
        }
        long[] v = value[pfn >>> SECTION_SHIFT];
        return v == null ? 0 : v[pfn & SECTION_MASK];
    }

    void setValue(int pfn, long v) {
        int s = pfn >>> SECTION_SHIFT;
        long[] col = value[s];
        if (col == null) {
            if (v == 0) {
                return;
            }
            col = value[s] = new long[mapcount[s].length];
        }
        col[pfn & SECTION_MASK] = v;
    }

    int mapcount(int pfn) {
        return mapcount[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK];
    }

    int refcount(int pfn) {
        return refcount[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK];
    }

    int pincount(int pfn) {
        int[] p = pincount[pfn >>> SECTION_SHIFT];
        return p == null ? 0 : p[pfn & SECTION_MASK];
    }

    boolean shmem(int pfn) {
        return flags[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK] == SHMEM;
    }

    /** One more mapping of the page: mapcount and reference both +1. */
    void map(int pfn) {
        if (pfn != ZERO_PFN) {
            int s = pfn >>> SECTION_SHIFT;
            int i = pfn & SECTION_MASK;
            mapcount[s][i]++;
            refcount[s][i]++;
        }
    }

    /** One mapping fewer: mapcount and reference both -1; frees the frame on the last reference. */
    void unmap(int pfn) {
        if (pfn != ZERO_PFN) {
            mapcount[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK]--;
            put(pfn);
        }
    }

    void get(int pfn) {
        refcount[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK]++;
    }

    void put(int pfn) {
        if (--refcount[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK] == 0) {
            release(pfn);
        }
    }

    void pin(int pfn) {
        int s = pfn >>> SECTION_SHIFT;
        int i = pfn & SECTION_MASK;
        if (pincount[s] == null) {
            pincount[s] = new int[mapcount[s].length];
        }
        pincount[s][i]++;
        refcount[s][i]++;
    }

    void unpin(int pfn) {
        pincount[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK]--;
        put(pfn);
    }

    /**
     * {@link #map} for the page of every entry of {@code ptes[from..to)} that maps one (the zero
     * page aside): the bulk form the fork loops use.
     *
     * @return how many pages gained a mapping
     */
    int mapEntries(int[] ptes, int from, int to) {
        int pages = 0;
        for (int k = from; k < to; k++) {
            int e = ptes[k];
            int pfn = PageTable.pfn(e);
            if (PageTable.present(e) && pfn != ZERO_PFN) {
                int s = pfn >>> SECTION_SHIFT;
                int i = pfn & SECTION_MASK;
                mapcount[s][i]++;
                refcount[s][i]++;
                pages++;
            }
        }
        return pages;
    }

    /**
     * {@link #unmap} for the page of every entry of {@code ptes[from..to)} that maps one (the
     * zero page aside), freeing those that lose their last reference; the entries are left as
     * they are. The bulk form the zap loops use.
     *
     * @return how many pages lost a mapping
     */
    int unmapEntries(int[] ptes, int from, int to) {
        int pages = 0;
        for (int k = from; k < to; k++) {
            int e = ptes[k];
            int pfn = PageTable.pfn(e);
            if (PageTable.present(e) && pfn != ZERO_PFN) {
                int s = pfn >>> SECTION_SHIFT;
                int i = pfn & SECTION_MASK;
                mapcount[s][i]--;
                if (--refcount[s][i] == 0) {
                    release(pfn);
                }
                pages++;
            }
        }
        return pages;
    }
}
