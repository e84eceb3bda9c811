package dev.cowpte.mm;

import java.util.Arrays;

/**
 * Physical page frames, the simulator's {@code mem_map}: for each pfn its value, mapcount,
 * reference count and pin count. Pfn 0 is the shared zero page.
 *
 * <p>Stored column-wise per block of {@value #BLOCK_FRAMES} frames: a frame's own mapcount,
 * refcount and flags (9 bytes), and its value and pin count where a frame of the block has a
 * non-zero one. A block of frames handed out whole by a run of faults ({@link #allocMappedRun})
 * has no columns at all while its frames are alike (each mapped and referenced only through the
 * block's counts below, anonymous, unpinned, holding the block's one value): the columns are
 * made the first time one frame of it changes alone. That is how 1 TiB of touched memory costs
 * a few bytes per block instead of 9 per frame. A machine built with {@code runs} off makes
 * them at once, as the reference the tests compare with.
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
    private static final int BLOCK_SHIFT = 9;
    static final int BLOCK_FRAMES = 1 << BLOCK_SHIFT;
    private static final int BLOCK_MASK = BLOCK_FRAMES - 1;
    private static final byte SHMEM = 1;
    /** A regular file's page in the page cache ({@code MM_FILEPAGES}). */
    private static final byte FILE = 2;
    private static final byte FREE = -1;
    /** The highest pfn handed out, with room for the pfns skipped to align a block. */
    static final long MAX_PFN = Integer.MAX_VALUE - 2L * BLOCK_FRAMES;

    /** Whether blocks handed out whole keep no columns while their frames are alike. */
    private final boolean runs;
    /** Per block ({@link #blockOf}), per frame ({@link #slot}): own counts and flags; null while the block is alike. */
    private int[][] mapcount = new int[16][];
    private int[][] refcount = new int[16][];
    private byte[][] flags = new byte[16][];
    /** Per block, null while every frame of the block has value 0 (or the block's value, while it has no columns). */
    private long[][] value = new long[16][];
    /** Per block, null while no frame of the block is pinned. */
    private int[][] pincount = new int[16][];
    /** Per block without columns: the value of each of its frames. */
    private long[] blockValue = new long[16];
    /** Per block without columns: the flags of each of its frames (anonymous, or shmem). */
    private byte[] blockFlags = new byte[16];
    /** Per block ({@link #blockOf}): mappings and references of every frame in it. */
    private int[] blockMapcount = new int[16];
    private int[] blockRefcount = new int[16];
    /**
     * Per block, at most the smallest own refcount of its allocated frames: when it plus the
     * block's refcount is above 0, dropping the block's references frees none of them, and
     * nothing needs to look at its frames one by one.
     */
    private int[] blockMinRefcount = newMinima(16);
    /** Per block: huge PMD entries that map it; pins on its frames; whether it was allocated as a huge page. */
    private int[] blockPmdMaps = new int[16];
    private int[] blockPins = new int[16];
    private boolean[] thp = new boolean[16];
    /** Blocks that at least one huge PMD maps: the machine's AnonHugePages, in 2 MiB pages. */
    private int pmdMappedBlocks;
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
        this(true);
    }

    FrameTable(boolean runs) {
        this.runs = runs;
        columns(0);
    }

    /** The index of {@code pfn} in its block's columns (pfn 0, alone in block 0, has the last). */
    private static int slot(int pfn) {
        return (pfn - 1) & BLOCK_MASK;
    }

    /** Makes room for block {@code b} in the per-block arrays. */
    private void ensureBlock(int b) {
        if (b < blockMapcount.length) {
            return;
        }
        int old = blockMapcount.length;
        int n = Math.max(b + 1, old * 2);
        mapcount = Arrays.copyOf(mapcount, n);
        refcount = Arrays.copyOf(refcount, n);
        flags = Arrays.copyOf(flags, n);
        value = Arrays.copyOf(value, n);
        pincount = Arrays.copyOf(pincount, n);
        blockValue = Arrays.copyOf(blockValue, n);
        blockFlags = Arrays.copyOf(blockFlags, n);
        blockMapcount = Arrays.copyOf(blockMapcount, n);
        blockRefcount = Arrays.copyOf(blockRefcount, n);
        blockMinRefcount = Arrays.copyOf(blockMinRefcount, n);
        Arrays.fill(blockMinRefcount, old, n, Integer.MAX_VALUE);
        blockPmdMaps = Arrays.copyOf(blockPmdMaps, n);
        blockPins = Arrays.copyOf(blockPins, n);
        thp = Arrays.copyOf(thp, n);
    }

    /**
     * Block {@code b} with columns: those of a block without them say what it held (own counts
     * 0, anonymous, unpinned, the block's value in every frame; a block past {@link #next}
     * holds nothing yet). Returns {@code b}.
     */
    private int columns(int b) {
        ensureBlock(b);
        if (mapcount[b] == null) {
            mapcount[b] = new int[BLOCK_FRAMES];
            refcount[b] = new int[BLOCK_FRAMES];
            flags[b] = new byte[BLOCK_FRAMES];
            if (blockFlags[b] != 0) {
                Arrays.fill(flags[b], blockFlags[b]);
                blockFlags[b] = 0;
            }
            if (blockValue[b] != 0) {
                value[b] = new long[BLOCK_FRAMES];
                Arrays.fill(value[b], blockValue[b]);
                blockValue[b] = 0;
            }
        }
        return b;
    }

    /** Whether block {@code b} has columns; when not, every frame of it is as {@link #columns} says. */
    private boolean hasColumns(int b) {
        return b < mapcount.length && mapcount[b] != null;
    }

    int alloc(long initialValue, boolean shmem) {
        int pfn;
        if (freeTop > 0) {
            pfn = takeFreed();
        } else {
            pfn = next++;
        }
        int b = columns(blockOf(pfn));
        int i = slot(pfn);
        // a frame of a huge page reused alone: that page was split (the kernel's deferred split)
        thp[b] = false;
        // a reused frame may lie in a block others still map: its own counts cancel the block's
        mapcount[b][i] = -blockMapcount[b];
        refcount[b][i] = -blockRefcount[b];
        lowerMin(b, refcount[b][i]);
        flags[b][i] = shmem ? SHMEM : 0;
        if (pincount[b] != null) {
            pincount[b][i] = 0;
        }
        setValue(pfn, initialValue);
        used++;
        return pfn;
    }

    /** Marks the pfns from {@link #next} up to the start of the next block as never to be handed out. */
    private void skipToBlock() {
        if (!startsBlock(next)) {
            int aligned = ((next - 1) | BLOCK_MASK) + 2;
            int b = columns(blockOf(next));
            Arrays.fill(flags[b], slot(next), BLOCK_FRAMES, FREE);
            next = aligned;
        }
    }

    /**
     * {@code n} new anonymous frames with consecutive pfns, each holding {@code initialValue}
     * and mapped once (mapcount and refcount 1), as {@code n} calls of {@link #alloc} and
     * {@link #map} would leave them: the bulk form of a run of anonymous faults. A run of
     * {@value #BLOCK_FRAMES} starts a block, mapped and referenced once through the block's
     * counts. Returns the first pfn, or -1 (and allocates nothing) while freed frames wait to
     * be reused, since those come first and in no order.
     */
    int allocMappedRun(int n, long initialValue) {
        if (freeTop > 0) {
            return -1;
        }
        if (n == BLOCK_FRAMES) {
            return allocBlock(initialValue, (byte) 0, 1);
        }
        int first = next;
        int end = first + n;
        for (int pfn = first; pfn < end; pfn++) {
            int b = columns(blockOf(pfn));
            int k = slot(pfn);
            mapcount[b][k] = 1 - blockMapcount[b];
            refcount[b][k] = 1 - blockRefcount[b];
            lowerMin(b, refcount[b][k]);
            flags[b][k] = 0;
            if (pincount[b] != null) {
                pincount[b][k] = 0;
            }
            if (initialValue != 0 || value[b] != null) {
                if (value[b] == null) {
                    value[b] = new long[BLOCK_FRAMES];
                }
                value[b][k] = initialValue;
            }
        }
        next = end;
        used += n;
        return first;
    }

    /**
     * A block of new shmem frames, each holding {@code initialValue}, in the page cache (one
     * reference) and mapped once: what {@value #BLOCK_FRAMES} shmem write faults leave
     * ({@code shmem_fault} allocates and adds to the cache, the fault maps it). Returns the
     * first pfn, or -1 (and allocates nothing) while freed frames wait to be reused.
     */
    int allocShmemBlock(long initialValue) {
        return freeTop > 0 ? -1 : allocBlock(initialValue, SHMEM, 2);
    }

    /** A fresh block whose frames are alike: flags, one mapping, {@code refs} references, the value. */
    private int allocBlock(long initialValue, byte flag, int refs) {
        skipToBlock();
        int first = next;
        int b = blockOf(first);
        ensureBlock(b);
        blockMapcount[b] = 1;
        blockRefcount[b] = refs;
        blockMinRefcount[b] = 0;
        blockPins[b] = 0;
        thp[b] = false;
        blockValue[b] = initialValue;
        blockFlags[b] = flag;
        if (!runs) {
            columns(b);
        }
        next = first + BLOCK_FRAMES;
        used += BLOCK_FRAMES;
        return first;
    }

    /** Told of the frames freed, a range at a time: the large folios' registry forgets them ({@link LargeFolios#released}). */
    interface ReleaseListener {
        void released(int first, int n);
    }

    ReleaseListener onRelease;

    void release(int pfn) {
        if (pfn == ZERO_PFN) {
            throw new IllegalStateException("the zero page is never freed");
        }
        if (onRelease != null) {
            onRelease.released(pfn, 1);
        }
        pushFree(pfn, 1);
        flags[columns(blockOf(pfn))][slot(pfn)] = FREE;
        used--;
    }

    /** Every frame of block {@code b}, which has no columns, freed at once: one run of free frames. */
    private void releaseBlock(int b) {
        int first = firstOf(b);
        if (onRelease != null) {
            onRelease.released(first, BLOCK_FRAMES);
        }
        pushFree(first, BLOCK_FRAMES);
        blockFlags[b] = FREE;
        blockValue[b] = 0;
        blockMinRefcount[b] = Integer.MAX_VALUE;
        used -= BLOCK_FRAMES;
    }

    /** The {@code n} frames from {@code first} join the free runs: the top run grows when they follow it. */
    private void pushFree(int first, int n) {
        int top = 2 * (freeTop - 1);
        if (freeTop > 0 && freeRuns[top] + freeRuns[top + 1] == first) {
            freeRuns[top + 1] += n;
            return;
        }
        if (2 * freeTop == freeRuns.length) {
            freeRuns = Arrays.copyOf(freeRuns, freeRuns.length * 2);
        }
        freeRuns[2 * freeTop] = first;
        freeRuns[2 * freeTop + 1] = n;
        freeTop++;
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

    /** Whether freed frames wait to be reused (so that no run of fresh ones is handed out). */
    boolean hasFreed() {
        return freeTop > 0;
    }

    boolean allocated(int pfn) {
        if (pfn <= 0 || pfn >= next) {
            return false;
        }
        return flags(pfn) != FREE;
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
        int b = blockOf(pfn);
        if (!hasColumns(b)) {
            return b < blockValue.length ? blockValue[b] : 0;
        }
        long[] v = value[b];
        return v == null ? 0 : v[slot(pfn)];
    }

    void setValue(int pfn, long v) {
        int b = blockOf(pfn);
        if (!hasColumns(b)) {
            if (v == value(pfn)) {
                return;
            }
            columns(b);
        }
        long[] col = value[b];
        if (col == null) {
            if (v == 0) {
                return;
            }
            col = value[b] = new long[BLOCK_FRAMES];
        }
        col[slot(pfn)] = v;
    }

    int mapcount(int pfn) {
        int b = blockOf(pfn);
        return (hasColumns(b) ? mapcount[b][slot(pfn)] : 0) + blockMapcount[b];
    }

    int refcount(int pfn) {
        int b = blockOf(pfn);
        return (hasColumns(b) ? refcount[b][slot(pfn)] : 0) + blockRefcount[b];
    }

    int pincount(int pfn) {
        int b = blockOf(pfn);
        int[] p = b < pincount.length ? pincount[b] : null;
        return p == null ? 0 : p[slot(pfn)];
    }

    boolean shmem(int pfn) {
        return flags(pfn) == SHMEM;
    }

    /** A page of a regular file's page cache (not anonymous, not shmem). */
    boolean file(int pfn) {
        return flags(pfn) == FILE;
    }

    /** A page cache page, of shmem or of a file: never anonymous. */
    boolean pageCache(int pfn) {
        byte f = flags(pfn);
        return f == SHMEM || f == FILE;
    }

    private byte flags(int pfn) {
        int b = blockOf(pfn);
        if (hasColumns(b)) {
            return flags[b][slot(pfn)];
        }
        return b < blockFlags.length ? blockFlags[b] : 0;
    }

    /** A frame {@link #alloc}ated for a file's page cache. */
    void markFile(int pfn) {
        flags[columns(blockOf(pfn))][slot(pfn)] = FILE;
    }

    /** One more mapping of the page: mapcount and reference both +1. */
    void map(int pfn) {
        if (pfn != ZERO_PFN) {
            int b = columns(blockOf(pfn));
            int i = slot(pfn);
            mapcount[b][i]++;
            refcount[b][i]++;
        }
    }

    /** One mapping fewer: mapcount and reference both -1; frees the frame on the last reference. */
    void unmap(int pfn) {
        if (pfn != ZERO_PFN) {
            mapcount[columns(blockOf(pfn))][slot(pfn)]--;
            put(pfn);
        }
    }

    void get(int pfn) {
        refcount[columns(blockOf(pfn))][slot(pfn)]++;
    }

    void put(int pfn) {
        int b = columns(blockOf(pfn));
        int own = --refcount[b][slot(pfn)];
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
        int b = columns(blockOf(pfn));
        int i = slot(pfn);
        if (pincount[b] == null) {
            pincount[b] = new int[BLOCK_FRAMES];
        }
        pincount[b][i]++;
        refcount[b][i]++;
        blockPins[b]++;
    }

    void unpin(int pfn) {
        pincount[blockOf(pfn)][slot(pfn)]--;
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
        skipToBlock();
        int first = next;
        int b = columns(blockOf(first));
        Arrays.fill(mapcount[b], 0);
        Arrays.fill(refcount[b], 0);
        Arrays.fill(flags[b], (byte) 0);
        if (pincount[b] != null) {
            Arrays.fill(pincount[b], 0);
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

    /**
     * {@link #mapTable} for each of {@code tables} PTE tables that map the blocks from the one
     * of {@code firstPfn} on, whole and in order: one update per block.
     *
     * @return how many pages gained a mapping
     */
    int mapBlocks(int firstPfn, int tables) {
        int b = blockOf(firstPfn);
        for (int k = b; k < b + tables; k++) {
            blockMapcount[k]++;
            blockRefcount[k]++;
        }
        return tables * BLOCK_FRAMES;
    }

    /**
     * {@link #put} of every frame of the {@code blocks} blocks from the one of {@code firstPfn}
     * on: one update per block (a page cache object that goes drops its reference on each page).
     */
    void putBlocks(int firstPfn, long blocks) {
        int b = blockOf(firstPfn);
        for (long k = 0; k < blocks; k++) {
            putBlock(b + (int) k);
        }
    }

    /**
     * {@link #unmapTable} for each of {@code tables} PTE tables that map the blocks from the one of
     * {@code firstPfn} on, whole and in order: one update per block; frames at no reference are freed.
     */
    void unmapBlocks(int firstPfn, int tables) {
        int b = blockOf(firstPfn);
        for (int k = b; k < b + tables; k++) {
            unmapBlock(k);
        }
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
        putBlock(block);
    }

    /** Every frame of the block loses one reference; those at none are freed. */
    private void putBlock(int block) {
        int left = --blockRefcount[block];
        if (blockMinRefcount[block] + left > 0) {
            return;
        }
        if (left == 0 && !hasColumns(block)) {
            // a block whose frames are alike loses its last reference: all of it is freed at once
            releaseBlock(block);
            return;
        }
        // some frame may have lost its last reference: free those, and tighten the minimum
        columns(block);
        int first = firstOf(block);
        int min = Integer.MAX_VALUE;
        for (int pfn = first; pfn < first + BLOCK_FRAMES; pfn++) {
            int r = refcount[block][slot(pfn)];
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

    /** The block of {@code pfn}, for the page tables that map blocks whole. */
    static int blockOfPfn(int pfn) {
        return blockOf(pfn);
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

}
