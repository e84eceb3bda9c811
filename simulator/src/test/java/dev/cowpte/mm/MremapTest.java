package dev.cowpte.mm;

import static dev.cowpte.mm.Sim.G;
import static dev.cowpte.mm.Sim.K;
import static dev.cowpte.mm.Sim.M;
import static dev.cowpte.mm.Sim.PAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** mremap: in place, moved with its page tables (whole pmd tables, whole PTE tables, entry by entry), under every policy. */
class MremapTest {
    private static final long BASE = 0x2000_0000_0000L;

    private static Vma mremap(Sim s, Mm p, long start, long oldLen, long newLen, Long to) {
        Vma v = s.m.mremap(p, start, oldLen, newLen, to);
        s.check();
        return v;
    }

    @Test
    void aTouchedGibMovedToAnotherGibBoundaryKeepsItsTablesAndTakesNoFault() {
        Sim s = new Sim();
        Mm p = s.process("p");
        s.mmapAt(p, "buf", BASE, G);
        s.touch(p, BASE, G);
        s.write(p, BASE + 5 * PAGE, 7);
        long tables = p.pgtablesBytes();
        long faults = p.faults().all();
        Vma v = mremap(s, p, BASE, G, G, BASE + 4 * G);
        assertEquals(BASE + 4 * G, v.start());
        assertEquals(tables, p.pgtablesBytes(), "the pmd table moved whole (VmPTE unchanged)");
        assertEquals(faults, p.faults().all());
        assertEquals(7, s.m.peek(p, BASE + 4 * G + 5 * PAGE));
        assertEquals(G / PAGE, p.rss());
    }

    @Test
    void movedToATwoMibBoundaryThatStraddlesTwoPmdTablesCostsOneTableMore() {
        Sim s = new Sim();
        Mm p = s.process("p");
        s.mmapAt(p, "buf", BASE, G);
        s.touch(p, BASE, G);
        long tables = p.pgtablesBytes();
        long faults = p.faults().all();
        mremap(s, p, BASE, G, G, BASE + 4 * G + 2 * M);
        assertEquals(tables + 4 * K, p.pgtablesBytes(), "PTE tables moved; two pmd tables for one");
        assertEquals(faults, p.faults().all());
    }

    @Test
    void unalignedMovesEntryByEntry() {
        Sim s = new Sim();
        Mm p = s.process("p");
        s.mmapAt(p, "buf", BASE, 2 * M);
        s.touch(p, BASE, 2 * M);
        s.write(p, BASE + 3 * PAGE, 9);
        Work before = s.m.work();
        mremap(s, p, BASE, 2 * M, 2 * M, BASE + 64 * M + 4 * K);
        assertEquals(512, s.m.work().since(before).pageUpdates());
        assertEquals(9, s.m.peek(p, BASE + 64 * M + 4 * K + 3 * PAGE));
        assertEquals(2 * M / PAGE, p.rss());
        assertEquals(16 * K, p.pgtablesBytes(), "pud, pmd and the two PTE tables the moved range straddles");
    }

    @Test
    void growsInPlaceWhereItCanAndShrinksByUnmappingTheTail() {
        Sim s = new Sim();
        Mm p = s.process("p");
        s.mmapAt(p, "buf", BASE, 4 * M);
        s.touch(p, BASE, 4 * M);
        Vma grown = mremap(s, p, BASE, 4 * M, 8 * M, null);
        assertEquals(BASE, grown.start());
        assertEquals(BASE + 8 * M, grown.end());
        Vma shrunk = mremap(s, p, BASE, 8 * M, M, null);
        assertEquals(BASE + M, shrunk.end());
        assertEquals(M / PAGE, p.rss());
        s.mmapAt(p, "next", BASE + 2 * M, 2 * M);
        Vma moved = mremap(s, p, BASE, M, 4 * M, null);
        assertEquals(4 * M, moved.end() - moved.start());
        assertEquals(M / PAGE, p.rss());
        assertThrows(MmError.class, () -> s.m.mremap(p, BASE + 2 * M, 4 * M, 8 * M, null), "not one mapping");
    }

