package dev.cowpte.mm;

import static dev.cowpte.mm.Sim.G;
import static dev.cowpte.mm.Sim.K;
import static dev.cowpte.mm.Sim.M;
import static dev.cowpte.mm.Sim.PAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The edge cases of MODEL.md's policy table, each under the policies it distinguishes. */
class ForkPolicyEdgeCasesTest {
    private static final long BASE = 0x7000_0000_0000L;

    @ParameterizedTest
    @MethodSource("dev.cowpte.mm.Sim#policyNames")
    void twoRegionsInOnePteTable(String policy) {
        Sim s = new Sim();
        Mm p = s.process("parent");
        s.mmapAt(p, "a", BASE, 1 * M);
        s.mmapAt(p, "b", BASE + M, 1 * M);
        s.touch(p, BASE, 2 * M);
        s.write(p, BASE + M, 42);
        ForkPolicy fp = Sim.policy(policy);
        Mm c = s.fork(p, "child", fp);
        // odf shares only tables that one region covers whole; async-fork's child has none yet
        boolean shares = fp instanceof SharedPteFork && fp != ForkPolicies.ODF;
        assertEquals(fp == ForkPolicies.ASYNC_FORK ? 0 : shares ? 2 : 1, s.refcount(c, BASE));
        assertEquals(shares, s.m.inspector().sameTable(p, c, BASE + M));
        assertEquals(42, s.value(c, BASE + M), "a pending child's loads see the parent's table");
        s.write(c, BASE + M, 7);
        assertEquals(1, s.refcount(c, BASE));
        assertEquals(1, s.refcount(p, BASE));
        assertEquals(42, s.value(p, BASE + M));
        assertEquals(7, s.value(c, BASE + M));
    }

    @ParameterizedTest
    @MethodSource("dev.cowpte.mm.Sim#sharingPolicyNames")
    void partialMunmapBreaksOnlyThatTable(String policy) {
        Sim s = new Sim();
        Mm p = s.process("parent");
        Vma buf = s.mmap(p, "buf", 4 * M);
        s.touch(p, buf.start(), 4 * M);
        s.write(p, buf.start() + M, 11);
        Mm c = s.fork(p, "child", Sim.policy(policy));
        s.munmap(c, buf.start(), M);
        assertEquals(1, s.refcount(c, buf.start() + M));
        assertEquals(1, s.refcount(p, buf.start()));
        assertEquals(2, s.refcount(c, buf.start() + 2 * M));
        assertEquals(11, s.value(c, buf.start() + M));
        assertEquals(11, s.value(p, buf.start() + M));
        s.exit(c);
        s.exit(p);
        assertEquals(0, s.m.memoryInUse());
    }

    @ParameterizedTest
    @MethodSource("dev.cowpte.mm.Sim#sharingPolicyNames")
    void dontforkNeighbourKeepsTheTablePrivate(String policy) {
        Sim s = new Sim();
        Mm p = s.process("parent");
        s.mmapAt(p, "a", BASE, M);
        s.mmapAt(p, "secret", BASE + M, M, MapFlag.DONTFORK);
        s.mmapAt(p, "far", BASE + 2 * M, 2 * M);
        s.touch(p, BASE, 4 * M);
        Mm c = s.fork(p, "child", Sim.policy(policy));
        assertEquals(1, s.refcount(c, BASE));
        assertEquals(2, s.refcount(c, BASE + 2 * M));
        assertTrue(c.vmas().stream().noneMatch(v -> v.name().equals("secret")));
        org.junit.jupiter.api.Assertions.assertThrows(SegmentationFault.class, () -> s.m.read(c, BASE + M));
        s.check();
    }

