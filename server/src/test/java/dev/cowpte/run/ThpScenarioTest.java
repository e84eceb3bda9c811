package dev.cowpte.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The huge-page words end to end: machine thp, region flags and advice, expect thp and expect huge. */
class ThpScenarioTest {

    private static RunResult run(String text) {
        return ScenarioRunner.run(text, RunOptions.defaults().withInvariantChecks(true));
    }

    private static List<String> messages(RunResult r) {
        return r.diagnostics().stream().map(d -> d.range().line() + ": " + d.message()).toList();
    }

    @Test
    void hugePagesUnderEachMode() {
        RunResult r = run("""
                machine thp madvise
                process p
                mmap p huge 4M hugepage
                mmap p small 4M
                touch p huge
                touch p small
                expect thp p == 4M
                expect thp == 4M
                expect huge p huge[600]
                expect faults p == 1026
                expect pagetables p == 6           # pud, pmd, 2 deposits, 2 PTE tables
                """);
        assertEquals(List.of(), messages(r));
        assertEquals(5, r.expectationsPassed());
    }

    @Test
    void expectHugeFailsWithWhatMapsTheAddress() {
        RunResult r = run("""
                process p
                mmap p buf 2M hugepage
                touch p buf
                expect huge p buf[1]
                expect thp p == 0
                """);
        assertEquals(1, r.expectationsFailed());
        String m = messages(r).get(0);
        assertTrue(m.startsWith("4: expectation failed: huge p buf[1]: expected a huge PMD"), m);
        assertTrue(m.contains("PTE table has refcount 1"), m);
    }

    @Test
    void forkCopiesHugePmdsUnderEveryPolicy() {
        for (String policy : List.of("classic", "cow-pte", "cow-pte-rfc", "odf")) {
            RunResult r = run("""
                    machine thp always
                    policy POLICY
                    process p
                    mmap p buf 8M
                    touch p buf
                    fork p -> c
                    expect thp c == 8M
                    expect pagetables c == 6
                    expect mapcount c buf[9] == 2
                    write c buf[9] = 1
                    expect thp c == 6M
                    expect huge p buf[9]
                    exit c
                    exit p
                    expect memory == 0
                    """.replace("POLICY", policy));
            assertEquals(List.of(), messages(r), policy);
            assertEquals(6, r.expectationsPassed(), policy);
        }
    }
}
