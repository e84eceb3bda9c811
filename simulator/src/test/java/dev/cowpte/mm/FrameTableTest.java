package dev.cowpte.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The frame table's sections and bulk operations give what frame-by-frame calls give. */
class FrameTableTest {
    private static final int FRAMES = 3 * FrameTable.SECTION_FRAMES + 7;

    @Test
    void framesPastSeveralSectionsKeepTheirCountsAndValues() {
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
        int[] ptes = {PageTable.mkpte(first, true), 0, PageTable.mkpte(FrameTable.ZERO_PFN, false),
            PageTable.mkpte(first + 1, false), PageTable.mkpte(first + 2, false)};
        assertEquals(3, f.mapEntries(ptes, 0, ptes.length));
        assertEquals(2, f.mapcount(first));
        assertEquals(2, f.unmapEntries(ptes, 0, 4));
        assertEquals(1, f.refcount(first));
        assertEquals(1, f.refcount(first + 1));
        assertEquals(2, f.refcount(first + 2));
        f.unmapEntries(ptes, 0, ptes.length);
        assertFalse(f.allocated(first), "the last reference frees the frame");
        assertTrue(f.allocated(first + 2));
    }
}
