package dev.cowpte.mm;

import static dev.cowpte.mm.Sim.M;
import static dev.cowpte.mm.Sim.PAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The edge cases of the two version-1.1 designs (MODEL.md), and the split of work at fork from deferred work. */
class NewDesignsTest {
    private static final long BASE = 0x7000_0000_0000L;

    // ---- async-fork ----

    @Test
    void asyncForkLeavesTheChildsPteTablesPendingUntilItsFirstStatement() {
        Sim s = new Sim();
        Mm p = s.process("parent");
        Vma buf = s.mmapAt(p, "buf", BASE, 8 * M);
        s.touch(p, BASE, 8 * M);
        s.write(p, BASE + M, 7);
        Work before = s.m.work();
        Mm c = s.fork(p, "child", ForkPolicies.ASYNC_FORK);
        Work fork = s.m.work().since(before);
        assertEquals(0, fork.pageUpdates(), "no per-page work in the parent's fork()");
        assertEquals(0, fork.entriesCopied());
        assertEquals(4, fork.tlbFlushes(), "one per write-protected pmd entry");
        assertEquals(3, fork.tablesAllocated(), "the child's pgd, pud and pmd");
        assertEquals(4, s.m.inspector().summary(c).pendingPteTables());
        assertEquals(4, s.m.inspector().summary(p).pendingPteTables());
        assertEquals(0, c.tables(Level.PTE));
        assertEquals(0, c.rss());
        assertTrue(s.m.inspector().walk(c, BASE + M).pending());
        PageWalk.TableStep parentPte = s.m.inspector().walk(p, BASE).pteTable();
        assertTrue(parentPte.writeProtected());
        assertEquals("pending copy to the child (async-fork)", parentPte.sharedBy().writeProtectedState());
        assertEquals(7, s.value(c, BASE + M), "peek (what expect does) does not run the child");
        assertEquals(4, s.m.inspector().summary(c).pendingPteTables());

        Work beforeRun = s.m.work();
        s.m.read(c, BASE + M); // the child's first statement
        Work copy = s.m.work().since(beforeRun);
        assertEquals(4 * 512, copy.pageUpdates(), "the child copies as classic does");
        assertEquals(4, copy.tablesAllocated());
        assertEquals(0, s.m.inspector().summary(c).pendingPteTables());
        assertEquals(2048, c.rss());
        assertEquals(4L * 4096 + 2 * 4096, c.pgtablesBytes(), "as classic once copied");
        assertFalse(s.m.inspector().walk(p, BASE).pteTable().writeProtected());
        assertEquals(2, s.mapcount(p, BASE));
        s.check();
        s.exit(c);
        s.exit(p);
        assertEquals(0, s.m.memoryInUse());
        assertTrue(buf.end() > buf.start());
    }

    @Test
    void asyncForkParentFaultCopiesOnlyThatTableFirst() {
        Sim s = new Sim();
        Mm p = s.process("parent");
        s.mmapAt(p, "buf", BASE, 8 * M);
        s.touch(p, BASE, 8 * M);
        Mm c = s.fork(p, "child", ForkPolicies.ASYNC_FORK);
        s.write(p, BASE + 2 * M + PAGE, 9);
        assertEquals(3, s.m.inspector().summary(c).pendingPteTables());
        assertEquals(1, c.tables(Level.PTE));
        assertEquals(0, s.value(c, BASE + 2 * M + PAGE), "the child got the table before the parent's write");
        assertEquals(9, s.value(p, BASE + 2 * M + PAGE));
        assertEquals(1, p.faults().cow(), "the parent's write is a copy-on-write fault, as classic");
        s.read(p, BASE + 4 * M, PAGE);
        assertEquals(3, s.m.inspector().summary(c).pendingPteTables(), "a read of a present entry is no fault");
        s.m.pin(p, BASE + 6 * M, PAGE);
        assertEquals(2, s.m.inspector().summary(c).pendingPteTables(), "a pin copies its table first");
        s.check();
    }

    @Test
    void asyncForkParentVmaChangeCopiesTheWholeVmaFirst() {
        Sim s = new Sim();
        Mm p = s.process("parent");
        s.mmapAt(p, "a", BASE, 4 * M);
        s.mmapAt(p, "b", BASE + 8 * M, 4 * M);
        s.touch(p, BASE, 4 * M);
        s.touch(p, BASE + 8 * M, 4 * M);
        Mm c = s.fork(p, "child", ForkPolicies.ASYNC_FORK);
        assertEquals(4, s.m.inspector().summary(c).pendingPteTables());
        s.m.mprotect(p, BASE + 8 * M, PAGE, false);
        assertEquals(2, s.m.inspector().summary(c).pendingPteTables(), "b's two tables, not a's");
        s.m.madvise(p, BASE, PAGE, Advice.DONTNEED);
        assertEquals(0, s.m.inspector().summary(c).pendingPteTables());
        assertEquals(0, s.value(c, BASE));
        s.check();
    }

    @Test
    void asyncForkParentForkOrExitCopiesEverythingFirst() {
        for (boolean exit : new boolean[] {false, true}) {
            Sim s = new Sim();
            Mm p = s.process("parent");
            s.mmapAt(p, "a", BASE, 4 * M);
            s.touch(p, BASE, 4 * M);
            s.write(p, BASE, 5);
            Mm c = s.fork(p, "child", ForkPolicies.ASYNC_FORK);
            Work deferredBefore = s.m.workDeferred();
            if (exit) {
                s.exit(p);
            } else {
                s.fork(p, "second", ForkPolicies.ASYNC_FORK);
            }
            assertEquals(0, s.m.inspector().summary(c).pendingPteTables());
            assertEquals(1024, s.m.workDeferred().since(deferredBefore).pageUpdates(),
                    "the first child's copy is the first fork's deferred work");
            assertEquals(5, s.value(c, BASE));
            s.check();
        }
    }