    static Iterable<ForkPolicy> policies() {
        return ForkPolicies.all();
    }

    @ParameterizedTest
    @MethodSource("policies")
    void afterAForkTheMovedTablesAreTheMoversAlone(ForkPolicy policy) {
        Sim s = new Sim();
        Mm p = s.process("p");
        s.mmapAt(p, "buf", BASE, 4 * M);
        s.touch(p, BASE, 4 * M);
        s.write(p, BASE, 3);
        Mm c = s.fork(p, "c", policy);
        mremap(s, p, BASE, 4 * M, 4 * M, BASE + G);
        mremap(s, c, BASE, 4 * M, 4 * M, BASE + 8 * G + 4 * K);
        s.write(p, BASE + G + PAGE, 5);
        assertEquals(3, s.m.peek(c, BASE + 8 * G + 4 * K));
        assertEquals(0, s.m.peek(c, BASE + 8 * G + 4 * K + PAGE));
        assertEquals(5, s.m.peek(p, BASE + G + PAGE));
        s.exit(c);
        s.exit(p);
        assertEquals(0, s.m.dataPages());
    }

    @Test
    void aHugetlbMappingWhosePmdTableAChildSharesIsNotMoved() {
        Sim s = new Sim();
        s.m.setHugetlbPool(HugePageSize.SIZE_2M, 512);
        Mm p = s.process("p");
        long at = 0x7e00_0000_0000L;
        s.mmapAt(p, "buf", at, G, MapFlag.SHARED, MapFlag.HUGETLB);
        s.touch(p, at, G);
        Mm c = s.fork(p, "c", Sim.policy("classic"));
        s.read(c, at, G);
        MmError e = assertThrows(MmError.class, () -> s.m.mremap(p, at, G, G, at + 4 * G));
        assertEquals("mremap of the hugetlb mapping buf at 0x7e0000000000: moving or resizing hugetlb memory is not"
                + " modelled (unmap and map it again)", e.getMessage());
        s.check();
        assertEquals(G, p.hugetlbBytes());
        s.exit(p);
        s.exit(c);
        assertEquals(0, s.m.hugetlbInUse(HugePageSize.SIZE_2M));
    }

    @Test
    void anMshareContainerIsNotMovedAwayFromItsHostsTables() {
        Sim s = new Sim();
        Mm a = s.process("a");
        Mm b = s.process("b");
        Vma va = s.m.mmapMshare(a, "db", 512 * G, null, "M");
        s.m.mmapMshare(b, "db", 512 * G, null, "M");
        s.touch(a, va.start(), 4 * M);
        MmError e = assertThrows(MmError.class, () -> s.m.mremap(a, va.start(), 512 * G, 512 * G, va.start() - 1024 * G));
        assertEquals("mremap of the mshare region M (db): the container vma cannot be split or changed (EINVAL);"
                + " map or unmap it whole", e.getMessage());
        s.check();
        s.exit(a);
        s.exit(b);
        assertEquals(0, s.m.memoryInUse());
    }

    @Test
    void aReadOnlyPageMovedEntryByEntryStaysExclusiveSoMakingItWritableTakesNoFault() {
        Sim s = new Sim();
        Mm p = s.process("p");
        s.mmapAt(p, "buf", BASE, 64 * K);
        s.touch(p, BASE, 64 * K);
        s.m.mprotect(p, BASE, 64 * K, false);
        s.check();
        // 4 KiB into another 2 MiB: move_ptes, entry by entry
        Vma v = mremap(s, p, BASE, 64 * K, 64 * K, BASE + 8 * M + 4 * K);
        s.m.mprotect(p, v.start(), 64 * K, true);
        s.check();
        long faults = p.faults().all();
        s.touch(p, v.start(), 64 * K);
        assertEquals(faults, p.faults().all(), "can_change_pte_writable made the exclusive pages writable");
    }
}
