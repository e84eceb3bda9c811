package dev.cowpte.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PMD-mapped transparent huge pages: faults, fork under every policy, COW, splits, zaps. */
class ThpTest {
    private static final long K = Sim.K;
    private static final long M = Sim.M;
    private static final long G = Sim.G;
    private static final long PAGE = Sim.PAGE;
    private static final long HPAGE = Geometry.PMD_SIZE;

    private static Sim sim(Thp mode) {
        return new Sim(MachineConfig.defaults().withThp(mode));
    }

    @Test
    void oneGibTouchedWithThpAlways() {
        Sim s = sim(Thp.ALWAYS);
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", G);
        Work before = s.m.work();
        s.m.touch(p, buf.start(), G, true);
        Work touch = s.m.work().since(before);
        s.check();
        assertEquals(512, p.faults().all());
        assertEquals(2056 * K, p.pgtablesBytes());
        assertEquals(G / PAGE, p.rss());
        assertEquals(G, p.anonHugeBytes());
        assertEquals(G, s.m.anonHugeBytes());
        assertEquals(514, touch.tablesAllocated());
        assertEquals(1, p.tables(Level.PMD));
        assertEquals(0, p.tables(Level.PTE), "deposited tables are reached by no walk");
        assertEquals(512, s.m.tables(Level.PTE), "but they are table pages on the machine");
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "cow-pte", "cow-pte-rfc", "odf"})
    void forkOfOneGibUpdatesFiveHundredTwelvePmdEntries(String policy) {
        Sim s = sim(Thp.ALWAYS);
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", G);
        s.touch(p, buf.start(), G);
        Work before = s.m.work();
        Mm c = s.fork(p, "c", Sim.policy(policy));
        Work fork = s.m.work().since(before);
        assertEquals(512, fork.hugeCopied());
        assertEquals(512, fork.entriesCopied());
        assertEquals(512, fork.pageUpdates());
        assertEquals(0, fork.tablesShared());
        assertEquals(2056 * K, c.pgtablesBytes());
        assertEquals(G / PAGE, c.rss());
        assertEquals(2, s.mapcount(c, buf.start() + 5 * PAGE));
        assertEquals(G, s.m.anonHugeBytes(), "one copy of each 2 MiB page");
        assertEquals(2 * G, p.anonHugeBytes() + c.anonHugeBytes());
    }

    @Test
    void readMapsTheHugeZeroPageAndItsDeposit() {
        Sim s = sim(Thp.ALWAYS);
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 4 * M);
        s.read(p, buf.start(), 4 * M);
        assertEquals(2, p.faults().zero());
        assertEquals(0, p.rss());
        assertEquals(0, s.m.dataPages());
        assertEquals((1 + 1 + 2) * PAGE, p.pgtablesBytes());
        assertTrue(s.m.inspector().huge(p, buf.start()));
        assertEquals(0, p.anonHugeBytes());
        // a write replaces the huge zero page by a new 2 MiB page (do_huge_zero_wp_pmd)
        s.write(p, buf.start() + 3 * PAGE, 9);
        assertEquals(512, p.rss());
        assertEquals(9, s.value(p, buf.start() + 3 * PAGE));
        assertEquals(0, s.value(p, buf.start() + 4 * PAGE));
        assertEquals(HPAGE, p.anonHugeBytes());
    }

    @Test
    void madviseModeNeedsTheFlagAndAlignment() {
        Sim s = sim(Thp.MADVISE);
        Mm p = s.process("p");
        Vma plain = s.mmap(p, "plain", 4 * M);
        Vma huge = s.mmap(p, "huge", 4 * M, MapFlag.HUGEPAGE);
        Vma odd = s.mmapAt(p, "odd", 0x4000_1000L, 4 * M, MapFlag.HUGEPAGE);
        s.touch(p, plain.start(), 4 * M);
        s.touch(p, huge.start(), 4 * M);
        s.touch(p, odd.start(), 4 * M);
        assertFalse(s.m.inspector().huge(p, plain.start()));
        assertTrue(s.m.inspector().huge(p, huge.start()));
        // only [0x40200000, 0x40400000) is an aligned 2 MiB wholly inside odd
        assertFalse(s.m.inspector().huge(p, odd.start()));
        assertTrue(s.m.inspector().huge(p, 0x4020_0000L));
        assertFalse(s.m.inspector().huge(p, 0x4040_0000L));
        assertEquals(3 * HPAGE, p.anonHugeBytes());
        Sim always = sim(Thp.ALWAYS);
        Mm q = always.process("q");
        Vma no = always.mmap(q, "no", 4 * M, MapFlag.NOHUGEPAGE);
        always.touch(q, no.start(), 4 * M);
        assertEquals(0, q.anonHugeBytes());
        Sim never = sim(Thp.NEVER);
        Mm r = never.process("r");
        Vma h = never.mmap(r, "h", 4 * M, MapFlag.HUGEPAGE);
        never.touch(r, h.start(), 4 * M);
        assertEquals(0, r.anonHugeBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "cow-pte", "cow-pte-rfc", "odf"})
    void cowAfterForkSplitsAndCopiesOnePage(String policy) {
        Sim s = sim(Thp.ALWAYS);
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 2 * M);
        s.touch(p, buf.start(), 2 * M);
        s.write(p, buf.start() + PAGE, 5);
        Mm c = s.fork(p, "c", Sim.policy(policy));
        long faults = p.faults().all();
        s.write(p, buf.start() + PAGE, 6);
        assertEquals(faults + 1, p.faults().all());
        assertEquals(1, p.faults().cow());
        assertFalse(s.m.inspector().huge(p, buf.start()));
        assertTrue(s.m.inspector().huge(c, buf.start()));
        assertEquals(6, s.value(p, buf.start() + PAGE));
        assertEquals(5, s.value(c, buf.start() + PAGE));
        assertEquals(1, s.mapcount(p, buf.start() + PAGE));
        assertEquals(2, s.mapcount(p, buf.start() + 2 * PAGE));
        assertEquals(3 * PAGE, p.pgtablesBytes(), "the deposit became the PTE table");
        assertEquals(0, p.anonHugeBytes());
        // the child is alone on its huge page now? no: the parent maps 511 of its pages
        s.write(c, buf.start(), 1);
        assertFalse(s.m.inspector().huge(c, buf.start()));
        s.exit(c);
        s.exit(p);
        assertEquals(0, s.m.memoryInUse());
    }

    @Test
    void cowReusesAnExclusiveHugePage() {
        Sim s = sim(Thp.ALWAYS);
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 2 * M);
        s.touch(p, buf.start(), 2 * M);
        Mm c = s.fork(p, "c", Sim.policy("classic"));
        s.exit(c);
        s.write(p, buf.start(), 3);
        assertTrue(s.m.inspector().huge(p, buf.start()));
        assertEquals(0, p.faults().cow());
        assertEquals(2, p.faults().all());
    }

    @Test
    void partialOperationsSplitWholeOnesActOnTheEntry() {
        Sim s = sim(Thp.ALWAYS);
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 8 * M);
        long b = buf.start();
        s.touch(p, b, 8 * M);
        assertEquals(4 * HPAGE, p.anonHugeBytes());
        s.m.munmap(p, b + PAGE, PAGE);
        s.check();
        assertFalse(s.m.inspector().huge(p, b));
        assertEquals(4 * 512 - 1, p.rss());
        s.m.mprotect(p, b + HPAGE, HPAGE, false);
        s.check();
        assertTrue(s.m.inspector().huge(p, b + HPAGE), "a whole huge PMD changes protection as one entry");
        s.m.madvise(p, b + 2 * HPAGE + PAGE, PAGE, Advice.DONTNEED);
        s.check();
        assertFalse(s.m.inspector().huge(p, b + 2 * HPAGE));
        long tables = s.m.pageTablesBytes();
        s.m.madvise(p, b + 3 * HPAGE, HPAGE, Advice.DONTNEED);
        s.check();
        assertEquals(tables - PAGE, s.m.pageTablesBytes(), "a whole-PMD zap frees the deposit");
        assertEquals(0, s.value(p, b + 3 * HPAGE));
        s.exit(p);
        assertEquals(0, s.m.memoryInUse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "cow-pte", "cow-pte-rfc", "odf"})
    void aPinnedHugePageIsSplitAndCopiedAtFork(String policy) {
        Sim s = sim(Thp.ALWAYS);
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 2 * M);
        s.touch(p, buf.start(), 2 * M);
        s.m.pin(p, buf.start(), PAGE);
        s.check();
        Mm c = s.fork(p, "c", Sim.policy(policy));
        assertFalse(s.m.inspector().huge(p, buf.start()));
        assertFalse(s.m.inspector().huge(c, buf.start()));
        assertEquals(512, c.rss());
        assertEquals(1, s.mapcount(p, buf.start() + 7 * PAGE), "every page of a pinned huge page is copied");
        assertNotEquals(s.m.inspector().walk(p, buf.start()).pte().pfn(), s.m.inspector().walk(c, buf.start()).pte().pfn());
        s.exit(p);
        s.exit(c);
        assertEquals(0, s.m.memoryInUse());
    }

    @Test
    void walksEndAtTheHugePmd() {
        Sim s = sim(Thp.ALWAYS);
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 2 * M);
        s.touch(p, buf.start(), 2 * M);
        PageWalk w = s.m.inspector().walk(p, buf.start() + 3 * PAGE);
        assertTrue(w.isHuge());
        assertEquals(Level.PMD, w.tables().get(w.tables().size() - 1).level());
        assertEquals(w.huge().firstPfn() + 3, w.pte().pfn());
        assertEquals(1, w.huge().pmdMapcount());
        assertTrue(s.m.inspector().tree(p).nodes().stream().anyMatch(PageTableTree.Node::huge));
    }

    @Test
    void versionOneScenariosKeepTheirNumbers() {
        Sim s = new Sim();
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", G);
        s.touch(p, buf.start(), G);
        assertEquals(262_144, p.faults().all());
        assertEquals(0, p.anonHugeBytes());
    }
}
