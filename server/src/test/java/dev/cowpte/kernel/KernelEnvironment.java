package dev.cowpte.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether kernel comparisons can run here for real (Linux on x86-64, as root, with a C
 * compiler). Where they cannot, tests say loudly what they skip and why; under {@code CI=true}
 * a skip is a failure, since CI runs as root on Linux.
 */
public final class KernelEnvironment {
    private KernelEnvironment() {
    }

    /** This machine's kernel comparison; skips (or under CI fails) the calling test when it cannot run. */
    public static KernelComparison require(String what) {
        KernelComparison here = KernelComparison.here();
        List<String> why = new ArrayList<>(here.facts().blockers());
        if (why.isEmpty() && !here.facts().root()) {
            why.add("not root: /proc/kpagecount and the pfns of /proc/PID/pagemap cannot be read");
        }
        if (!why.isEmpty()) {
            String message = "SKIPPED " + what + " against the running kernel: " + String.join("; ", why);
            System.err.println("*** " + message);
            if ("true".equals(System.getenv("CI"))) {
                fail(message + " (CI=true: CI runs as root on Linux, so a skip is a failure)");
            }
            Assumptions.abort(message);
        }
        return here;
    }
}
