package dev.cowpte.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** hugetlb: the pool, faults of whole huge pages, COW at fork, PMD-table sharing and unsharing. */
class HugetlbTest {
    private static final long K = Sim.K;
    private static final long M = Sim.M;
    private static final long G = Sim.G;
    private static final long BOUNDARY = 0x7e00_0000_0000L;

    private static Sim sim(long pages2m) {
        Sim s = new Sim();
        s.m.setHugetlbPool(HugePageSize.SIZE_2M, pages2m);
        return s;
    }

    private static PageTable pmd(Sim s, Mm mm, long addr) {
        PageTable pud = s.m.pageTables.pudTable(mm, addr, false);
        return pud == null ? null : pud.next[PageTables.index(Level.PUD, addr, 4)];
    }

    @Test
    void childrenReadingASharedGibAtAGibBoundaryShareThePmdTable() {
        Sim s = sim(512);
        Mm p = s.process("p");
        Vma buf = s.mmapAt(p, "buf", BOUNDARY, G, MapFlag.SHARED, MapFlag.HUGETLB);
        s.touch(p, buf.start(), G);
        assertEquals(512, p.faults().all());
        assertEquals(G, p.hugetlbBytes());
        assertEquals(0, p.rss(), "hugetlb pages are not in rss");
        assertEquals(512, s.m.hugetlbInUse(HugePageSize.SIZE_2M));
        long parentTables = p.pgtablesBytes();
        int machinePmds = s.m.tables(Level.PMD);
        for (int n = 0; n < 3; n++) {
            Mm c = s.fork(p, "c" + n, Sim.policy("classic"));
            long before = c.pgtablesBytes();
            s.read(c, buf.start(), G);
            assertEquals(1, c.faults().all(), "one fault maps the whole GiB");
            assertEquals(8 * K, c.pgtablesBytes() - before, "a pud table and the shared pmd table, charged to every sharer");
            assertEquals(0, c.hugetlbBytes());
            assertSame(pmd(s, p, buf.start()), pmd(s, c, buf.start()));
            assertEquals(n + 2, pmd(s, p, buf.start()).refcount);
        }
        assertEquals(machinePmds, s.m.tables(Level.PMD), "the table exists once");
        assertEquals(parentTables, p.pgtablesBytes());
        assertEquals(512, s.m.hugetlbInUse(HugePageSize.SIZE_2M));
    }

    @Test
    void aSharedGibOffTheBoundarySharesNothing() {
        Sim s = sim(512);
        Mm p = s.process("p");
        Vma buf = s.mmapAt(p, "buf", BOUNDARY + 2 * M, G, MapFlag.SHARED, MapFlag.HUGETLB);
        s.touch(p, buf.start(), G);
        Mm c = s.fork(p, "c", Sim.policy("classic"));
        s.read(c, buf.start(), G);
        assertEquals(512, c.faults().all());
        assertEquals(2, c.tables(Level.PMD));
        assertNotSame(pmd(s, p, buf.start()), pmd(s, c, buf.start()));
        assertEquals(G, c.hugetlbBytes(), "the child's own faults mapped the pages");
        assertEquals(512, s.m.hugetlbInUse(HugePageSize.SIZE_2M), "the same file pages");
    }

    @Test
    void partialMunmapUnsharesAndTheRestRefaults() {
        Sim s = sim(512);
        Mm p = s.process("p");
        Vma buf = s.mmapAt(p, "buf", BOUNDARY, G, MapFlag.SHARED, MapFlag.HUGETLB);
        s.touch(p, buf.start(), G);
        Mm c = s.fork(p, "c", Sim.policy("classic"));
        s.read(c, buf.start(), G);
        long shared = c.pgtablesBytes();
        s.munmap(c, buf.start(), 2 * M);
        assertEquals(1, pmd(s, p, buf.start()).refcount, "the child unshared");
        assertEquals(shared - 4 * K, c.pgtablesBytes());
        s.read(c, buf.start() + 2 * M, G - 2 * M);
        assertEquals(1 + 511, c.faults().all(), "the rest of the vma no longer covers the GiB: no sharing");
        assertEquals(511 * 2 * M, c.hugetlbBytes());
        assertEquals(512, s.m.hugetlbInUse(HugePageSize.SIZE_2M), "the file keeps its pages");
    }

