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
 *
 * <p>Blocks: the {@value #BLOCK_FRAMES} frames of a block also share a mapcount and a
 * refcount that count for each of them, so a PTE table that maps a whole block in order (what
 * a run of faults over a whole table leaves, and every copy or share of that table) gains or
 * drops its mappings with one update instead of 512. A frame's counts are its own plus its
 * block's: an own count alone means nothing and may be negative (a frame reused inside a block
 * others map starts at minus the block's), so the columns are read only through
 * {@link #mapcount} and {@link #refcount}. Block b holds pfns 512(b-1)+1 to 512b, so that the
 * frames of a machine's first whole-table run are pfns 1 to 512; block 0 holds the zero page
 * alone and is never mapped whole. Runs of faults over a whole table get a block of fresh
 * pfns; the pfns skipped to reach one are never handed out.
 *
 * <p>A transparent huge page (a PMD-sized folio) is a block too: a huge PMD entry maps it with
 * one update of the block's counts, and a split turns that into the 512 PTEs of a table that
 * maps the block whole, which the same counts describe. Per block the table also keeps how many
 * huge PMDs map it ({@code AnonHugePages}), whether it is a huge page, and its pins (the
 * kernel's {@code folio_maybe_dma_pinned} asks about the whole folio).
 */
final class FrameTable {
    static final int ZERO_PFN = 0;
    private static final int SECTION_SHIFT = 16;
    static final int SECTION_FRAMES = 1 << SECTION_SHIFT;
    private static final int SECTION_MASK = SECTION_FRAMES - 1;
    private static final int BLOCK_SHIFT = 9;
    static final int BLOCK_FRAMES = 1 << BLOCK_SHIFT;
    private static final int BLOCK_MASK = BLOCK_FRAMES - 1;
    private static final byte SHMEM = 1;
    /** A regular file's page in the page cache ({@code MM_FILEPAGES}). */
    private static final byte FILE = 2;
    private static final byte FREE = -1;
    private static final int FIRST_SECTION_FRAMES = 1024;
    /** The highest pfn handed out, with room for the pfns skipped to align a block. */
    static final long MAX_PFN = Integer.MAX_VALUE - 2L * BLOCK_FRAMES;

    private int[][] mapcount = new int[4][];
    private int[][] refcount = new int[4][];
    private byte[][] flags = new byte[4][];
    /** Per section, null while every frame of the section has value 0. */
    private long[][] value = new long[4][];
    /** Per section, null while no frame of the section is pinned. */
    private int[][] pincount = new int[4][];
    /** Per block ({@link #blockOf}): mappings and references of every frame in it. */
    private int[] blockMapcount = new int[blocksFor(1)];
    private int[] blockRefcount = new int[blocksFor(1)];
    /**
     * Per block, at most the smallest own refcount of its allocated frames: when it plus the
     * block's refcount is above 0, dropping the block's references frees none of them, and
     * nothing needs to look at its frames one by one.
     */
    private int[] blockMinRefcount = newMinima(blocksFor(1));
    /** Per block: huge PMD entries that map it; pins on its frames; whether it was allocated as a huge page. */
    private int[] blockPmdMaps = new int[blocksFor(1)];
    private int[] blockPins = new int[blocksFor(1)];
    private boolean[] thp = new boolean[blocksFor(1)];
    /** Blocks that at least one huge PMD maps: the machine's AnonHugePages, in 2 MiB pages. */
    private int pmdMappedBlocks;
    private int sections;
    /**
     * Freed frames, reused last freed first: runs of consecutive pfns, each as (first, count),
     * a frame freed just above the top run extending it. Frames freed a block at a time take
     * one run per block, not one entry per frame.
     */
    private int[] freeRuns = new int[64];
    /** Number of runs in {@link #freeRuns}. */
    private int freeTop;
    private int next = 1;
    private int used;

    FrameTable() {
        addSection();
    }

    int alloc(long initialValue, boolean shmem) {
        int pfn;
        if (freeTop > 0) {
            pfn = takeFreed();
        } else {
            pfn = next++;
            ensureFrame(pfn);
        }
        int s = pfn >>> SECTION_SHIFT;
        int i = pfn & SECTION_MASK;
        int b = blockOf(pfn);
        // a frame of a huge page reused alone: that page was split (the kernel's deferred split)
        thp[b] = false;
        // a reused frame may lie in a block others still map: its own counts cancel the block's
        mapcount[s][i] = -blockMapcount[b];
        refcount[s][i] = -blockRefcount[b];
        lowerMin(b, refcount[s][i]);
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
     * {@link #map} would leave them: the bulk form of a run of anonymous faults. A run of
     * {@value #BLOCK_FRAMES} starts a block. Returns the first pfn, or -1 (and allocates
     * nothing) while freed frames wait to be reused, since those come first and in no order.
     */
    int allocMappedRun(int n, long initialValue) {
        if (freeTop > 0) {
            return -1;
        }
        if (n == BLOCK_FRAMES && !startsBlock(next)) {
            int aligned = ((next - 1) | BLOCK_MASK) + 2;
            for (int hole = next; hole < aligned; hole++) {
                ensureFrame(hole);
                flags[hole >>> SECTION_SHIFT][hole & SECTION_MASK] = FREE;
            }
            next = aligned;
        }
        int first = next;
        int end = first + n;
        int pfn = first;
        while (pfn < end) {
            ensureFrame(pfn);
            int s = pfn >>> SECTION_SHIFT;
            int i = pfn & SECTION_MASK;
            // up to the end of the run, the section, or what section 0 holds so far
            int stop = Math.min(end - pfn, mapcount[s].length - i) + i;
            for (int k = i; k < stop; k++) {
                int b = blockOf(pfn + k - i);
                mapcount[s][k] = 1 - blockMapcount[b];
                refcount[s][k] = 1 - blockRefcount[b];
                lowerMin(b, refcount[s][k]);
            }
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

    /** Makes room for {@code pfn}, the next fresh one or below. */
    private void ensureFrame(int pfn) {
        int s = pfn >>> SECTION_SHIFT;
        if (s == sections) {
            addSection();
        }
        while ((pfn & SECTION_MASK) >= mapcount[s].length) {
            growFirstSection();
        }
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
        int blocks = blocksFor(sections + 1);
        if (blocks > blockMapcount.length) {
            int old = blockMapcount.length;
            blockMapcount = Arrays.copyOf(blockMapcount, Math.max(blocks, old * 2));
            blockRefcount = Arrays.copyOf(blockRefcount, blockMapcount.length);
            blockMinRefcount = Arrays.copyOf(blockMinRefcount, blockMapcount.length);
            Arrays.fill(blockMinRefcount, old, blockMinRefcount.length, Integer.MAX_VALUE);
            blockPmdMaps = Arrays.copyOf(blockPmdMaps, blockMapcount.length);
            blockPins = Arrays.copyOf(blockPins, blockMapcount.length);
            thp = Arrays.copyOf(thp, blockMapcount.length);
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

    /** Told of every frame freed: the large folios' registry forgets it ({@link LargeFolios#released}). */
    java.util.function.IntConsumer onRelease;

    void release(int pfn) {
        if (pfn == ZERO_PFN) {
            throw new IllegalStateException("the zero page is never freed");
        }
        if (onRelease != null) {
            onRelease.accept(pfn);
        }
        int top = 2 * (freeTop - 1);
        if (freeTop > 0 && freeRuns[top] + freeRuns[top + 1] == pfn) {
            freeRuns[top + 1]++;
        } else {
            if (2 * freeTop == freeRuns.length) {
                freeRuns = Arrays.copyOf(freeRuns, freeRuns.length * 2);
            }
            freeRuns[2 * freeTop] = pfn;
            freeRuns[2 * freeTop + 1] = 1;
            freeTop++;
        }
        flags[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK] = FREE;
        used--;
    }

    /** The frame freed last. */
    private int takeFreed() {
        int top = 2 * (freeTop - 1);
        int pfn = freeRuns[top] + --freeRuns[top + 1];
        if (freeRuns[top + 1] == 0) {
            freeTop--;
        }
        return pfn;
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
        return mapcount[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK] + blockMapcount[blockOf(pfn)];
    }

    int refcount(int pfn) {
        return refcount[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK] + blockRefcount[blockOf(pfn)];
    }

    int pincount(int pfn) {
        int[] p = pincount[pfn >>> SECTION_SHIFT];
        return p == null ? 0 : p[pfn & SECTION_MASK];
    }

    boolean shmem(int pfn) {
        return flags[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK] == SHMEM;
    }

    /** A page of a regular file's page cache (not anonymous, not shmem). */
    boolean file(int pfn) {
        return flags[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK] == FILE;
    }

    /** A page cache page, of shmem or of a file: never anonymous. */
    boolean pageCache(int pfn) {
        byte f = flags[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK];
        return f == SHMEM || f == FILE;
    }

    /** A frame {@link #alloc}ated for a file's page cache. */
    void markFile(int pfn) {
        flags[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK] = FILE;
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
        int own = --refcount[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK];
        int b = blockOf(pfn);
        lowerMin(b, own);
        if (own + blockRefcount[b] == 0) {
            release(pfn);
        }
    }

    private void lowerMin(int block, int own) {
        if (own < blockMinRefcount[block]) {
            blockMinRefcount[block] = own;
        }
    }

    private static int[] newMinima(int blocks) {
        int[] a = new int[blocks];
        Arrays.fill(a, Integer.MAX_VALUE);
        return a;
    }

    void pin(int pfn) {
        int s = pfn >>> SECTION_SHIFT;
        int i = pfn & SECTION_MASK;
        if (pincount[s] == null) {
            pincount[s] = new int[mapcount[s].length];
        }
        pincount[s][i]++;
        refcount[s][i]++;
        blockPins[blockOf(pfn)]++;
    }

    void unpin(int pfn) {
        pincount[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK]--;
        blockPins[blockOf(pfn)]--;
        put(pfn);
    }

    /**
     * Whether the folio of {@code pfn} may be pinned ({@code folio_maybe_dma_pinned}): a pin on
     * any of a huge page's 512 frames counts for all of them, as long as it is a huge page.
     */
    boolean maybePinned(int pfn) {
        int b = blockOf(pfn);
        return pfn != ZERO_PFN && (thp[b] ? blockPins[b] > 0 : pincount(pfn) > 0);
    }

    /**
     * A new huge page: a block of fresh pfns (a 2 MiB page comes from the buddy allocator, never
     * from freed 4 KiB frames), every frame holding {@code initialValue}, mapped once by one
     * huge PMD (the block's mapcount and refcount 1). Returns the first pfn.
     */
    int allocHugePage(long initialValue) {
        if (!startsBlock(next)) {
            int aligned = ((next - 1) | BLOCK_MASK) + 2;
            for (int hole = next; hole < aligned; hole++) {
                ensureFrame(hole);
                flags[hole >>> SECTION_SHIFT][hole & SECTION_MASK] = FREE;
            }
            next = aligned;
        }
        int first = next;
        int b = blockOf(first);
        for (int pfn = first; pfn < first + BLOCK_FRAMES; pfn++) {
            ensureFrame(pfn);
            int s = pfn >>> SECTION_SHIFT;
            int i = pfn & SECTION_MASK;
            mapcount[s][i] = 0;
            refcount[s][i] = 0;
            flags[s][i] = 0;
            if (pincount[s] != null) {
                pincount[s][i] = 0;
            }
        }
        next = first + BLOCK_FRAMES;
        used += BLOCK_FRAMES;
        blockMapcount[b] = 1;
        blockRefcount[b] = 1;
        blockMinRefcount[b] = 0;
        blockPins[b] = 0;
        thp[b] = true;
        blockPmdMaps[b] = 1;
        pmdMappedBlocks++;
        if (initialValue != 0) {
            for (int pfn = first; pfn < first + BLOCK_FRAMES; pfn++) {
                setValue(pfn, initialValue);
            }
        }
        return first;
    }

    /** One more huge PMD maps the huge page at {@code first}: the block's mapcount and refcount +1. */
    void mapHuge(int first) {
        int b = blockOf(first);
        blockMapcount[b]++;
        blockRefcount[b]++;
        pmdMapped(b, 1);
    }

    /** One huge PMD fewer maps the huge page at {@code first}; frames that lose their last reference are freed. */
    void unmapHuge(int first) {
        int b = blockOf(first);
        pmdMapped(b, -1);
        unmapBlock(b);
    }

    /**
     * A huge PMD that mapped the page at {@code first} became 512 PTEs mapping its frames in
     * order (a split): the counts stay, the page is no longer PMD-mapped there.
     */
    void hugeSplit(int first) {
        pmdMapped(blockOf(first), -1);
    }

    private void pmdMapped(int b, int delta) {
        int before = blockPmdMaps[b];
        blockPmdMaps[b] += delta;
        if (before == 0 && delta > 0) {
            pmdMappedBlocks++;
        } else if (before > 0 && blockPmdMaps[b] == 0) {
            pmdMappedBlocks--;
        }
    }

    /** How many huge PMD entries map the huge page holding {@code pfn}. */
    int pmdMapcount(int pfn) {
        return pfn == ZERO_PFN ? 0 : blockPmdMaps[blockOf(pfn)];
    }

    /** Huge pages that at least one huge PMD maps (the machine's {@code AnonHugePages} / 2 MiB). */
    int pmdMappedHugePages() {
        return pmdMappedBlocks;
    }

    /** Whether {@code pfn} belongs to a page allocated as a 2 MiB page and not split since. */
    boolean hugePage(int pfn) {
        return pfn != ZERO_PFN && thp[blockOf(pfn)];
    }

    /**
     * Whether the huge page at {@code first} has one reference in all, on every frame: the
     * kernel's {@code folio_ref_count(folio) == 1} (one mapping, no pin, nothing else).
     */
    boolean hugeExclusive(int first) {
        for (int pfn = first; pfn < first + BLOCK_FRAMES; pfn++) {
            if (refcount(pfn) != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #map} for the page of every entry {@code from..to-1} of a PTE table that maps one (the zero
     * page aside): the bulk form the fork loops use.
     *
     * @return how many pages gained a mapping
     */
    int mapEntries(PageTable pte, int from, int to) {
        return eachMappedPage(pte, from, to, true);
    }

    /**
     * {@link #unmap} for the page of every entry {@code from..to-1} of a PTE table that maps one (the
     * zero page aside), freeing those that lose their last reference; the entries are left as
     * they are. The bulk form the zap loops use.
     *
     * @return how many pages lost a mapping
     */
    int unmapEntries(PageTable pte, int from, int to) {
        return eachMappedPage(pte, from, to, false);
    }

    private int eachMappedPage(PageTable pte, int from, int to, boolean map) {
        int pages = 0;
        for (int k = from; k < to; k++) {
            int e = pte.pte(k);
            int pfn = PageTable.pfn(e);
            if (PageTable.present(e) && pfn != ZERO_PFN) {
                if (map) {
                    map(pfn);
                } else {
                    unmap(pfn);
                }
                pages++;
            }
        }
        return pages;
    }

    /** {@link #mapEntries} over the whole of a PTE table: one update when it maps a whole block. */
    int mapTable(PageTable pte) {
        int block = pte.wholeBlock();
        if (block < 0) {
            return mapEntries(pte, 0, BLOCK_FRAMES);
        }
        blockMapcount[block]++;
        blockRefcount[block]++;
        return BLOCK_FRAMES;
    }

    /** {@link #unmapEntries} over the whole of a PTE table: one update when it maps a whole block. */
    int unmapTable(PageTable pte) {
        int block = pte.wholeBlock();
        if (block < 0) {
            return unmapEntries(pte, 0, BLOCK_FRAMES);
        }
        unmapBlock(block);
        return BLOCK_FRAMES;
    }

    /** Every frame of the block loses one mapping and one reference; those at none are freed. */
    private void unmapBlock(int block) {
        blockMapcount[block]--;
        int left = --blockRefcount[block];
        if (blockMinRefcount[block] + left > 0) {
            return;
        }
        // some frame may have lost its last reference: free those, and tighten the minimum
        int first = firstOf(block);
        int min = Integer.MAX_VALUE;
        for (int pfn = first; pfn < first + BLOCK_FRAMES; pfn++) {
            int r = refcount[pfn >>> SECTION_SHIFT][pfn & SECTION_MASK];
            if (r + left == 0) {
                release(pfn);
            } else if (r < min) {
                min = r;
            }
        }
        blockMinRefcount[block] = min;
    }

    /**
     * The block that {@code ptes} maps whole and in order (entry k the block's frame k, present,
     * writable or not), or {@link PageTable#NOT_A_BLOCK}.
     */
    static int wholeBlock(int[] ptes) {
        if (ptes.length != BLOCK_FRAMES) {
            return PageTable.NOT_A_BLOCK;
        }
        int e0 = ptes[0] | PageTable.WRITE;
        int pfn0 = PageTable.pfn(e0);
        if (!PageTable.present(e0) || pfn0 == ZERO_PFN || !startsBlock(pfn0)) {
            return PageTable.NOT_A_BLOCK;
        }
        // entry k is entry 0 plus k pages, write bit aside
        int mismatch = 0;
        for (int k = 1; k < BLOCK_FRAMES; k++) {
            mismatch |= (ptes[k] | PageTable.WRITE) ^ (e0 + (k << 2));
        }
        return mismatch == 0 ? blockOf(pfn0) : PageTable.NOT_A_BLOCK;
    }

    /** The block of {@code pfn}: 0 for the zero page, b for pfns 512(b-1)+1 to 512b. */
    private static int blockOf(int pfn) {
        return (pfn + BLOCK_MASK) >>> BLOCK_SHIFT;
    }

    private static int firstOf(int block) {
        return (block << BLOCK_SHIFT) - BLOCK_MASK;
    }

    private static boolean startsBlock(int pfn) {
        return (pfn & BLOCK_MASK) == 1;
    }

    /** How many blocks the pfns of {@code sections} sections reach. */
    private static int blocksFor(int sections) {
        return blockOf((sections << SECTION_SHIFT) - 1) + 1;
    }
}
