package dev.cowpte.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The hugetlb words end to end: machine hugetlb, mmap … hugetlb, expect hugetlb, errors at their line. */
class HugetlbScenarioTest {

    private static RunResult run(String text) {
        return ScenarioRunner.run(text, RunOptions.defaults().withInvariantChecks(true));
    }

    private static List<String> messages(RunResult r) {
        return r.diagnostics().stream().map(d -> d.range().line() + ":" + d.range().column() + ": " + d.code().id()
                + ": " + d.message()).toList();
    }

    @Test
    void childrenShareTheParentsPmdTable() {
        RunResult r = run("""
                machine hugetlb 2M 512
                process p
                mmap p buf 1G shared hugetlb at 0x7e0000000000
                touch p buf
                fork p -> c
                touch c buf read
                expect faults c == 1
                expect pagetables c == 8K
                expect hugetlb c == 0
                expect hugetlb p == 1G
                expect hugetlb == 1G
                expect pagetables == 20K         # pgds of p and c, pud tables of p and c, one pmd table
                """);
        assertEquals(List.of(), messages(r));
        assertEquals(6, r.expectationsPassed());
    }

    @Test
    void anEmptyPoolIsAnErrorAtTheLineThatNeedsAPageWithTheLineToAdd() {
        RunResult r = run("""
                process p
                mmap p buf 4M hugetlb
                """);
        assertEquals(List.of("2:1: mm-error: mmap of 4 MiB hugetlb needs 2 2M hugetlb pages but the pool has 0 free"
                + " and unreserved (nr_hugepages 0, 0 in use, 0 reserved): add `machine hugetlb 2M 2`"), messages(r));
        RunResult cow = run("""
                machine hugetlb 2M 2
                process p
                mmap p buf 4M hugetlb
                touch p buf
                fork p -> c
                write c buf[0] = 1
                """);
        List<String> m = messages(cow);
        assertEquals(1, m.size(), m.toString());
        assertTrue(m.get(0).startsWith("6:1: mm-error: a copy on write in buf needs 1 2M hugetlb page"), m.get(0));
        assertTrue(m.get(0).endsWith("add `machine hugetlb 2M 3`"), m.get(0));
    }

    @Test
    void aPoolLargerThanTheMachineIsRefusedAtItsLine() {
        RunResult r = run("""
                machine memory 1G
                machine hugetlb 1G 2
                process p
                """);
        assertEquals(List.of("2:1: machine-limit: a hugetlb pool of 2 1G pages does not fit in the machine's 1 GiB"
                + " of memory"), messages(r));
    }

    @Test
    void hugetlbMemoryIsUnmappedByWholePages() {
        RunResult r = run("""
                machine hugetlb 2M 2
                process p
                mmap p buf 4M hugetlb
                munmap p buf[0..256]
                """);
        List<String> m = messages(r);
        assertEquals(1, m.size(), m.toString());
        assertTrue(m.get(0).startsWith("4:1: mm-error: ") && m.get(0).contains("inside a 2M hugetlb page of buf"),
                m.get(0));
    }
}
