package dev.cowpte.lsp;

import static org.junit.jupiter.api.Assertions.fail;

import dev.cowpte.kernel.KernelComparison;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests that check a scenario against the running kernel: the helper is compiled under
 * {@code target/} (never the home directory), and where no kernel check can run (not Linux on
 * x86-64) the test is skipped with a loud line on stderr, or fails when {@code CI=true}.
 */
public final class KernelHere {
    private KernelHere() {
    }

    /** Skips (or under CI fails) the calling test when this machine cannot run a kernel check. */
    public static void require(String what) {
        if (System.getProperty("cowpte.cache", "").isBlank()) {
            System.setProperty("cowpte.cache", "target/cowpte-cache");
        }
        List<String> blockers = KernelComparison.here().facts().blockers();
        if (blockers.isEmpty()) {
            return;
        }
        String message = "SKIPPED " + what + ": no kernel check on this machine: " + String.join("; ", blockers);
        System.err.println("*** " + message + " ***");
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (CI=true: CI must run kernel checks)");
        }
        Assumptions.abort(message);
    }
}
