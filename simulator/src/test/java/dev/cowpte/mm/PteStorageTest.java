package dev.cowpte.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * PTE tables that hold the same entries may keep them in one array: a write to one of them
 * never shows in another.
 */
class PteStorageTest {
    private static final long MIB = 1L << 20;

    @Test
    void aWriteToATableTakenFromAnotherLeavesTheOtherAlone() {
        PageTable a = new PageTable(Level.PTE, 1, 0);
        a.setPte(3, PageTable.mkpte(9, true));
        PageTable b = new PageTable(Level.PTE, 2, 0);
        b.takePtesOf(a);
        assertEquals(a.pte(3), b.pte(3));
        b.setPte(3, 0);
        assertEquals(PageTable.mkpte(9, true), a.pte(3));
        a.setPte(4, PageTable.mkpte(10, false));
        assertEquals(0, b.pte(4));
        b.clearPtes();
        assertFalse(b.hasEntries());
        assertTrue(a.hasEntries());
    }

    @Test
    void newTablesStartEmptyAndApart() {
        PageTable a = new PageTable(Level.PTE, 1, 0);
        PageTable b = new PageTable(Level.PTE, 2, 0);
        a.setPte(0, PageTable.mkpte(5, true));
        assertFalse(b.hasEntries());
        assertEquals(0, new PageTable(Level.PTE, 3, 0).pte(0));
    }

    @Test
    void classicChildrenWriteApartFromTheirParentAndEachOther() {
        Machine m = new Machine();
        Mm parent = m.createProcess("parent");
        Vma buf = m.mmap(parent, "buf", 4 * MIB, null, Set.of());
        m.write(parent, buf.start(), 4 * MIB, 1);
        ForkPolicy classic = ForkPolicies.byName("classic").orElseThrow();
        Mm c1 = m.fork(parent, "c1", classic);
        Mm c2 = m.fork(parent, "c2", classic);
        m.write(c1, buf.start(), Geometry.PAGE_SIZE, 2);
        m.write(parent, buf.start() + Geometry.PAGE_SIZE, Geometry.PAGE_SIZE, 3);
        assertEquals(2, m.read(c1, buf.start()));
        assertEquals(1, m.read(c2, buf.start()));
        assertEquals(1, m.read(parent, buf.start()));
        assertEquals(3, m.read(parent, buf.start() + Geometry.PAGE_SIZE));
        assertEquals(1, m.read(c1, buf.start() + Geometry.PAGE_SIZE));
        assertEquals(1, m.read(c2, buf.start() + Geometry.PAGE_SIZE));
        m.exit(c2);
        assertEquals(2, m.read(c1, buf.start()));
        assertEquals(1, m.read(parent, buf.start() + 2 * Geometry.PAGE_SIZE));
        assertEquals(java.util.List.of(), new InvariantChecker(m).check());
    }
}
