package dev.cowpte.mm;

import static dev.cowpte.mm.Sim.K;
import static dev.cowpte.mm.Sim.M;
import static dev.cowpte.mm.Sim.PAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Classic behaviours measured on Linux 6.18 x86-64 (CONFIG_PT_RECLAIM=y), each as a user of
 * the kernel sees it: VmPTE, RssAnon, RssShmem and minor faults after a few operations.
 */
class KernelAgreementTest {
    private static final long BASE = 0x2000_0000_0000L;

    @Test
    void ptReclaimFreesATableOnlyWhenOneDontneedCoversItWhole() {
        Sim s = new Sim(MachineConfig.defaults().withPtReclaim(true));
        Mm p = s.process("p");
        s.mmapAt(p, "buf", BASE, 2 * M);
        s.touch(p, BASE, 2 * M);
        dontneed(s, p, BASE, M);
        dontneed(s, p, BASE + M, M);
        assertEquals(0, p.rss());
        assertEquals(12 * K, p.pgtablesBytes(), "emptied by two halves: the table stays");
        dontneed(s, p, BASE, 2 * M);
        assertEquals(8 * K, p.pgtablesBytes(), "a dontneed of the whole 2 MiB frees the empty table");
    }

    @Test
    void ptReclaimLeavesATableThatTwoVmasShare() {
        Sim s = new Sim(MachineConfig.defaults().withPtReclaim(true));
        Mm p = s.process("p");
        s.mmapAt(p, "buf", BASE, 2 * M);
        s.touch(p, BASE, 2 * M);
        s.m.mprotect(p, BASE + M, M, false);
        dontneed(s, p, BASE, 2 * M);
        assertEquals(12 * K, p.pgtablesBytes(), "each vma's zap covers half the table");
    }

    @Test
    void ptReclaimFreesTheWholeTablesOfARangeAndKeepsThePartialOnes() {
        Sim s = new Sim(MachineConfig.defaults().withPtReclaim(true));
        Mm p = s.process("p");
        s.mmapAt(p, "buf", BASE + M, 3 * M);
        s.touch(p, BASE + M, 3 * M);
        dontneed(s, p, BASE + M, 3 * M);
        assertEquals(12 * K, p.pgtablesBytes(), "[1M, 2M) of the first table: kept; the second: freed");
    }

    @Test
    void aRegionOnlyReadIsForkedWithItsWrittenNeighbourThatTheKernelMergedItWith() {
        // mmap p a 2M; mmap p b 2M: adjacent and alike, so one vma with one anon_vma on the kernel.
        Sim s = new Sim();
        Mm p = s.process("p");
        Vma a = s.mmapAt(p, "a", BASE + 2 * M, 2 * M);
        Vma b = s.mmapAt(p, "b", BASE, 2 * M);
        s.touch(p, a.start(), 2 * M);
        s.read(p, b.start(), 2 * M);
        Mm c = s.fork(p, "c", Sim.policy("classic"));
        assertEquals(16 * K, c.pgtablesBytes(), "pud, pmd and both PTE tables, b's zero-page table included");
        Mm apart = s.process("q");
        s.mmapAt(apart, "a", BASE + 2 * M, 2 * M);
        s.mmapAt(apart, "b", BASE, 2 * M, MapFlag.READONLY);
        s.touch(apart, BASE + 2 * M, 2 * M);
        s.read(apart, BASE, 2 * M);
        assertEquals(12 * K, s.fork(apart, "r", Sim.policy("classic")).pgtablesBytes(),
                "a readonly neighbour is a vma of its own, without an anon_vma: not copied");
    }

    @Test
    void aForkedVmaDoesNotMergeWithANewOneSoTheNewOneIsNotCopied() {
        // vma_is_fork_child: a child's vma with an anon_vma from its parent does not merge.
        Sim s = new Sim();
        Mm p = s.process("p");
        s.mmapAt(p, "a", BASE + 2 * M, 2 * M);
        s.touch(p, BASE + 2 * M, 2 * M);
        Mm c = s.fork(p, "c", Sim.policy("classic"));
        s.mmapAt(c, "b", BASE, 2 * M);
        s.read(c, BASE, 2 * M);
        assertEquals(12 * K, s.fork(c, "g", Sim.policy("classic")).pgtablesBytes());
    }

