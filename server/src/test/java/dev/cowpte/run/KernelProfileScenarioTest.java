package dev.cowpte.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.kernel.RulesAdvice;
import dev.cowpte.lang.FrontEnd;
import dev.cowpte.words.TreeWords;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Kernel profiles and multi-size THP end to end: what each version's rules give a scenario. */
class KernelProfileScenarioTest {

    private static RunResult run(String text) {
        return ScenarioRunner.run(text, RunOptions.defaults().withInvariantChecks(true));
    }

    private static List<String> messages(RunResult r) {
        return r.diagnostics().stream().map(d -> d.range().line() + ": " + d.message()).toList();
    }

    private static final String WRITE_AFTER_CHILD_EXITS = """
            machine kernel VERSION
            machine thp 64K always
            process parent
            mmap parent buf 64K
            touch parent buf write
            fork parent -> child
            exit child
            write parent buf[0] = 1
            expect faults parent == 2
            expect mthp 64K split_deferred == SPLITS
            """;

    @Test
    void beforeLinux615AWriteCopiesThePageOfAnExclusiveFolioAndLeavesItPartiallyMapped() {
        RunResult old = run(WRITE_AFTER_CHILD_EXITS.replace("VERSION", "6.12").replace("SPLITS", "1"));
        assertEquals(List.of(), messages(old));
        assertEquals(2, old.expectationsPassed());
        RunResult now = run(WRITE_AFTER_CHILD_EXITS.replace("VERSION", "6.18").replace("SPLITS", "0"));
        assertEquals(List.of(), messages(now));
        assertEquals(2, now.expectationsPassed());
    }

    @Test
    void beforeLinux613AWriteToTheHugeZeroPageSplitsIt() {
        String text = """
                machine kernel VERSION
                machine thp always
                process p
                mmap p buf 2M
                read p buf[0]
                write p buf[0] = 1
                expect thp p == THP
                """;
        RunResult old = run(text.replace("VERSION", "6.12").replace("THP", "0"));
        assertEquals(List.of(), messages(old));
        assertEquals(1, old.expectationsPassed());
        RunResult now = run(text.replace("VERSION", "6.18").replace("THP", "2M"));
        assertEquals(List.of(), messages(now));
        assertEquals(1, now.expectationsPassed());
    }

    @Test
    void theProfileGivesPtReclaimsDefaultUnlessTheScenarioSetsIt() {
        String text = """
                machine kernel VERSION
                LINE
                process p
                mmap p buf 2M
                touch p buf
                madvise p buf dontneed
                expect tables p pte == TABLES
                """;
        assertEquals(1, run(text.replace("VERSION", "6.18").replace("LINE", "").replace("TABLES", "0"))
                .expectationsPassed());
        assertEquals(1, run(text.replace("VERSION", "6.12").replace("LINE", "").replace("TABLES", "1"))
                .expectationsPassed());
        assertEquals(1, run(text.replace("VERSION", "6.18").replace("LINE", "machine pt-reclaim off")
                .replace("TABLES", "1")).expectationsPassed());
    }

    @Test
    void forkCountsAFoliosEntriesAsOneBatchFromLinux69() {
        String text = """
                KERNEL
                machine thp 64K always
                process p
                mmap p buf 2M
                touch p buf write
                fork p -> c
                """;
        assertEquals(512L, forkRecord(run(text.replace("KERNEL", ""))).work().get(dev.cowpte.mm.Work.ENTRIES_COPIED));
        assertEquals(32L, forkRecord(run(text.replace("KERNEL", "machine kernel 6.12"))).work()
                .get(dev.cowpte.mm.Work.ENTRIES_COPIED));
        assertEquals(32L, forkRecord(run(text.replace("KERNEL", "machine kernel 6.12"))).work()
                .get(dev.cowpte.mm.Work.PAGE_UPDATES));
    }

    private static StatementRecord forkRecord(RunResult r) {
        return r.records().stream().filter(x -> x.statement() instanceof dev.cowpte.lang.ast.Statement.Fork)
                .findFirst().orElseThrow();
    }

    @Test
    void aWalkSaysWhichFolioItsPageBelongsTo() {
        RunResult r = run("""
                machine thp 16K always
                process p
                mmap p buf 64K
                touch p buf write
                munmap p buf[0]
                show p buf[3]
                """);
        dev.cowpte.mm.PageWalk walk = r.records().get(r.records().size() - 1).addressWalks().get(0).walk();
        String page = TreeWords.page(walk.pte());
        assertTrue(page.contains("folio 16 KiB [3/4] partially mapped"), page);
        String lines = String.join("\n", dev.cowpte.words.WalkLines.lines(walk));
        assertTrue(lines.contains("page 3 of a 16 KiB folio"), lines);
        assertTrue(lines.contains("queued for a deferred split"), lines);
    }

    @Test
    void runSaysWhenTheSimulationFollowsOtherRulesThanTheKernel() {
        String dontneed = "process p\nmmap p buf 2M\ntouch p buf\nmadvise p buf dontneed\n";
        Optional<String> advice = RulesAdvice.of(FrontEnd.analyze(dontneed, ScenarioRunner.POLICIES).scenario(),
                "6.18.44", Optional.of(true));
        assertTrue(advice.orElseThrow().contains("add 'machine kernel 6.18'"), advice.toString());
        assertTrue(advice.get().contains("CONFIG_PT_RECLAIM=y"), advice.get());
        assertEquals(Optional.empty(), RulesAdvice.of(FrontEnd.analyze("machine kernel 6.18\n" + dontneed,
                ScenarioRunner.POLICIES).scenario(), "6.18.44", Optional.of(true)));
        assertEquals(Optional.empty(), RulesAdvice.of(FrontEnd.analyze(dontneed, ScenarioRunner.POLICIES).scenario(),
                "6.12.3", Optional.of(false)), "a kernel without pt-reclaim has the 1.1 rule");
        assertTrue(RulesAdvice.of(FrontEnd.analyze("machine kernel 6.6\n" + dontneed, ScenarioRunner.POLICIES)
                .scenario(), "6.18.44", Optional.of(true)).orElseThrow().contains("this kernel is Linux 6.18.44"));
    }
}
