package dev.cowpte.run;

import dev.cowpte.lang.ast.Scenario;
import dev.cowpte.lang.ast.Statement;
import java.util.List;

/**
 * Whether a scenario maps memory whose page tables processes share by a mechanism other than a
 * fork policy: a {@code shared hugetlb} mapping (hugetlb's {@code huge_pmd_share}) or an mshare
 * region. A comparison of policies then also shows who shares which tables
 * ({@link PolicyComparison.SharingPeak}); a scenario with neither is compared as before.
 */
public final class SharedTableMappings {
    private SharedTableMappings() {
    }

    public static boolean in(Scenario scenario) {
        return scenario != null && any(scenario.statements());
    }

    private static boolean any(List<Statement> statements) {
        for (Statement s : statements) {
            if (s instanceof Statement.Mmap m && (m.mshare() != null
                    || m.options().contains(Statement.MapOption.SHARED)
                    && (m.options().contains(Statement.MapOption.HUGETLB)
                    || m.options().contains(Statement.MapOption.HUGETLB_1G)))) {
                return true;
            }
            if (s.isBlock() && any(s.children())) {
                return true;
            }
        }
        return false;
    }
}