    @ParameterizedTest
    @MethodSource("dev.cowpte.mm.Sim#policyNames")
    void pinnedPageIsCopiedForTheChildAndStaysWithThePinner(String policy) {
        Sim s = new Sim();
        Mm p = s.process("parent");
        Vma buf = s.mmap(p, "buf", 4 * M);
        s.touch(p, buf.start(), 4 * M);
        s.write(p, buf.start(), 99);
        s.m.pin(p, buf.start(), PAGE);
        s.check();
        long pinnedPfn = s.m.inspector().walk(p, buf.start()).pte().pfn();
        Mm c = s.fork(p, "child", Sim.policy(policy));
        assertEquals(99, s.m.read(c, buf.start())); // the child's first statement
        assertEquals(1, s.refcount(c, buf.start()), "the table with the pinned page is never shared");
        assertNotEquals(pinnedPfn, s.m.inspector().walk(c, buf.start()).pte().pfn());
        assertEquals(99, s.value(c, buf.start()));
        assertTrue(s.m.inspector().walk(p, buf.start()).pte().writable(), "the pinner keeps a writable entry");
        long cowBefore = p.faults().cow();
        s.write(p, buf.start(), 100);
        assertEquals(cowBefore, p.faults().cow());
        assertEquals(pinnedPfn, s.m.inspector().walk(p, buf.start()).pte().pfn());
        assertEquals(99, s.value(c, buf.start()));
        s.m.unpin(p, buf.start(), PAGE);
        s.check();
    }

    @Test
    void lastSharerReusesTheTableUnderCowPte() {
        Sim s = new Sim();
        Mm p = s.process("parent");
        Vma buf = s.mmap(p, "buf", 2 * M);
        s.touch(p, buf.start(), 2 * M);
        Mm c = s.fork(p, "child", ForkPolicies.COW_PTE);
        Work w0 = s.m.work();
        s.write(c, buf.start(), 7);
        Work childBreak = s.m.work().since(w0);
        assertEquals(1, childBreak.tablesCopied());
        assertEquals(0, childBreak.pageUpdates(), "cow-pte copies the table with no per-page work");
        assertEquals(1, c.faults().table());
        assertEquals(1, c.faults().cow());
        Work w1 = s.m.work();
        s.write(p, buf.start(), 8);
        Work parentBreak = s.m.work().since(w1);
        assertEquals(1, parentBreak.tablesReused());
        assertEquals(0, parentBreak.tablesCopied());
        assertEquals(0, p.faults().cow(), "the parent's page became exclusive when the child copied it");
        assertEquals(8, s.value(p, buf.start()));
        assertEquals(7, s.value(c, buf.start()));
    }

    @Test
    void cowPteRfcFollowsTheFallbackStates() {
        Sim s = new Sim();
        Mm p = s.process("parent");
        Vma buf = s.mmap(p, "buf", 2 * M);
        s.touch(p, buf.start(), 2 * M);
        Mm c = s.fork(p, "child", ForkPolicies.COW_PTE_RFC);
        PageWalk.TableStep t = s.m.inspector().walk(c, buf.start()).pteTable();
        assertEquals("parent", t.owner());
        assertEquals(2, t.refcount());
        assertTrue(t.writeProtected());
        // break child: the child copies and does the per-page work; the parent stays owner
        s.write(c, buf.start(), 1);
        assertEquals(512, c.rss());
        assertEquals(512, p.rss());
        PageWalk.TableStep parentTable = s.m.inspector().walk(p, buf.start()).pteTable();
        assertEquals("parent", parentTable.owner());
        assertEquals(1, parentTable.refcount());
        assertTrue(parentTable.writeProtected());
        // then the parent's fault reuses the table: [parent, rss=1, ref=1, write=YES, owner=NULL]
        s.write(p, buf.start() + PAGE, 2);
        parentTable = s.m.inspector().walk(p, buf.start()).pteTable();
        assertEquals(null, parentTable.owner());
        assertFalse(parentTable.writeProtected());
        assertEquals(512, p.rss());
    }

    @Test
    void cowPteRfcParentBreaksFirstThenChildReusesAndIsCharged() {
        Sim s = new Sim();
        Mm p = s.process("parent");
        Vma buf = s.mmap(p, "buf", 2 * M);
        s.touch(p, buf.start(), 2 * M);
        Mm c = s.fork(p, "child", ForkPolicies.COW_PTE_RFC);
        s.write(p, buf.start(), 1);
        // [child, rss=0, ref=1, write=NO, owner=NULL]
        PageWalk.TableStep t = s.m.inspector().walk(c, buf.start()).pteTable();
        assertEquals(null, t.owner());
        assertEquals(1, t.refcount());
        assertTrue(t.writeProtected());
        assertEquals(0, c.rss());
        assertEquals(2 * 4096, c.pgtablesBytes());
        // [child, rss=1, ref=1, write=YES, owner=NULL]
        s.read(c, buf.start() + PAGE, PAGE);
        s.write(c, buf.start() + PAGE, 3);
        assertEquals(512, c.rss());
        assertEquals(3 * 4096, c.pgtablesBytes());
        assertEquals(0, s.value(c, buf.start()));
        assertEquals(1, s.value(p, buf.start()));
    }