    @Test
    void aDontforkRegionMadeDoforkAgainKeepsTheAnonVmaItMergedInto() {
        // The helper's mmap merges before its madvise(MADV_DONTFORK) splits the vma off again.
        Sim s = new Sim();
        Mm p = s.process("p");
        s.mmapAt(p, "a", BASE + 2 * M, 2 * M);
        s.touch(p, BASE + 2 * M, 2 * M);
        s.mmapAt(p, "d", BASE, 2 * M, MapFlag.DONTFORK);
        s.read(p, BASE, 2 * M);
        assertEquals(12 * K, s.fork(p, "c", Sim.policy("classic")).pgtablesBytes(), "d is not forked");
        s.m.madvise(p, BASE, 2 * M, Advice.DOFORK);
        assertEquals(16 * K, s.fork(p, "e", Sim.policy("classic")).pgtablesBytes(), "d's zero-page table is copied");
    }

    @Test
    void forkOfAVmaWhosePteTablesWereReclaimedGivesTheChildItsPudAndPmd() {
        Sim s = new Sim(MachineConfig.defaults().withPtReclaim(true));
        Mm p = s.process("p");
        s.mmapAt(p, "buf", BASE, 4 * M);
        s.touch(p, BASE, 4 * M);
        dontneed(s, p, BASE, 4 * M);
        assertEquals(8 * K, p.pgtablesBytes());
        Mm c = s.fork(p, "c", Sim.policy("classic"));
        assertEquals(8 * K, c.pgtablesBytes(), "copy_pud_range and copy_pmd_range allocate before looking below");
        assertEquals(0, c.rss());
        s.exit(c);
        s.exit(p);
        assertEquals(0, s.m.memoryInUse());
    }

    @Test
    void forkOfAVmaThatWasOnlyReadCopiesNoTable() {
        Sim s = new Sim();
        Mm p = s.process("p");
        s.mmapAt(p, "buf", BASE, 2 * M);
        s.read(p, BASE, 2 * M);
        Mm c = s.fork(p, "c", Sim.policy("classic"));
        assertEquals(0, c.pgtablesBytes(), "no anon_vma: vma_needs_copy is false");
        s.write(p, BASE, 1);
        Mm d = s.fork(p, "d", Sim.policy("classic"));
        assertEquals(12 * K, d.pgtablesBytes());
        assertEquals(1, d.rssAnon());
        assertEquals(0, s.mapcount(p, BASE + PAGE), "the zero page: /proc/kpagecount shows 0");
    }

    @Test
    void mprotectBackToWritableMakesExclusivePagesWritable() {
        Sim s = new Sim();
        Mm p = s.process("p");
        s.mmapAt(p, "buf", BASE, 16 * PAGE);
        s.touch(p, BASE, 16 * PAGE);
        readOnlyAndBack(s, p, BASE, 16 * PAGE);
        long before = p.faults().all;
        s.touch(p, BASE, 16 * PAGE);
        assertEquals(0, p.faults().all - before, "can_change_pte_writable: exclusive anonymous pages");
    }

    @Test
    void mprotectBackToWritableLeavesTheZeroPageAndForkedPagesWriteProtected() {
        Sim s = new Sim();
        Mm p = s.process("p");
        s.mmapAt(p, "zero", BASE, 16 * PAGE);
        s.mmapAt(p, "forked", BASE + M, 16 * PAGE);
        s.read(p, BASE, 16 * PAGE);
        s.touch(p, BASE + M, 16 * PAGE);
        Mm c = s.fork(p, "c", Sim.policy("classic"));
        s.exit(c); // the pages are mapped once again, but fork left them not exclusive
        readOnlyAndBack(s, p, BASE, 16 * PAGE);
        readOnlyAndBack(s, p, BASE + M, 16 * PAGE);
        long before = p.faults().all;
        s.touch(p, BASE, 16 * PAGE);
        s.touch(p, BASE + M, 16 * PAGE);
        assertEquals(32, p.faults().all - before, "16 zero-page copies and 16 reuses");
        readOnlyAndBack(s, p, BASE, 16 * PAGE);
        readOnlyAndBack(s, p, BASE + M, 16 * PAGE);
        before = p.faults().all;
        s.touch(p, BASE, 16 * PAGE);
        s.touch(p, BASE + M, 16 * PAGE);
        assertEquals(0, p.faults().all - before, "a reuse or a copy makes the page exclusive");
    }