    @Test
    void asyncForkChildThatExitsFirstCopiesThenExits() {
        Sim s = new Sim();
        Mm p = s.process("parent");
        s.mmapAt(p, "a", BASE, 2 * M);
        s.touch(p, BASE, 2 * M);
        Mm c = s.fork(p, "child", ForkPolicies.ASYNC_FORK);
        s.exit(c);
        assertFalse(s.m.inspector().walk(p, BASE).pteTable().writeProtected());
        assertEquals(1, s.mapcount(p, BASE));
        s.write(p, BASE, 3);
        assertEquals(0, p.faults().cow(), "the page is exclusive again: reused");
        s.check();
    }

    // ---- phillips ----

    @Test
    void phillipsSharesEveryPteTableWithNoPerPageWorkAndChargesBoth() {
        Sim s = new Sim();
        Mm p = s.process("parent");
        s.mmapAt(p, "a", BASE, M);
        s.mmapAt(p, "b", BASE + M, M);
        s.touch(p, BASE, 2 * M);
        Work before = s.m.work();
        Mm c = s.fork(p, "child", ForkPolicies.PHILLIPS);
        Work fork = s.m.work().since(before);
        assertEquals(0, fork.pageUpdates());
        assertEquals(1, fork.tablesShared(), "a table two regions cover is shared too");
        assertEquals(2, s.refcount(c, BASE));
        assertEquals(512, c.rss(), "each sharer is charged, as cow-pte");
        assertEquals(3 * 4096, c.pgtablesBytes());
        assertEquals(1, s.mapcount(c, BASE), "no per-page work: one mapcount per physical entry");
    }

    @Test
    void phillipsReadsNeverPrivatize() {
        Sim s = new Sim();
        Mm p = s.process("parent");
        s.mmapAt(p, "a", BASE, 2 * M);
        s.write(p, BASE, 1);
        Mm c = s.fork(p, "child", ForkPolicies.PHILLIPS);
        s.read(c, BASE, 2 * M);
        assertEquals(2, s.refcount(c, BASE));
        assertEquals(0, c.faults().table());
        assertEquals(511, c.faults().zero(), "reads of empty entries put the zero page in the shared table");
        assertTrue(s.m.inspector().walk(p, BASE + PAGE).pte().zeroPage());
    }

    @Test
    void phillipsWriteFaultPrivatizesByCopyThenTheLastSharerReuses() {
        Sim s = new Sim();
        Mm p = s.process("parent");
        s.mmapAt(p, "a", BASE, 2 * M);
        s.touch(p, BASE, 2 * M);
        s.write(p, BASE, 4);
        Mm c = s.fork(p, "child", ForkPolicies.PHILLIPS);
        Work before = s.m.work();
        s.write(c, BASE, 8);
        Work priv = s.m.work().since(before);
        assertEquals(1, priv.tablesCopied());
        assertEquals(512, priv.entriesCopied());
        assertEquals(512, priv.pageUpdates(), "the per-page work a classic fork would have done, for the copy");
        assertEquals(1, s.refcount(c, BASE));
        assertEquals(1, s.refcount(p, BASE), "use count -1");
        assertEquals(1, c.faults().table());
        assertEquals(4, s.value(p, BASE));
        assertEquals(8, s.value(c, BASE));
        Work reuseBefore = s.m.work();
        s.write(p, BASE + PAGE, 5);
        assertEquals(1, s.m.work().since(reuseBefore).tablesReused(),
                "use count 1 at the parent's write fault: the table is made private in place");
        s.check();
        Mm q = s.process("q");
        s.mmapAt(q, "a", BASE, 2 * M);
        s.touch(q, BASE, 2 * M);
        Mm q2 = s.fork(q, "q2", ForkPolicies.PHILLIPS);
        s.exit(q2);
        Work exitBefore = s.m.work();
        s.write(q, BASE, 1);
        assertEquals(1, s.m.work().since(exitBefore).tablesReused(), "the sharer left: made private in place");
        assertEquals(0, s.m.work().since(exitBefore).pagesCopied());
        s.check();
    }

    // ---- work at fork against deferred work, for every policy ----

    @ParameterizedTest
    @MethodSource("dev.cowpte.mm.Sim#policyNames")
    void workIsSplitIntoAtForkAndDeferred(String name) {
        ForkPolicy policy = Sim.policy(name);
        Sim s = new Sim();
        Mm p = s.process("parent");
        s.mmapAt(p, "a", BASE, 4 * M);
        s.touch(p, BASE, 4 * M);
        Work total0 = s.m.work();
        Work fork0 = s.m.workAtFork();
        Work def0 = s.m.workDeferred();
        Mm c = s.fork(p, "child", policy);
        Work atFork = s.m.workAtFork().since(fork0);
        assertEquals(s.m.work().since(total0).asMap(), atFork.asMap(), "all of fork()'s work is at fork");
        assertTrue(s.m.workDeferred().since(def0).isZero());
        s.touch(c, BASE, 4 * M);
        s.exit(c);
        Work deferred = s.m.workDeferred().since(def0);
        assertEquals(1024, deferred.pagesCopied(), "every page the child wrote was copied: deferred");
        assertEquals(s.m.workAtFork().since(fork0).asMap(), atFork.asMap(), "nothing more at fork");
        long perPage = atFork.pageUpdates() + deferred.pageUpdates();
        assertTrue(perPage >= 1024, name + ": the per-page work is done at fork or later, " + perPage);
    }
}