    @ParameterizedTest
    @MethodSource("dev.cowpte.mm.Sim#policyNames")
    void parentExitsBeforeTheChild(String policy) {
        Sim s = new Sim();
        Mm p = s.process("parent");
        Vma buf = s.mmap(p, "buf", 4 * M);
        s.touch(p, buf.start(), 4 * M);
        s.write(p, buf.start() + 3 * M, 5);
        Mm c = s.fork(p, "child", Sim.policy(policy));
        s.exit(p);
        assertEquals(1, s.refcount(c, buf.start()));
        assertEquals(5, s.value(c, buf.start() + 3 * M));
        long expectedRss = Sim.policy(policy).chargesEverySharer() ? 1024 : 0;
        assertEquals(expectedRss, c.rss());
        s.write(c, buf.start() + 3 * M, 6);
        assertEquals(6, s.value(c, buf.start() + 3 * M));
        s.exit(c);
        assertEquals(0, s.m.memoryInUse());
        assertEquals(0, s.m.pageTablesBytes());
    }

    @ParameterizedTest
    @MethodSource("dev.cowpte.mm.Sim#policyNames")
    void forkOfAFork(String policy) {
        Sim s = new Sim();
        Mm p = s.process("parent");
        Vma buf = s.mmap(p, "buf", 2 * M);
        s.touch(p, buf.start(), 2 * M);
        Mm c = s.fork(p, "child", Sim.policy(policy));
        ForkPolicy fp = Sim.policy(policy);
        Mm g = s.fork(c, "grandchild", fp);
        if (fp == ForkPolicies.ASYNC_FORK) {
            assertTrue(s.m.inspector().walk(g, buf.start()).pending());
            assertEquals(0, s.value(g, buf.start()));
            s.m.read(g, buf.start()); // the grandchild's first statement copies the table
        }
        boolean shares = fp instanceof SharedPteFork;
        assertEquals(shares ? 3 : 1, s.refcount(g, buf.start()));
        // per-page work at fork raises the mapcount: classic, cow-pte and async-fork (in the child)
        int mapcount = shares && !((SharedPteFork) fp).mapcountPerSharer() ? 1 : 3;
        assertEquals(mapcount, s.mapcount(g, buf.start()));
        s.write(g, buf.start(), 3);
        s.write(c, buf.start(), 2);
        assertEquals(0, s.value(p, buf.start()));
        assertEquals(2, s.value(c, buf.start()));
        assertEquals(3, s.value(g, buf.start()));
        s.exit(c);
        s.exit(p);
        s.exit(g);
        assertEquals(0, s.m.memoryInUse());
    }

    @ParameterizedTest
    @MethodSource("dev.cowpte.mm.Sim#policyNames")
    void wipeonforkRegionComesToTheChildEmpty(String policy) {
        Sim s = new Sim();
        Mm p = s.process("parent");
        Vma keys = s.mmap(p, "keys", 2 * M, MapFlag.WIPEONFORK);
        s.write(p, keys.start(), 1234);
        Mm c = s.fork(p, "child", Sim.policy(policy));
        assertEquals(0, s.value(c, keys.start()));
        assertEquals(0, c.rss());
        assertEquals(1234, s.value(p, keys.start()));
        s.m.madvise(p, keys.start(), 2 * M, Advice.KEEPONFORK);
        Mm c2 = s.fork(p, "child2", Sim.policy(policy));
        assertEquals(1234, s.value(c2, keys.start()));
    }