    @Test
    void mprotectBackToWritableMakesSharedPagesWritable() {
        Sim s = new Sim();
        Mm p = s.process("p");
        s.mmapAt(p, "shm", BASE, 16 * PAGE, MapFlag.SHARED);
        s.touch(p, BASE, 16 * PAGE);
        readOnlyAndBack(s, p, BASE, 16 * PAGE);
        long before = p.faults().all;
        s.touch(p, BASE, 16 * PAGE);
        assertEquals(0, p.faults().all - before);
    }

    @Test
    void aReadFaultOnShmemMapsTheCachedPagesAroundIt() {
        Sim s = new Sim();
        Mm p = s.process("p");
        s.mmapAt(p, "shm", BASE, 64 * PAGE, MapFlag.SHARED);
        s.read(p, BASE, PAGE);
        assertEquals(1, p.rssShmem(), "a fresh shmem page: nothing cached around it");
        s.touch(p, BASE, 64 * PAGE);
        Mm c = s.fork(p, "c", Sim.policy("classic"));
        assertEquals(0, c.rss(), "fork copies no shared vma");
        s.read(c, BASE + 20 * PAGE, PAGE);
        assertEquals(16, c.rssShmem(), "do_fault_around: pages 16 to 31");
        assertEquals(1, c.faults().all);
        assertEquals(2, s.mapcount(p, BASE + 16 * PAGE));
        s.read(c, BASE, 64 * PAGE);
        assertEquals(4, c.faults().all, "one fault per 64 KiB");
        long before = c.faults().all;
        s.touch(c, BASE, 64 * PAGE);
        assertEquals(0, c.faults().all - before, "fault-around maps shmem writable in a writable vma");
    }

    @Test
    void faultAroundIsClippedToTheVmaAndThePteTable() {
        Sim s = new Sim();
        Mm p = s.process("p");
        s.mmapAt(p, "shm", BASE + 2 * M - 8 * PAGE, 40 * PAGE, MapFlag.SHARED);
        s.touch(p, BASE + 2 * M - 8 * PAGE, 40 * PAGE);
        dontneed(s, p, BASE + 2 * M - 8 * PAGE, 40 * PAGE);
        s.read(p, BASE + 2 * M, PAGE);
        assertEquals(16, p.rssShmem(), "the second table's first 16 entries");
        s.read(p, BASE + 2 * M - PAGE, PAGE);
        assertEquals(24, p.rssShmem(), "the vma's 8 pages in the first table");
        assertEquals(2, p.faults().all - 40);
    }

    @Test
    void faultAroundOffMapsOnePagePerReadFault() {
        Sim s = new Sim(MachineConfig.defaults().withFaultAround(false));
        Mm p = s.process("p");
        s.mmapAt(p, "shm", BASE, 64 * PAGE, MapFlag.SHARED);
        s.touch(p, BASE, 64 * PAGE);
        Mm c = s.fork(p, "c", Sim.policy("classic"));
        s.read(c, BASE, 64 * PAGE);
        assertEquals(64, c.faults().all);
        assertEquals(64, c.rssShmem());
    }

    private static void readOnlyAndBack(Sim s, Mm p, long start, long len) {
        s.m.mprotect(p, start, len, false);
        s.check();
        s.m.mprotect(p, start, len, true);
        s.check();
    }

    private static void dontneed(Sim s, Mm p, long start, long len) {
        s.m.madvise(p, start, len, Advice.DONTNEED);
        s.check();
    }
}
