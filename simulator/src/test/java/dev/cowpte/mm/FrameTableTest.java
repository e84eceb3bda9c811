package dev.cowpte.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The frame table's blocks and bulk operations give what frame-by-frame calls give. */
class FrameTableTest {
    private static final int FRAMES = 3 * 65536 + 7;

    @Test
    void framesPastManyBlocksKeepTheirCountsAndValues() {
        FrameTable f = new FrameTable();
        for (int k = 1; k <= FRAMES; k++) {
            int pfn = f.alloc(k % 3 == 0 ? k : 0, k % 5 == 0);
            assertEquals(k, pfn);
            f.map(pfn);
        }
        f.pin(FRAMES);
        for (int pfn = 1; pfn <= FRAMES; pfn++) {
            assertEquals(pfn % 3 == 0 ? pfn : 0, f.value(pfn), "value of pfn " + pfn);
            assertEquals(1, f.mapcount(pfn));
            assertEquals(pfn == FRAMES ? 2 : 1, f.refcount(pfn));
            assertEquals(pfn == FRAMES ? 1 : 0, f.pincount(pfn));
            assertEquals(pfn % 5 == 0, f.shmem(pfn));
        }
        assertEquals(FRAMES, f.used());
    }

    @Test
    void aMappedRunIsWhatAllocAndMapGiveFrameByFrame() {
        FrameTable bulk = new FrameTable();
        FrameTable single = new FrameTable();
        int first = bulk.allocMappedRun(FRAMES, 42);
        assertEquals(1, first);
        for (int k = 0; k < FRAMES; k++) {
            single.map(single.alloc(42, false));
        }
        for (int pfn = 1; pfn <= FRAMES; pfn++) {
            assertEquals(single.value(pfn), bulk.value(pfn));
            assertEquals(single.mapcount(pfn), bulk.mapcount(pfn));
            assertEquals(single.refcount(pfn), bulk.refcount(pfn));
            assertEquals(single.shmem(pfn), bulk.shmem(pfn));
        }
        assertEquals(single.used(), bulk.used());
        assertEquals(single.limit(), bulk.limit());
    }

    @Test
    void freedFramesAreReusedBeforeARunIsHandedOut() {
        FrameTable f = new FrameTable();
        int a = f.alloc(7, false);
        f.map(a);
        f.unmap(a);
        assertFalse(f.allocated(a));
        assertEquals(-1, f.allocMappedRun(4, 0));
        int again = f.alloc(0, false);
        assertEquals(a, again);
        assertEquals(0, f.value(again), "a reused frame starts zeroed");
        assertTrue(f.allocMappedRun(4, 0) > again);
    }

    @Test
    void bulkMapAndUnmapCountPagesAndSkipTheZeroPage() {
        FrameTable f = new FrameTable();
        int first = f.allocMappedRun(3, 0);
        PageTable table = new PageTable(Level.PTE, 1, 0);
        int[] entries = {PageTable.mkpte(first, true), 0, PageTable.mkpte(FrameTable.ZERO_PFN, false),
            PageTable.mkpte(first + 1, false), PageTable.mkpte(first + 2, false)};
        System.arraycopy(entries, 0, table.ptesForWrite(), 0, entries.length);
        assertEquals(3, f.mapEntries(table, 0, entries.length));
        assertEquals(2, f.mapcount(first));
        assertEquals(2, f.unmapEntries(table, 0, 4));
        assertEquals(1, f.refcount(first));
        assertEquals(1, f.refcount(first + 1));
        assertEquals(2, f.refcount(first + 2));
        f.unmapEntries(table, 0, entries.length);
        assertFalse(f.allocated(first), "the last reference frees the frame");
        assertTrue(f.allocated(first + 2));
    }

    @Test
    void aTableThatMapsAWholeBlockCountsForEachOfItsFrames() {
        FrameTable f = new FrameTable();
        assertEquals(1, f.allocMappedRun(FrameTable.BLOCK_FRAMES, 0), "the first run is pfns 1 to 512");
        f.alloc(0, false);
        int first = f.allocMappedRun(FrameTable.BLOCK_FRAMES, 0);
        assertEquals(1, first % FrameTable.BLOCK_FRAMES, "a whole-table run starts a block");
        assertFalse(f.allocated(first - 1), "the pfns skipped to reach it are not frames");
        PageTable table = new PageTable(Level.PTE, 1, 0);
        int[] ptes = table.ptesForWrite();
        for (int k = 0; k < ptes.length; k++) {
            ptes[k] = PageTable.mkpte(first + k, k % 2 == 0);
        }
        assertTrue(table.wholeBlock() > 0);
        assertEquals(FrameTable.BLOCK_FRAMES, f.mapTable(table));
        assertEquals(2, f.mapcount(first + 7));
        assertEquals(2, f.refcount(first + 511));
        f.unmap(first + 7);
        f.pin(first + 8);
        assertEquals(1, f.mapcount(first + 7));
        assertEquals(3, f.refcount(first + 8));
        // the first mapping goes whole: frame 7 had no other, so it is freed; the rest stay
        f.unmapTable(table);
        assertFalse(f.allocated(first + 7));
        assertEquals(1, f.refcount(first + 6));
        assertEquals(2, f.refcount(first + 8));
        assertEquals(2 * FrameTable.BLOCK_FRAMES, f.used());
        int reused = f.alloc(5, false);
        assertEquals(first + 7, reused);
        assertEquals(0, f.mapcount(reused), "a reused frame in a mapped block starts unmapped");
        assertEquals(0, f.refcount(reused));
        f.map(reused);
        assertEquals(1, f.refcount(reused));
        f.unmap(reused);
        assertFalse(f.allocated(reused), "and is freed by its own last unmap");
    }

    @Test
    void aTableMissingOneEntryOfItsBlockIsNoBlock() {
        FrameTable f = new FrameTable();
        int first = f.allocMappedRun(FrameTable.BLOCK_FRAMES, 0);
        PageTable table = new PageTable(Level.PTE, 1, 0);
        int[] ptes = table.ptesForWrite();
        for (int k = 0; k < ptes.length; k++) {
            ptes[k] = PageTable.mkpte(first + k, true);
        }
        table.setPte(100, 0);
        assertEquals(PageTable.NOT_A_BLOCK, table.wholeBlock());
        assertEquals(FrameTable.BLOCK_FRAMES - 1, f.unmapTable(table));
        assertTrue(f.allocated(first + 100));
        assertFalse(f.allocated(first + 101));
    }

    @Test
    void freedFramesAreReusedLastFreedFirst() {
        FrameTable f = new FrameTable();
        int first = f.allocMappedRun(8, 0);
        for (int pfn : new int[] {first + 1, first + 2, first + 3, first + 6, first + 5}) {
            f.unmap(pfn);
        }
        for (int expected : new int[] {first + 5, first + 6, first + 3, first + 2, first + 1}) {
            assertEquals(expected, f.alloc(0, false));
        }
        assertEquals(first + 8, f.alloc(0, false), "then new pfns");
        assertEquals(9, f.used());
    }
}