    @ParameterizedTest
    @MethodSource("dev.cowpte.mm.Sim#policyNames")
    void sharedRegionIsSeenByParentAndChild(String policy) {
        Sim s = new Sim();
        Mm p = s.process("parent");
        Vma shm = s.mmap(p, "shm", 2 * M, MapFlag.SHARED);
        s.write(p, shm.start(), 5);
        Mm c = s.fork(p, "child", Sim.policy(policy));
        assertEquals(0, c.rss(), "shared regions are never copied at fork: faults fill them");
        assertEquals(5, s.m.read(c, shm.start()));
        s.write(c, shm.start() + PAGE, 6);
        assertEquals(6, s.m.read(p, shm.start() + PAGE));
        assertEquals(2, s.mapcount(p, shm.start()));
        assertEquals(1, c.rssShmem() + c.rssAnon() - 1);
        s.exit(p);
        assertEquals(6, s.value(c, shm.start() + PAGE));
        s.exit(c);
        assertEquals(0, s.m.memoryInUse());
    }

    @Test
    void zeroPageReadsThenWrites() {
        Sim s = new Sim();
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 1 * M);
        s.read(p, buf.start(), M);
        assertEquals(256, p.faults().zero());
        assertEquals(0, p.rss());
        assertEquals(0, s.m.dataPages());
        assertEquals(0, s.mapcount(p, buf.start()));
        s.touch(p, buf.start(), M);
        assertEquals(256, p.faults().cow(), "the zero page is always copied");
        assertEquals(256, p.rss());
        s.read(p, buf.start(), M);
        assertEquals(512, p.faults().all(), "a read of a present entry is no fault");
    }

    @Test
    void readsOfEmptyEntriesInASharedCowPteTableMapTheZeroPageThere() {
        Sim s = new Sim();
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 2 * M);
        s.write(p, buf.start(), 1);
        Mm c = s.fork(p, "c", ForkPolicies.COW_PTE);
        s.read(c, buf.start() + PAGE, PAGE);
        assertEquals(2, s.refcount(c, buf.start()), "a read does not break the table");
        assertTrue(s.m.inspector().walk(p, buf.start() + PAGE).pte().zeroPage());
        assertEquals(1, c.faults().zero());
        Mm q = s.process("q");
        Vma qbuf = s.mmap(q, "buf", 2 * M);
        s.write(q, qbuf.start(), 1);
        Mm q2 = s.fork(q, "q2", ForkPolicies.COW_PTE_RFC);
        s.read(q2, qbuf.start() + 2 * PAGE, PAGE);
        assertEquals(1, q2.faults().table(), "cow-pte-rfc breaks on any fault");
        assertEquals(1, s.refcount(q2, qbuf.start()));
    }

    @Test
    void fiveLevelPagingAddsAP4dTable() {
        Sim s = new Sim(MachineConfig.defaults().withLevels(5));
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 2 * M);
        s.touch(p, buf.start(), 2 * M);
        assertEquals(5 * 4 * K, s.m.pageTablesBytes());
        assertEquals(1, p.tables(Level.P4D));
        assertEquals(3 * 4 * K, p.pgtablesBytes(), "pgtables_bytes counts pud, pmd and pte tables");
        Vma high = s.mmapAt(p, "high", 1L << 50, 2 * M);
        s.touch(p, high.start(), PAGE);
        assertEquals(2, p.tables(Level.P4D));
        Mm c = s.fork(p, "c", ForkPolicies.CLASSIC);
        assertEquals(2, c.tables(Level.P4D));
        assertEquals(2, c.tables(Level.PTE));
    }

    @Test
    void fourLevelMachineRefusesAddressesAbove128TiB() {
        Sim s = new Sim();
        Mm p = s.process("p");
        org.junit.jupiter.api.Assertions.assertThrows(MmError.class,
                () -> s.m.mmap(p, "high", 2 * M, 1L << 50, java.util.Set.of()));
    }

    @Test
    void dontneedLeavesTablesUnlessPtReclaim() {
        for (boolean reclaim : new boolean[] {false, true}) {
            Sim s = new Sim(MachineConfig.defaults().withPtReclaim(reclaim));
            Mm p = s.process("p");
            Vma buf = s.mmap(p, "buf", 4 * M);
            s.touch(p, buf.start(), 4 * M);
            s.m.madvise(p, buf.start(), 4 * M, Advice.DONTNEED);
            s.check();
            assertEquals(0, p.rss());
            assertEquals(reclaim ? 0 : 2, p.tables(Level.PTE));
            assertEquals(0, s.value(p, buf.start()));
        }
    }

    @Test
    void munmapFreesTablesOnlyWhenNoMappingIsLeftInTheirRange() {
        Sim s = new Sim();
        Mm p = s.process("p");
        s.mmapAt(p, "a", BASE, M);
        s.mmapAt(p, "b", BASE + M, M);
        s.touch(p, BASE, 2 * M);
        s.munmap(p, BASE, M);
        assertEquals(1, p.tables(Level.PTE), "b still maps part of the table's 2 MiB");
        s.munmap(p, BASE + M, M);
        assertEquals(0, p.tables(Level.PTE));
        assertEquals(0, p.tables(Level.PMD));
        assertEquals(0, p.tables(Level.PUD));
        assertEquals(1, p.tables(Level.PGD));
    }

    @ParameterizedTest
    @MethodSource("dev.cowpte.mm.Sim#policyNames")
    void runningOutOfRam(String policy) {
        Sim s = new Sim(MachineConfig.defaults().withMemory(4 * M));
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 8 * M);
        org.junit.jupiter.api.Assertions.assertThrows(OutOfMemory.class, () -> s.m.touch(p, buf.start(), 8 * M, true));
        s.check();
        assertTrue(s.m.memoryInUse() <= 4 * M);
        s.munmap(p, buf.start() + 2 * M, 6 * M);
        s.touch(p, buf.start(), 2 * M);
        Mm c = null;
        try {
            c = s.m.fork(p, "c", Sim.policy(policy));
        } catch (OutOfMemory e) {
            assertFalse(Sim.policy(policy) instanceof SharedPteFork, policy + " shares the tables: no room needed");
        }
        s.check();
        if (c != null) {
            org.junit.jupiter.api.Assertions.assertThrows(OutOfMemory.class, () -> s.m.touch(
                    s.m.processes().get(1), buf.start(), 2 * M, true));
            s.check();
        }
    }

    @Test
    void segvKillsTheProcess() {
        Sim s = new Sim();
        Mm p = s.process("p");
        Vma ro = s.mmap(p, "ro", M, MapFlag.READONLY);
        s.read(p, ro.start(), PAGE);
        SegmentationFault f = org.junit.jupiter.api.Assertions.assertThrows(SegmentationFault.class,
                () -> s.m.read(p, ro.start() - G));
        assertEquals(p, f.mm());
        assertFalse(p.alive());
        s.check();
        Mm q = s.process("q");
        Vma r2 = s.mmap(q, "ro", M, MapFlag.READONLY);
        org.junit.jupiter.api.Assertions.assertThrows(SegmentationFault.class, () -> s.m.write(q, r2.start(), PAGE, 1));
        assertFalse(q.alive());
        assertEquals(0, s.m.memoryInUse());
    }

    @ParameterizedTest
    @MethodSource("dev.cowpte.mm.Sim#policyNames")
    void mprotectBreaksSharedTablesAndWriteProtects(String policy) {
        Sim s = new Sim();
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 2 * M);
        s.touch(p, buf.start(), 2 * M);
        Mm c = s.fork(p, "c", Sim.policy(policy));
        s.m.mprotect(c, buf.start(), M, false);
        s.check();
        assertEquals(1, s.refcount(c, buf.start()));
        org.junit.jupiter.api.Assertions.assertThrows(SegmentationFault.class, () -> s.m.write(c, buf.start(), PAGE, 1));
        s.check();
        s.write(p, buf.start(), 4);
        assertEquals(4, s.value(p, buf.start()));
    }

    @Test
    void mappingOneHundredTibAllocatesOnlyWhatATouchNeeds() {
        Sim s = new Sim();
        Mm p = s.process("p");
        Vma huge = s.mmapAt(p, "huge", 0x1000_0000_0000L, 100L << 40);
        s.touch(p, huge.start() + (50L << 40), PAGE);
        assertEquals(4, s.m.tables(Level.PGD) + s.m.tables(Level.PUD) + s.m.tables(Level.PMD) + s.m.tables(Level.PTE));
        assertEquals(1, s.m.dataPages());
        Mm c = s.fork(p, "c", ForkPolicies.CLASSIC);
        assertEquals(1, c.rss());
        s.munmap(p, huge.start(), 100L << 40);
        assertEquals(1, p.tables(Level.PGD) + p.tables(Level.PUD) + p.tables(Level.PMD) + p.tables(Level.PTE));
    }

    @Test
    void treeCondensesAlikePteTablesIntoRuns() {
        Sim s = new Sim();
        Mm p = s.process("parent");
        Vma buf = s.mmap(p, "buf", 64 * M);
        s.touch(p, buf.start(), 64 * M);
        Mm c = s.fork(p, "child", ForkPolicies.COW_PTE);
        s.write(c, buf.start() + 10 * M, 1);
        PageTableTree tree = s.m.inspector().tree(c);
        java.util.List<PageTableTree.Node> ptes = tree.nodes().stream().filter(n -> n.level() == Level.PTE).toList();
        assertEquals(3, ptes.size(), "shared run, the copied table, shared run");
        assertEquals(5, ptes.get(0).count());
        assertEquals(2, ptes.get(0).refcount());
        assertEquals(java.util.List.of("parent", "child"), ptes.get(0).sharers());
        assertTrue(ptes.get(0).writeProtected());
        assertEquals(1, ptes.get(1).count());
        assertEquals(1, ptes.get(1).refcount());
        assertEquals(26, ptes.get(2).count());
        assertEquals(512L * 26, ptes.get(2).mappedPages());
        assertEquals(Level.PGD, tree.nodes().get(0).level());
        assertEquals(5 + 1 + 26, ptes.stream().mapToInt(PageTableTree.Node::count).sum());
    }

    /** A shared mapping placed in the 2 MiB of a table a fork shared: the table is broken first. */
    @ParameterizedTest
    @ValueSource(strings = {"classic", "cow-pte", "cow-pte-rfc", "odf"})
    void aSharedMappingInsideASharedTable(String policy) {
        for (MapFlag[] flags : new MapFlag[][] {{MapFlag.SHARED}, {MapFlag.SHARED, MapFlag.READONLY}}) {
            Sim s = new Sim();
            Mm p = s.process("parent");
            s.mmapAt(p, "a", BASE, M);
            s.touch(p, BASE, M);
            s.write(p, BASE, 5);
            Mm c = s.fork(p, "child", Sim.policy(policy));
            s.mmapAt(p, "s", BASE + M, 64 * K, flags);
            assertEquals(1, s.refcount(p, BASE));
            s.read(p, BASE + M, 64 * K);
            s.read(p, BASE, M);
            s.read(c, BASE, M);
            assertEquals(5, s.value(p, BASE));
            assertEquals(5, s.value(c, BASE));
            assertEquals(0, s.value(p, BASE + M));
            if (flags.length == 1) {
                s.write(p, BASE + M, 9);
                assertEquals(9, s.value(p, BASE + M));
            }
            s.mmapAt(c, "s2", BASE + M, 64 * K, flags);
            s.read(c, BASE + M, 64 * K);
            s.exit(c);
            s.exit(p);
            assertEquals(0, s.m.memoryInUse());
        }
    }

    /** A machine whose heap guard says the JVM is full fails its next allocations, changing nothing. */
    @Test
    void aFullHeapIsAnOutOfMemoryBeforeAnythingChanges() {
        Sim s = new Sim();
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", G);
        boolean[] full = {false};
        s.m.heapGuard(() -> full[0]);
        s.touch(p, buf.start(), 4 * M);
        full[0] = true;
        try {
            s.m.touch(p, buf.start(), G, true);
            org.junit.jupiter.api.Assertions.fail("the touch went on with a full heap");
        } catch (OutOfMemory e) {
            assertTrue(e.heapBudget());
        }
        s.check();
        s.exit(p);
        assertEquals(0, s.m.memoryInUse());
    }
}
