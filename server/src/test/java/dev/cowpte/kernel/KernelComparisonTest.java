package dev.cowpte.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.kernel.KernelRow.Kind;
import dev.cowpte.kernel.KernelRow.Verdict;
import dev.cowpte.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void aSimulationWithoutTheKernelsFaultAroundIsCaughtDisagreeing() {
        KernelComparison k = KernelEnvironment.require("disagreements");
        // The negative control, on every Linux: the kernel maps the 16-page window of a shared
        // read fault (fault_around_bytes, 64 KiB), which 'machine fault-around off' does not, and
        // the comparison must say so, with the line, whatever the kernel's configuration.
        KernelReport r = run(k, """
                machine fault-around off
                process parent
                mmap parent shm 64 shared
                write parent shm[16..24] = 3
                fork parent -> child
                read child shm[20]
                expect faults child == 1
                """);
        assertEquals(List.of(), r.refused());
        KernelRow rss = row(r, 6, "rss child");
        assertEquals(Verdict.DISAGREE, rss.verdict());
        assertEquals("32 KiB", rss.kernel(), "the eight pages of the window the page cache holds");
        assertEquals("4 KiB", rss.simulated());
        assertEquals(Verdict.AGREE, row(r, 7, "faults child").verdict(), "one fault on both sides");
        assertEquals(1, r.exitCode());
    }

    @Test
    void aPtReclaimOtherThanTheKernelsIsCaughtDisagreeingWhateverItsConfig() {
        KernelComparison real = KernelEnvironment.require("disagreements");
        // Told nothing of CONFIG_PT_RECLAIM (as in a container without the kernel's config), the
        // comparison runs both settings; the kernel has one of them, and the other must disagree.
        KernelFacts f = real.facts();
        KernelFacts unknown = new KernelFacts(f.linux(), f.root(), f.release(), f.arch(), f.thp(), Optional.empty(),
                f.levels(), f.pgdBytes(), f.memAvailable(), f.pfnsReadable());
        KernelComparison k = new KernelComparison(new ProcFs(), unknown);
        String scenario = """
                process p
                mmap p buf 4M
                touch p buf
                madvise p buf[0..512] dontneed
                expect pagetables p <= 16K
                """;
        KernelReport on = run(k, "machine pt-reclaim on\n" + scenario);
        KernelReport off = run(k, "machine pt-reclaim off\n" + scenario);
        KernelRow onRow = row(on, 6, "pagetables p");
        KernelRow offRow = row(off, 6, "pagetables p");
        assertEquals(onRow.kernel(), offRow.kernel(), "the same kernel both times");
        assertEquals("12 KiB", onRow.simulated(), "pt-reclaim frees the emptied table");
        assertEquals("16 KiB", offRow.simulated());
        assertTrue(onRow.verdict() == Verdict.DISAGREE ^ offRow.verdict() == Verdict.DISAGREE,
                "exactly one setting is this kernel's: " + onRow + " / " + offRow);
        KernelReport wrong = onRow.verdict() == Verdict.DISAGREE ? on : off;
        assertEquals(1, wrong.exitCode());
        f.ptReclaim().ifPresent(has -> assertEquals(has, offRow.verdict() == Verdict.DISAGREE,
                "the setting that disagrees is the one this kernel's config does not have"));
    }

    @Test
    void aCallTheKernelRefusesAndTheSimulationMakesIsADisagreement() throws Exception {
        KernelComparison k = KernelEnvironment.require("one-sided calls");
        // The kernel's overcommit check refuses a private writable mapping larger than its RAM and
        // swap (vm.overcommit_memory 0, the default, or 2); the model has no overcommit accounting.
        String mode = Files.readString(Path.of("/proc/sys/vm/overcommit_memory")).trim();
        KernelReport r = run(k, """
                process p
                mmap p big 1T
                touch p big[0..4]
                expect rss p == 4
                """);
        if (mode.equals("1")) {
            assertEquals(Verdict.AGREE, row(r, 4, "rss p").verdict(), "vm.overcommit_memory 1 maps anything");
            return;
        }
        KernelRow mmap = row(r, 2, "mmap p");
        assertEquals(Verdict.DISAGREE, mmap.verdict());
        assertTrue(mmap.kernel().startsWith("refused: ENOMEM"), mmap.kernel());
        assertEquals("made", mmap.simulated());
        KernelRow rss = row(r, 4, "rss p");
        assertEquals(Verdict.NOT_COMPARABLE, rss.verdict(), "p is compared no more");
        assertTrue(rss.note().contains("the kernel refused mmap p at line 2"), rss.note());
        assertEquals(1, r.exitCode());
        assertNoneLeft();
    }

    @Test
    void aCallTheSimulationRefusesAndTheKernelMakesIsADisagreement() {
        KernelComparison k = KernelEnvironment.require("one-sided calls");
        KernelReport r = run(k, """
                machine memory 16M
                process p
                mmap p buf 32M
                touch p buf
                """);
        KernelRow touch = row(r, 4, "touch p");
        assertEquals(Verdict.DISAGREE, touch.verdict());
        assertEquals("made", touch.kernel());
        assertTrue(touch.simulated().startsWith("refused: out of memory: the machine's 16 MiB"), touch.simulated());
        assertEquals(2, r.exitCode(), "the simulation stopped with an error");
    }

    @Test
    void aCallRefusedOnBothSidesAgrees() {
        KernelComparison k = KernelEnvironment.require("one-sided calls");
        KernelReport r = run(k, """
                process p
                mmap p shm 4 shared
                madvise p shm wipeonfork
                touch p shm
                expect rss p == 4
                """);
        KernelRow madvise = row(r, 3, "madvise p");
        assertEquals(Verdict.AGREE, madvise.verdict());
        assertTrue(madvise.kernel().startsWith("refused: EINVAL"), madvise.kernel());
        assertTrue(madvise.simulated().contains("private mappings only (EINVAL)"), madvise.simulated());
        assertEquals(Verdict.AGREE, row(r, 5, "rss p").verdict(), "p is still compared");
        assertEquals(0, r.count(Verdict.DISAGREE), r.rows().toString());
    }

    @Test
    void aProcessThatDiesOnTheKernelOnlyIsADisagreement() {
        KernelComparison k = KernelEnvironment.require("deaths");
        // Killed from outside before line 4 (as the OOM killer would): the kernel's p is gone, the
        // simulation's lives on.
        long[] killed = {0};
        KernelReport r = k.run("""
                process p
                mmap p buf 16
                touch p buf
                touch p buf
                expect rss p == 16
                """, RunOptions.defaults(), (stage, line) -> {
                    if (line == 4 && killed[0] == 0) {
                        ProcessHandle p = onlyScenarioProcess();
                        killed[0] = p.pid();
                        p.destroyForcibly();
                        p.onExit().join();
                    }
                });
        assertTrue(killed[0] > 0);
        KernelRow died = row(r, 4, "process p");
        assertEquals(Verdict.DISAGREE, died.verdict());
        assertEquals("died (SIGKILL)", died.kernel());
        assertEquals("alive", died.simulated());
        KernelRow rss = row(r, 5, "rss p");
        assertEquals(Verdict.NOT_COMPARABLE, rss.verdict());
        assertTrue(rss.note().contains("the kernel's p died (SIGKILL) by line 4; the simulation's p lives"), rss.note());
        assertEquals(1, r.exitCode());
        assertTrue(r.coverage().countersNotCompared() > 0, "p's counters after line 4");
        assertNoneLeft();
    }

    /** The one scenario process the kernel helper of this test runs: the helper's only child. */
    private static ProcessHandle onlyScenarioProcess() {
        List<ProcessHandle> helpers = ProcessHandle.current().children()
                .filter(h -> h.info().command().map(c -> c.endsWith("cowpte-oracle")).orElse(false)).toList();
        assertEquals(1, helpers.size(), "one kernel helper: " + helpers);
        List<ProcessHandle> scenario = helpers.get(0).children().toList();
        assertEquals(1, scenario.size(), "one scenario process: " + scenario);
        return scenario.get(0);
    }

    @Test
    void aRegionWhereTheHelpersOwnMappingLiesIsNotMadeOnTheKernel() {
        KernelComparison k = KernelEnvironment.require("helper mappings");
        KernelReport r = run(k, """
                process p
                mmap p top 4 at 0x7fff_ffff_a000
                touch p top
                expect rss p == 4
                """);
        KernelRow mmap = row(r, 2, "mmap p");
        assertEquals(Verdict.NOT_COMPARABLE, mmap.verdict());
        assertTrue(mmap.note().contains("where the helper's own mapping"), mmap.note());
        assertEquals(Verdict.NOT_COMPARABLE, row(r, 4, "rss p").verdict());
        assertEquals(0, r.expectationsCompared());
        assertNoneLeft();
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