    @Test
    void mprotectOfAnyPartUnsharesTheTable() {
        Sim s = sim(512);
        Mm p = s.process("p");
        Vma buf = s.mmapAt(p, "buf", BOUNDARY, G, MapFlag.SHARED, MapFlag.HUGETLB);
        s.touch(p, buf.start(), G);
        Mm c = s.fork(p, "c", Sim.policy("classic"));
        s.read(c, buf.start(), G);
        s.m.mprotect(c, buf.start() + 4 * M, 2 * M, false);
        s.check();
        assertEquals(1, pmd(s, p, buf.start()).refcount);
        s.m.touch(c, buf.start(), 2 * M, true);
        s.check();
        assertEquals(2, c.faults().all());
    }

    @Test
    void privateHugetlbIsCopiedOnWritePerHugePage() {
        Sim s = sim(8);
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 8 * M, MapFlag.HUGETLB);
        s.touch(p, buf.start(), 8 * M);
        s.m.write(p, buf.start(), 4 * K, 7);
        assertEquals(4, p.faults().all());
        Mm c = s.fork(p, "c", Sim.policy("classic"));
        assertEquals(8 * M, c.hugetlbBytes(), "copy_hugetlb_page_range counts the child's pages");
        assertEquals(4, s.m.hugetlbInUse(HugePageSize.SIZE_2M));
        s.m.write(c, buf.start() + 2 * M, 4 * K, 9);
        s.check();
        assertEquals(1, c.faults().cow());
        assertEquals(5, s.m.hugetlbInUse(HugePageSize.SIZE_2M));
        assertEquals(7, s.m.read(c, buf.start()));
        assertEquals(9, s.m.read(c, buf.start() + 2 * M));
        assertEquals(0, s.m.read(p, buf.start() + 2 * M));
        s.exit(c);
        s.m.write(p, buf.start() + 2 * M, 4 * K, 1);
        s.check();
        assertEquals(0, p.faults().cow(), "the parent's page is its own again: reused");
        s.exit(p);
        assertEquals(0, s.m.hugetlbInUse(HugePageSize.SIZE_2M));
    }

    @Test
    void anEmptyPoolIsRefusedWithTheLineToAdd() {
        Sim s = sim(2);
        Mm p = s.process("p");
        MmError e = assertThrows(MmError.class, () -> s.m.mmap(p, "buf", 8 * M, null, java.util.Set.of(MapFlag.HUGETLB)));
        assertTrue(e.getMessage().contains("machine hugetlb 2M 4"), e.getMessage());
        Vma buf = s.mmap(p, "buf", 4 * M, MapFlag.HUGETLB);
        s.touch(p, buf.start(), 4 * M);
        Mm c = s.fork(p, "c", Sim.policy("classic"));
        MmError cow = assertThrows(MmError.class, () -> s.m.write(c, buf.start(), 4 * K, 1));
        assertTrue(cow.getMessage().contains("machine hugetlb 2M 3"), cow.getMessage());
    }

    @Test
    void oneGibPagesAreMappedByPudEntries() {
        Sim s = new Sim();
        s.m.setHugetlbPool(HugePageSize.SIZE_1G, 2);
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 2 * G, MapFlag.HUGETLB_1G);
        assertEquals(0, buf.start() % G);
        s.touch(p, buf.start(), 2 * G);
        assertEquals(2, p.faults().all());
        assertEquals(0, p.tables(Level.PMD), "no pmd table below a 1 GiB page");
        assertEquals(2 * G, p.hugetlbBytes());
        s.munmap(p, buf.start(), 2 * G);
        assertEquals(0, s.m.hugetlbInUse(HugePageSize.SIZE_1G));
        assertEquals(0, p.hugetlbBytes());
    }

    @Test
    void thePoolIsMemoryInUse() {
        Sim s = sim(0);
        long before = s.m.memoryInUse();
        s.m.setHugetlbPool(HugePageSize.SIZE_2M, 10);
        assertEquals(before + 20 * M, s.m.memoryInUse());
    }
}
