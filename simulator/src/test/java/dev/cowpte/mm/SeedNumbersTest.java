package dev.cowpte.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The numbers MODEL.md takes from the seeds: 1 GiB touched and forked under each policy. */
class SeedNumbersTest {
    private static final long GIB = 1L << 30;
    private static final long PAGES = GIB / Geometry.PAGE_SIZE;

    private record Forked(Machine m, Mm parent, Mm child, long tablesBefore, Work fork) {
    }

    private static Forked forkOneGib(ForkPolicy policy) {
        Machine m = new Machine();
        Mm parent = m.createProcess("parent");
        Vma buf = m.mmap(parent, "buf", GIB, null, Set.of());
        m.touch(parent, buf.start(), GIB, true);
        long before = m.pageTablesBytes();
        Work w = m.work();
        Mm child = m.fork(parent, "child", policy);
        return new Forked(m, parent, child, before, m.work().since(w));
    }

    @Test
    void firstMmapOfOneGibCoversOnePmdTable() {
        Machine m = new Machine();
        Mm p = m.createProcess("p");
        Vma buf = m.mmap(p, "buf", GIB, null, Set.of());
        assertEquals(0x7f00_0000_0000L - GIB, buf.start());
        assertEquals(0, buf.start() % GIB);
    }

    @Test
    void classicForkAddsTwoThousandSixtyKib() {
        Forked f = forkOneGib(ForkPolicies.CLASSIC);
        assertEquals(2060L * 1024, f.m.pageTablesBytes() - f.tablesBefore);
        assertEquals(PAGES, f.child.rss());
        assertEquals(PAGES, f.parent.rss());
        assertEquals(514L * 4096, f.child.pgtablesBytes());
        assertEquals(PAGES, f.fork.pageUpdates());
        assertEquals(515, f.fork.tablesAllocated());
        assertEquals(2, f.m.inspector().mapcount(f.parent, 0x7f00_0000_0000L - GIB));
        assertEquals(1, f.m.inspector().pteRefcount(f.parent, 0x7f00_0000_0000L - GIB));
        assertTrue(f.m.checkInvariants().isEmpty(), () -> f.m.checkInvariants().toString());
    }

    @ParameterizedTest
    @MethodSource("dev.cowpte.mm.Sim#sharingPolicyNames")
    void sharingPoliciesAddTwelveKib(String name) {
        Forked f = forkOneGib(ForkPolicies.byName(name).orElseThrow());
        assertEquals(12L * 1024, f.m.pageTablesBytes() - f.tablesBefore);
        assertEquals(512, f.fork.tablesShared());
        assertEquals(2, f.m.inspector().pteRefcount(f.child, 0x7f00_0000_0000L - GIB));
        assertTrue(f.m.checkInvariants().isEmpty(), () -> f.m.checkInvariants().toString());
    }

    @Test
    void cowPteForkDoesClassicPerPageWorkAndChargesEverySharer() {
        Forked f = forkOneGib(ForkPolicies.COW_PTE);
        assertEquals(PAGES, f.fork.pageUpdates());
        assertEquals(PAGES, f.child.rss());
        assertEquals(514L * 4096, f.child.pgtablesBytes());
        assertEquals(2, f.m.inspector().mapcount(f.child, 0x7f00_0000_0000L - GIB));
    }

    @ParameterizedTest
    @MethodSource("dev.cowpte.mm.Sim#policyNames")
    void everyPolicyFlushesEachTwoMibRangeOnceAtFork(String name) {
        Forked f = forkOneGib(ForkPolicies.byName(name).orElseThrow());
        assertEquals(512, f.fork.tlbFlushes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cow-pte-rfc", "odf"})
    void ownerAccountingLeavesTheChildEmptyUntilItBreaksTables(String name) {
        Forked f = forkOneGib(ForkPolicies.byName(name).orElseThrow());
        assertEquals(0, f.fork.pageUpdates());
        assertEquals(0, f.child.rss());
        assertEquals(2L * 4096, f.child.pgtablesBytes());
        assertEquals(PAGES, f.parent.rss());
        assertEquals(514L * 4096, f.parent.pgtablesBytes());
        assertEquals(1, f.m.inspector().mapcount(f.child, 0x7f00_0000_0000L - GIB));
    }
}
