package dev.cowpte.mm;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * The pages of a page cache object by index (the kernel's {@code address_space->i_pages}), in
 * chunks of 512 indexes: a chunk whose pages were faulted in as a whole block of frames, index k
 * of the chunk frame k of the block, is held in an <em>extent</em> with the chunks around it that
 * follow it (chunk c + 1 the block after chunk c's), so that 300 GiB written at once is one
 * entry; any other chunk holds its pages one by one. A chunk is in one of the two, never both.
 * Pages are added, never taken out one by one: shmem and the page cache keep their pages until
 * the object goes ({@link #clear}).
 */
final class ShmemPages {
    static final int CHUNK_SHIFT = 9;
    static final int CHUNK_PAGES = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_PAGES - 1;

    /** First chunk of an extent, its chunks and the first pfn of its first block. */
    private record Extent(long firstChunk, long chunks, int firstPfn) {
        long endChunk() {
            return firstChunk + chunks;
        }
    }

    private final TreeMap<Long, Extent> extents = new TreeMap<>();
    /** Chunks held page by page: pfn per index, 0 for none (pfn 0 is the zero page, never cached). */
    private final TreeMap<Long, int[]> chunks = new TreeMap<>();

    /** The frame at {@code index}, or null when the object has no page there. */
    Integer get(long index) {
        long chunk = index >>> CHUNK_SHIFT;
        int[] c = chunks.get(chunk);
        if (c != null) {
            int pfn = c[(int) (index & CHUNK_MASK)];
            return pfn == 0 ? null : pfn;
        }
        Extent e = extentOf(chunk);
        return e == null ? null : e.firstPfn + (int) ((chunk - e.firstChunk) << CHUNK_SHIFT) + (int) (index & CHUNK_MASK);
    }

    /** Adds the page {@code pfn} at {@code index}, where the object has none. */
    void put(long index, int pfn) {
        long chunk = index >>> CHUNK_SHIFT;
        if (extentOf(chunk) != null) {
            throw new IllegalStateException("page " + index + " is in the cache already");
        }
        int[] c = chunks.computeIfAbsent(chunk, k -> new int[CHUNK_PAGES]);
        int i = (int) (index & CHUNK_MASK);
        if (c[i] != 0) {
            throw new IllegalStateException("page " + index + " is in the cache already");
        }
        c[i] = pfn;
    }

    /** Whether the object has no page in the chunks {@code [firstChunk, firstChunk + n)}. */
    boolean noneIn(long firstChunk, long n) {
        if (!chunks.subMap(firstChunk, firstChunk + n).isEmpty()) {
            return false;
        }
        Map.Entry<Long, Extent> below = extents.lowerEntry(firstChunk + n);
        return below == null || below.getValue().endChunk() <= firstChunk;
    }

    /**
     * The first pfn of the block behind chunk {@code firstChunk} when the {@code n} chunks from
     * it are whole blocks that follow each other (chunk k the block 512 k frames after the
     * first's), else -1.
     */
    int blocksAt(long firstChunk, long n) {
        Extent e = extentOf(firstChunk);
        if (e == null || e.endChunk() < firstChunk + n) {
            return -1;
        }
        return e.firstPfn + (int) ((firstChunk - e.firstChunk) << CHUNK_SHIFT);
    }

    /**
     * Adds the {@code n} chunks from {@code firstChunk}, where the object has no page, as whole
     * blocks from the one of {@code firstPfn} on, in order.
     */
    void putBlocks(long firstChunk, long n, int firstPfn) {
        if (!noneIn(firstChunk, n)) {
            throw new IllegalStateException("chunks " + firstChunk + "+" + n + " have pages already");
        }
        Map.Entry<Long, Extent> before = extents.lowerEntry(firstChunk);
        Extent made = new Extent(firstChunk, n, firstPfn);
        if (before != null && before.getValue().endChunk() == firstChunk
                && before.getValue().firstPfn + (before.getValue().chunks << CHUNK_SHIFT) == firstPfn) {
            Extent b = before.getValue();
            made = new Extent(b.firstChunk, b.chunks + n, b.firstPfn);
        }
        Extent after = extents.get(firstChunk + n);
        if (after != null && firstPfn + (n << CHUNK_SHIFT) == after.firstPfn) {
            extents.remove(after.firstChunk);
            made = new Extent(made.firstChunk, made.chunks + after.chunks, made.firstPfn);
        }
        extents.put(made.firstChunk, made);
    }

    /** Every page held one by one, then, for each run of whole blocks, its first pfn and number of blocks. */
    void forEach(IntConsumer page, BlocksConsumer blocks) {
        for (int[] c : chunks.values()) {
            for (int pfn : c) {
                if (pfn != 0) {
                    page.accept(pfn);
                }
            }
        }
        for (Extent e : extents.values()) {
            blocks.accept(e.firstPfn, e.chunks);
        }
    }

    /** Every page's pfn, the pages of whole blocks one by one too. */
    void forEachPfn(IntConsumer page) {
        forEach(page, (first, n) -> {
            for (long k = 0; k < (n << CHUNK_SHIFT); k++) {
                page.accept(first + (int) k);
            }
        });
    }

    /** Receives a run of whole blocks: the first pfn and how many blocks follow it. */
    interface BlocksConsumer {
        void accept(int firstPfn, long blocks);
    }

    void clear() {
        extents.clear();
        chunks.clear();
    }

    private Extent extentOf(long chunk) {
        Map.Entry<Long, Extent> e = extents.floorEntry(chunk);
        return e != null && chunk < e.getValue().endChunk() ? e.getValue() : null;
    }
}
