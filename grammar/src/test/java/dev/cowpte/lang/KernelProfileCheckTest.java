package dev.cowpte.lang;

import static dev.cowpte.lang.Analysis.analyze;
import static dev.cowpte.lang.Analysis.assertReported;
import static dev.cowpte.lang.Analysis.clean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.check.KernelProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines of multi-size THP and kernel profiles: what parses, and each wrong line's error at its place. */
class KernelProfileCheckTest {

    @Test
    void aSizedThpLineAndAKernelLineParse() {
        List<Statement> s = clean("machine kernel 6.18", "machine thp 64K always", "machine thp 2M inherit",
                "expect mthp 64K anon_fault_alloc == 0");
        assertEquals("6.18", ((Statement.MachineKernel) s.get(0)).version());
        Statement.MachineThp thp = (Statement.MachineThp) s.get(1);
        assertEquals(Statement.ThpMode.ALWAYS, thp.mode());
        assertEquals(64 * 1024, thp.size().value());
        assertNull(((Statement.MachineThp) clean("machine thp always").get(0)).size());
        Expectation.Mthp e = (Expectation.Mthp) ((Statement.Expect) s.get(3)).expectation();
        assertEquals("anon_fault_alloc", e.statistic());
    }

    @Test
    void aSizeWithoutAFolioIsAnErrorAtTheSize() {
        assertReported(analyze("machine thp 8K always"), 1, 13, "machine-thp-size", "16K, 32K, 64K", "not 8K");
        assertReported(analyze("machine thp 3M always"), 1, 13, "machine-thp-size", "not 3M");
    }

    @Test
    void inheritNeedsASize() {
        assertReported(analyze("machine thp inherit"), 1, 1, "machine-thp-size", "'inherit' is for one folio size");
    }

    @Test
    void anUnknownKernelIsAnErrorAtTheVersion() {
        assertReported(analyze("machine kernel 6.17"), 1, 16, "machine-kernel", "no kernel profile 6.17",
                "6.1, 6.6, 6.12, 6.18", "Linux 6.17 has the rules of 6.12");
        assertReported(analyze("machine kernel 5.10"), 1, 16, "machine-kernel", "no kernel profile 5.10");
    }

    @Test
    void aLineTheProfileCannotHaveIsAnErrorAtItsLine() {
        assertReported(analyze("machine kernel 6.6", "machine thp 64K always"), 2, 1, "machine-kernel",
                "Linux 6.6 has no per-size THP", "Linux 6.8");
        assertReported(analyze("machine thp 16K always", "machine kernel 6.1"), 1, 1, "machine-kernel",
                "Linux 6.1 has no per-size THP");
        assertReported(analyze("machine kernel 6.12", "machine pt-reclaim on"), 2, 1, "machine-kernel",
                "Linux 6.12 cannot reclaim empty PTE tables", "Linux 6.14");
        clean("machine kernel 6.18", "machine pt-reclaim on", "machine thp 1M madvise");
        clean("machine kernel 6.12", "machine pt-reclaim off", "machine thp 16K always");
    }

    @Test
    void anUnknownStatisticIsAnErrorAtItsNameWithTheClosestOne() {
        assertReported(analyze("expect mthp 64K anon_fault_aloc == 1"), 1, 17, "mthp-statistic",
                "did you mean 'anon_fault_alloc'");
        assertReported(analyze("expect mthp 2M nr_anon == 1"), 1, 13, "machine-thp-size", "'expect thp'");
    }

    @Test
    void theProfileOfARunningKernelIsTheNewestAtOrBelowItsRelease() {
        assertEquals(KernelProfile.V6_18, KernelProfile.forRelease("6.18.44-fc-v1272").orElseThrow());
        assertEquals(KernelProfile.V6_12, KernelProfile.forRelease("6.13.2").orElseThrow());
        assertEquals(KernelProfile.V6_6, KernelProfile.forRelease("6.6.0").orElseThrow());
        assertEquals(java.util.Optional.empty(), KernelProfile.forRelease("5.15.0"));
    }
}
