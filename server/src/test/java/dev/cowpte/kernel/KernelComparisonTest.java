package dev.cowpte.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.kernel.KernelRow.Kind;
import dev.cowpte.kernel.KernelRow.Verdict;
import dev.cowpte.run.RunOptions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a user of {@code cowpte kernel} sees, on the running kernel. */
class KernelComparisonTest {

    private static KernelReport run(KernelComparison k, String text) {
        return k.run(text, RunOptions.defaults(), KernelComparison.Progress.NONE);
    }

    private static KernelRow row(KernelReport r, int line, String counter) {
        return r.rows().stream().filter(x -> x.range().line() == line && x.counter().equals(counter)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for line " + line + " " + counter + " in " + r.rows()));
    }

    @Test
    void countersOfEachStatementStandBesideTheSimulation() {
        KernelComparison k = KernelEnvironment.require("counters");
        KernelReport r = run(k, """
                process p
                mmap p buf 4M
                touch p buf
                fork p -> c
                write c buf[0] = 5
                expect value p buf[0] == 0
                expect value c buf[0] == 5
                expect mapcount p buf[1] == 2
                expect pagetables c == 16K
                """);
        assertEquals(0, r.exitCode(), r.rows().toString());
        KernelRow rss = row(r, 3, "rss p");
        assertEquals("4 MiB", rss.kernel());
        assertEquals(Verdict.AGREE, rss.verdict());
        assertEquals("1024", row(r, 3, "faults p").kernel());
        assertEquals("2", row(r, 8, "mapcount p buf[1]").kernel());
        assertEquals("5", row(r, 7, "value c buf[0]").kernel());
        assertEquals("16 KiB", row(r, 9, "pagetables c").kernel());
        assertEquals("1", row(r, 5, "faults c").kernel(), "the child's write is one COW fault");
        assertNoneLeft();
    }

    @Test
    void aSegmentationFaultOnBothSidesAgrees() {
        KernelComparison k = KernelEnvironment.require("segv");
        KernelReport r = run(k, """
                process p
                mmap p buf 16 readonly
                expect segv write p buf[3]
                """);
        KernelRow segv = row(r, 3, "segv p");
        assertEquals(Verdict.AGREE, segv.verdict());
        assertTrue(segv.note().contains("SIGSEGV at 0x7effffe03000"), segv.note());
        assertNoneLeft();
    }

    @Test
    void theFaultsOfAProcessKilledBySegvStayInTheMachineWideCount() {
        KernelComparison k = KernelEnvironment.require("segv faults");
        KernelReport r = run(k, """
                process p
                mmap p a 4
                touch p a
                process q
                mmap q b 1
                touch q b
                expect segv read p 0x6000_0000_0000
                expect faults == 5
                """);
        KernelRow faults = row(r, 8, "faults");
        assertEquals("5", faults.kernel());
        assertEquals(Verdict.AGREE, faults.verdict());
    }

    @Test
    void aRegionUnderTheHelpersOwnUpperTablesIsNotComparedInPageTableBytes() {
        KernelComparison k = KernelEnvironment.require("helper slots");
        KernelReport r = run(k, """
                process p
                mmap p a 4 at 0x4000_0000
                touch p a
                expect pagetables p == 12K
                expect rss p == 4
                """);
        KernelRow tables = row(r, 4, "pagetables p");
        assertEquals(Verdict.NOT_COMPARABLE, tables.verdict());
        assertTrue(tables.note().contains("the helper's own mapping"), tables.note());
        assertEquals(Verdict.AGREE, row(r, 5, "rss p").verdict());
        assertEquals(0, r.count(Verdict.DISAGREE));
    }

    @Test
    void aForkTheKernelCannotMakeIsNotComparedButValuesAre() {
        KernelComparison k = KernelEnvironment.require("policies");
        KernelReport r = run(k, """
                process p
                mmap p buf 2M
                touch p buf
                fork p -> c policy cow-pte
                expect pagetables c == 12K
                expect value c buf[0] == 0
                """);
        KernelRow tables = row(r, 5, "pagetables c");
        assertEquals(Verdict.NOT_COMPARABLE, tables.verdict());
        assertTrue(tables.note().contains("line 4 forks with policy cow-pte"), tables.note());
        assertEquals(Verdict.AGREE, row(r, 6, "value c buf[0]").verdict());
        assertEquals(0, r.count(Verdict.DISAGREE));
    }

    @Test
    void aModelThatDoesNotReclaimTablesIsCaughtDisagreeing() {
        KernelComparison real = KernelEnvironment.require("disagreements");
        // Told (wrongly) that this kernel has no CONFIG_PT_RECLAIM, the simulation keeps the
        // table that the kernel frees: the comparison must say so, with the line.
        KernelFacts f = real.facts();
        KernelFacts wrong = new KernelFacts(f.linux(), f.root(), f.release(), f.arch(), f.thp(), Optional.of(false),
                f.levels(), f.pgdBytes(), f.memAvailable(), f.pfnsReadable());
        KernelReport r = run(new KernelComparison(new ProcFs(), wrong), """
                process p
                mmap p buf 4M
                touch p buf
                madvise p buf[0..512] dontneed
                expect pagetables p == 16K
                """);
        if (!real.facts().ptReclaim().orElse(false)) {
            return; // this kernel keeps the table too: nothing to disagree about
        }
        KernelRow vmpte = row(r, 5, "pagetables p");
        assertEquals(Verdict.DISAGREE, vmpte.verdict());
        assertEquals("12 KiB", vmpte.kernel());
        assertEquals("16 KiB", vmpte.simulated());
        assertEquals(1, r.exitCode());
    }

    @Test
    void aScenarioLargerThanTheMachineIsRefusedBeforeAnythingRuns() {
        KernelComparison k = KernelEnvironment.require("refusal");
        long gib = k.facts().memAvailable() / (1L << 30) + 2;
        KernelReport r = run(k, "machine memory " + (gib + 1) + "G\nprocess p\nmmap p buf " + gib + "G\ntouch p buf\n");
        assertFalse(r.refused().isEmpty());
        assertTrue(r.refused().get(0).contains("available"), r.refused().toString());
        assertEquals(List.of(), r.rows());
        assertNoneLeft();
    }

    @Test
    void hugePagesAreComparedAsAnonHugePagesAndHugeWalks() {
        KernelComparison k = KernelEnvironment.require("thp");
        KernelReport r = run(k, """
                machine thp always
                process p
                mmap p buf 4M
                mmap p small 4M nohugepage
                touch p buf
                touch p small
                expect huge p buf[3]
                expect huge p small[3]
                expect thp p == 4M
                """);
        assertEquals(1, r.exitCode(), "line 8 fails on both sides: " + r.rows());
        assertEquals(0, r.count(Verdict.DISAGREE), r.rows().toString());
        KernelRow thp = row(r, 5, "thp p");
        assertEquals("4 MiB", thp.kernel());
        assertEquals(Verdict.AGREE, thp.verdict());
        assertEquals("2", row(r, 5, "faults p").kernel(), "one fault per 2 MiB");
        assertEquals("1026", row(r, 6, "faults p").kernel(), "nohugepage: 4 KiB pages");
        KernelRow huge = r.rows().stream().filter(x -> x.range().line() == 7).findFirst().orElseThrow();
        assertEquals(Verdict.AGREE, huge.verdict());
        assertEquals(Boolean.TRUE, huge.heldOnKernel());
        KernelRow small = r.rows().stream().filter(x -> x.range().line() == 8).findFirst().orElseThrow();
        assertEquals(Verdict.AGREE, small.verdict());
        assertEquals(Boolean.FALSE, small.heldOnKernel());
        assertEquals("no huge PMD", small.kernel());
        assertNoneLeft();
    }

    @Test
    void aThpScenarioOnAKernelWithThpOffIsRefused() {
        KernelComparison real = KernelEnvironment.require("thp refusal");
        KernelFacts f = real.facts();
        KernelFacts off = new KernelFacts(f.linux(), f.root(), f.release(), f.arch(), "never", f.ptReclaim(),
                f.levels(), f.pgdBytes(), f.memAvailable(), f.pfnsReadable());
        KernelReport r = run(new KernelComparison(new ProcFs(), off), "machine thp always\nprocess p\nmmap p buf 2M\n");
        assertFalse(r.refused().isEmpty());
        assertTrue(r.refused().get(0).contains("transparent huge pages are off"), r.refused().toString());
        assertEquals(List.of(), r.rows());
    }

    @Test
    void errorsInTheScenarioAreReportedNotRun() {
        KernelComparison k = KernelEnvironment.require("errors");
        KernelReport r = run(k, "process p\ntouch p nowhere\n");
        assertEquals(2, r.exitCode());
        assertTrue(r.rows().stream().noneMatch(x -> x.kind() == Kind.COUNTER));
    }

    /** No helper process (built in this test's cache folder) outlives a comparison. */
    private static void assertNoneLeft() {
        String mine = OracleBuild.cacheDir().toAbsolutePath().toString();
        List<String> left = ProcessHandle.allProcesses()
                .filter(h -> h.info().command().map(c -> c.startsWith(mine) && c.endsWith("cowpte-oracle"))
                        .orElse(false))
                .map(h -> h.pid() + " " + h.info().command().orElse("")).toList();
        assertEquals(List.of(), left, "helper processes left behind");
    }
}
