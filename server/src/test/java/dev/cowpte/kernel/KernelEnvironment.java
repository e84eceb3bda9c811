package dev.cowpte.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether kernel comparisons can run here for real: Linux on x86-64, with pfns readable
 * ({@code /proc/self/pagemap} gives a non-zero pfn for a touched page, {@code /proc/kpagecount}
 * and {@code /proc/kpageflags} can be read), whatever the user id. Where they cannot, tests say
 * loudly what is missing and skip; under {@code CI=true} such a skip is a failure, since CI runs
 * as root on Linux. A scenario the kernel refuses because this machine is too small for it, or
 * because it describes another kernel ({@link #legitimateRefusal}), is a skip with its reason
 * even under CI: the test cannot be run here, and nothing is wrong with the build.
 */
public final class KernelEnvironment {
    private KernelEnvironment() {
    }

    /** This machine's kernel comparison; skips (or under CI fails) the calling test when it cannot run. */
    public static KernelComparison require(String what) {
        KernelComparison here = KernelComparison.here();
        List<String> why = new ArrayList<>(here.facts().blockers());
        if (why.isEmpty()) {
            why.addAll(new ProcFs().pfnProblems());
        }
        if (!why.isEmpty()) {
            String message = "SKIPPED " + what + " against the running kernel: " + String.join("; ", why);
            System.err.println("*** " + message);
            if (ci()) {
                fail(message + " (CI=true: CI runs as root on Linux, so a missing environment is a failure)");
            }
            Assumptions.abort(message);
        }
        return here;
    }

    /** Whether {@code CI=true} is in the environment (.ci/run exports it). */
    public static boolean ci() {
        return "true".equals(System.getenv("CI"));
    }

    /**
     * Whether a scenario the kernel comparison refused was refused for a reason that is no fault
     * of the build: it needs more memory than this machine has available (or a hugetlb pool of
     * pages its memory cannot make now), or its {@code machine
     * pt-reclaim} or {@code machine levels} line describes another kernel, or it maps an mshare
     * region, which no released kernel has. Any other refusal
     * (THP off, no C compiler, not Linux) is a missing environment.
     */
    public static boolean legitimateRefusal(List<String> refused) {
        return !refused.isEmpty() && refused.stream().allMatch(r -> r.contains("available, and a kernel run may use")
                || r.contains("but this kernel keeps empty PTE tables") || r.contains("but this kernel frees empty PTE")
                || r.contains("paging levels") || r.contains("multi-size THP came with Linux")
                || r.contains("mshare is a posted series")
                || shortOfHugetlbPages(r));
    }

    /** A refusal because this machine's memory cannot make the hugetlb pool now (1G pages need 1 GiB contiguous). */
    public static boolean shortOfHugetlbPages(String refusal) {
        return refusal.contains("and this kernel could make only");
    }
}
