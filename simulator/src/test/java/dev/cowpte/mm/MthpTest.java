package dev.cowpte.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Multi-size THP: PTE-mapped large folios through fault, fork, COW, partial unmap, pins and exit. */
class MthpTest {
    private static final long K = Sim.K;
    private static final long M = Sim.M;
    private static final long PAGE = Sim.PAGE;

    private static MachineConfig config(long size, MthpSettings.Mode mode, KernelRules rules) {
        MachineConfig c = MachineConfig.defaults();
        return c.withMthp(c.mthp().with(MthpSettings.orderOf(size), mode)).withRules(rules);
    }

    private static Sim sim(long size) {
        return new Sim(config(size, MthpSettings.Mode.ALWAYS, new KernelRules(true, true, true)));
    }

    @Test
    void sixtyFourMibTouchedWithSixtyFourKibFoliosTakesOneThousandTwentyFourFaults() {
        Sim s = sim(64 * K);
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 64 * M);
        s.touch(p, buf.start(), 64 * M);
        s.check();
        assertEquals(1024, p.faults().all());
        assertEquals(64 * M / PAGE, p.rss());
        assertEquals(0, p.anonHugeBytes());
        MthpStats st = s.m.mthpStats(64 * K);
        assertEquals(1024, st.anonFaultAlloc());
        assertEquals(1024, st.nrAnon());
        assertEquals(0, st.anonFaultFallback());
    }

    @Test
    void aFaultTakesTheHighestOrderWhoseAlignedRangeIsEmptyAndInsideTheVma() {
        MachineConfig c = MachineConfig.defaults();
        c = c.withMthp(c.mthp().with(MthpSettings.orderOf(64 * K), MthpSettings.Mode.ALWAYS)
                .with(MthpSettings.orderOf(16 * K), MthpSettings.Mode.ALWAYS));
        Sim s = new Sim(c);
        Mm p = s.process("p");
        Vma buf = s.mmapAt(p, "buf", 0x10000000L + 16 * K, 64 * K); // 16 KiB off a 64 KiB boundary
        s.read(p, buf.start() + 4 * PAGE, PAGE); // the zero page at page 4
        s.touch(p, buf.start(), 64 * K);
        s.check();
        // pages 0-3: one 16 KiB folio; page 4 the zero page made its 16 KiB range non-empty:
        // pages 4..7 one page each; 8-11 a 16 KiB folio; 12-15 (past a 64 KiB boundary, but the
        // 64 KiB range leaves the vma) a 16 KiB folio
        assertEquals(1 + 1 + 4 + 1 + 1, p.faults().all());
        assertEquals(3, s.m.mthpStats(16 * K).anonFaultAlloc());
        assertEquals(0, s.m.mthpStats(64 * K).anonFaultAlloc());
    }

    static java.util.List<String> policies() {
        return Sim.policyNames();
    }

    @ParameterizedTest
    @MethodSource("policies")
    void forkSharesTheFolioAndACowCopiesOnePage(String policy) {
        Sim s = sim(64 * K);
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 64 * K);
        s.touch(p, buf.start(), 64 * K);
        Mm c = s.fork(p, "c", Sim.policy(policy));
        s.check();
        for (int k = 0; k < 16 && policy.equals("classic"); k++) {
            assertEquals(2, s.mapcount(p, buf.start() + k * PAGE), "page " + k);
        }
        Work before = s.m.work();
        long faults = c.faults().all();
        s.write(c, buf.start() + 3 * PAGE, 7);
        assertEquals(faults + 1, c.faults().all());
        assertEquals(1, s.m.work().since(before).pagesCopied());
        assertEquals(1, s.mapcount(p, buf.start() + 3 * PAGE));
        assertEquals(2, s.mapcount(p, buf.start() + 4 * PAGE), "the child still maps the folio's other pages");
        s.touch(c, buf.start(), 64 * K);
        assertEquals(faults + 16, c.faults().all(), "the other 15 pages fault one by one");
        assertEquals(16, s.m.work().since(before).pagesCopied());
        s.check();
    }

    @Test
    void afterTheChildExitsTheParentsWriteReusesItsPageInPlace() {
        Sim s = sim(64 * K);
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 64 * K);
        s.touch(p, buf.start(), 64 * K);
        Mm c = s.fork(p, "c", Sim.policy("classic"));
        s.exit(c);
        Work before = s.m.work();
        int pfn = s.m.inspector().walk(p, buf.start()).pte() == null ? -1
                : (int) s.m.inspector().walk(p, buf.start()).pte().pfn();
        s.write(p, buf.start(), 9);
        assertEquals(0, s.m.work().since(before).pagesCopied());
        assertEquals(pfn, s.m.inspector().walk(p, buf.start()).pte().pfn());
        s.check();
    }

    @Test
    void beforeLinux615ThePageOfALargeFolioIsCopiedEvenWhenExclusive() {
        Sim s = new Sim(config(64 * K, MthpSettings.Mode.ALWAYS, new KernelRules(true, false, true)));
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 64 * K);
        s.touch(p, buf.start(), 64 * K);
        Mm c = s.fork(p, "c", Sim.policy("classic"));
        s.exit(c);
        Work before = s.m.work();
        s.write(p, buf.start(), 9);
        assertEquals(1, s.m.work().since(before).pagesCopied());
        s.check();
    }

    @Test
    void forkBatchingCountsOneUpdatePerFolio() {
        for (boolean batching : new boolean[] {false, true}) {
            Sim s = new Sim(config(64 * K, MthpSettings.Mode.ALWAYS, new KernelRules(batching, true, true)));
            Mm p = s.process("p");
            Vma buf = s.mmap(p, "buf", 2 * M);
            s.touch(p, buf.start(), 2 * M);
            Work before = s.m.work();
            s.fork(p, "c", Sim.policy("classic"));
            Work fork = s.m.work().since(before);
            assertEquals(batching ? 32 : 512, fork.pageUpdates());
            assertEquals(batching ? 32 : 512, fork.entriesCopied());
        }
    }

    @Test
    void partialMunmapQueuesADeferredSplitAndWholeExitDoesNot() {
        Sim s = sim(64 * K);
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 128 * K);
        s.touch(p, buf.start(), 128 * K);
        s.munmap(p, buf.start(), 32 * K);
        s.check();
        assertEquals(24, p.rss());
        MthpStats st = s.m.mthpStats(64 * K);
        assertEquals(1, st.splitDeferred());
        assertEquals(1, st.nrAnonPartiallyMapped());
        assertEquals(2, st.nrAnon());
        s.exit(p);
        st = s.m.mthpStats(64 * K);
        assertEquals(1, st.splitDeferred());
        assertEquals(0, st.nrAnon());
        assertEquals(0, st.nrAnonPartiallyMapped());
    }

    @Test
    void aPinOnOnePageOfAFolioMakesForkCopyEveryPageOfIt() {
        Sim s = sim(16 * K);
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 32 * K);
        s.touch(p, buf.start(), 32 * K);
        s.m.pin(p, buf.start(), PAGE);
        Mm c = s.fork(p, "c", Sim.policy("classic"));
        s.check();
        // folio_maybe_dma_pinned counts a large folio's pins for all its pages (measured on 6.18)
        for (int k = 0; k < 4; k++) {
            assertEquals(1, s.mapcount(p, buf.start() + k * PAGE), "page " + k + " of the pinned folio");
        }
        assertEquals(2, s.mapcount(p, buf.start() + 4 * PAGE), "the next folio is shared");
        assertNotEquals(s.m.inspector().walk(p, buf.start()).pte().pfn(), s.m.inspector().walk(c, buf.start()).pte().pfn());
    }

    @Test
    void aFolioMovedAcrossATwoMibBoundaryIsStillReusedByAWriteOfTheMmThatMapsItAll() {
        Sim s = sim(64 * K);
        Mm p = s.process("p");
        long at = 0x2000_0000_0000L;
        s.mmapAt(p, "buf", at, 64 * K);
        s.touch(p, at, 64 * K);
        s.exit(s.fork(p, "c", Sim.policy("classic"))); // the folio's entries stay read-only
        // half the folio lands in one PTE table, half in the next
        Vma v = s.m.mremap(p, at, 64 * K, 64 * K, at + 8 * M - 32 * K);
        s.check();
        long memory = s.m.memoryInUse();
        s.write(p, v.start(), 7);
        assertEquals(0, p.faults().cow(), "__wp_can_reuse_large_anon_folio: every mapping is p's");
        assertEquals(memory, s.m.memoryInUse());
        assertEquals(0, s.m.mthpStats(64 * K).splitDeferred());
    }
}
