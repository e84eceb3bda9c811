package dev.cowpte.kernel;

import dev.cowpte.lang.ast.Scenario;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.check.KernelProfile;
import dev.cowpte.lang.check.KernelProfile.Behaviour;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a scenario's simulation follows other rules than the running kernel, and the line that
 * makes it follow the kernel's: a scenario without {@code machine kernel} keeps the version-1.1
 * rules, and where it uses a behaviour whose rule differs on the running kernel (a
 * {@code madvise dontneed} with no {@code machine pt-reclaim} line on a kernel with
 * {@code CONFIG_PT_RECLAIM=y}; per-size THP and fork, huge pages, …) both {@code run} and
 * {@code kernel} say so with {@code machine kernel VERSION}. A scenario that names another
 * profile than the running kernel's is told which one the kernel is.
 */
public final class RulesAdvice {
    private RulesAdvice() {
    }

    /** What the scenario uses that the profiles treat differently. */
    private static final class Uses {
        boolean dontneed;
        boolean ptReclaimLine;
        boolean sizedThp;
        boolean pmdThp;
        boolean fork;
        Statement.MachineKernel kernel;

        void scan(List<Statement> statements) {
            for (Statement s : statements) {
                if (s instanceof Statement.Madvise m && m.advice() == Statement.Advice.DONTNEED) {
                    dontneed = true;
                } else if (s instanceof Statement.MachinePtReclaim) {
                    ptReclaimLine = true;
                } else if (s instanceof Statement.MachineThp t) {
                    if (t.size() == null) {
                        pmdThp |= t.mode() != Statement.ThpMode.NEVER;
                    } else {
                        sizedThp |= t.mode() != Statement.ThpMode.NEVER;
                    }
                } else if (s instanceof Statement.Fork) {
                    fork = true;
                } else if (s instanceof Statement.MachineKernel k) {
                    kernel = k;
                }
                scan(s.children());
            }
        }
    }

    /**
     * The advice for {@code scenario} on a kernel of {@code release} whose {@code CONFIG_PT_RECLAIM}
     * is {@code ptReclaim} (empty when unknown), or empty when it follows that kernel's rules.
     */
    public static Optional<String> of(Scenario scenario, String release, Optional<Boolean> ptReclaim) {
        Optional<KernelProfile> running = KernelProfile.forRelease(release);
        if (scenario == null || running.isEmpty()) {
            return Optional.empty();
        }
        KernelProfile p = running.get();
        Uses u = new Uses();
        u.scan(scenario.statements());
        if (u.kernel != null) {
            return u.kernel.version().equals(p.version()) ? Optional.empty()
                    : Optional.of("the scenario follows Linux " + u.kernel.version() + " (line " + u.kernel.range().line()
                    + "); this kernel is Linux " + release + " (profile " + p.version() + ")");
        }
        List<String> differ = new ArrayList<>();
        if (u.dontneed && !u.ptReclaimLine && ptReclaim.orElse(false)) {
            differ.add("madvise dontneed frees an emptied PTE table on this kernel (CONFIG_PT_RECLAIM=y), and"
                    + " 'cowpte run' keeps it without a 'machine pt-reclaim' line");
        }
        if (u.sizedThp && u.fork && p.has(Behaviour.FORK_BATCHING)) {
            differ.add("fork counts a large folio's entries as one batch on this kernel (Linux "
                    + Behaviour.FORK_BATCHING.since() + "), each entry in the simulation");
        }
        if (u.sizedThp && !p.has(Behaviour.LARGE_FOLIO_COW_REUSE)) {
            differ.add("this kernel copies a page of a large folio on every write fault (reuse came with Linux "
                    + Behaviour.LARGE_FOLIO_COW_REUSE.since() + "); the simulation reuses an exclusive one");
        }
        if (u.pmdThp && !p.has(Behaviour.HUGE_ZERO_WRITE)) {
            differ.add("this kernel splits the huge zero page on a write (a new 2 MiB page came with Linux "
                    + Behaviour.HUGE_ZERO_WRITE.since() + ")");
        }
        if (differ.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the simulation follows the version-1.1 rules, not this kernel's (Linux " + release
                + ", profile " + p.version() + "): " + String.join("; ", differ) + "; add 'machine kernel "
                + p.version() + "' to follow this kernel");
    }

    /**
     * The advice for the scenario {@code text} on the running kernel, read from /proc (release and
     * config); empty off Linux, and without a parse for a text that uses none of the behaviours.
     */
    public static Optional<String> onThisKernel(String text) {
        if (text == null || !System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")
                || !(text.contains("dontneed") || text.contains("thp") || text.contains("kernel"))) {
            return Optional.empty();
        }
        Scenario scenario = dev.cowpte.lang.FrontEnd.analyze(text, dev.cowpte.run.ScenarioRunner.POLICIES).scenario();
        String release = KernelFacts.runningRelease();
        return release == null ? Optional.empty() : of(scenario, release, KernelFacts.ptReclaim(new ProcFs(), release));
    }
}
