package dev.cowpte.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** mmap … mshare M end to end: one set of tables for every process, and what the container refuses. */
class MshareScenarioTest {

    private static RunResult run(String text) {
        return ScenarioRunner.run(text, RunOptions.defaults().withInvariantChecks(true));
    }

    private static List<String> messages(RunResult r) {
        return r.diagnostics().stream().map(d -> d.range().line() + ":" + d.range().column() + ": " + d.code().id()
                + ": " + d.message()).toList();
    }

    @Test
    void everyProcessReachesTheRegionsTablesWithoutAFault() {
        RunResult r = run("""
                process a
                mmap a db 512G mshare M
                touch a db[0..64M]
                repeat 20 as i {
                    process p{i}
                    mmap p{i} db 512G mshare M
                    touch p{i} db[0..64M] read
                }
                expect faults a == 16384
                expect faults p19 == 0
                expect pagetables p19 == 0
                expect rss p19 == 0
                expect pagetables == 224K      # 21 pgds, and M's pgd, pud, pmd and 32 PTE tables
                """);
        assertEquals(List.of(), messages(r));
        assertEquals(5, r.expectationsPassed());
    }

    @Test
    void theContainerIsNeverSplitNorProtected() {
        RunResult r = run("""
                process a
                mmap a db 512G mshare M
                mprotect a db[0..512] readonly
                """);
        List<String> m = messages(r);
        assertEquals(1, m.size(), m.toString());
        assertTrue(m.get(0).startsWith("3:1: mm-error: mprotect or madvise of the mshare region M (db): the container"
                + " vma cannot be split or changed (EINVAL)"), m.get(0));
    }
}
