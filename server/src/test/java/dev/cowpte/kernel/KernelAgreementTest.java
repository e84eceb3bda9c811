package dev.cowpte.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.kernel.KernelRow.Verdict;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.Mm;
import dev.cowpte.run.ExpectationOutcome;
import dev.cowpte.run.MmCall;
import dev.cowpte.run.Probe;
import dev.cowpte.run.RunListener;
import dev.cowpte.run.RunOptions;
import dev.cowpte.run.ScenarioRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * The classic model against the running kernel: every sample and every scenario of
 * {@code kernel-suite/} runs through {@code cowpte kernel}, and no value may differ. The suite's
 * scenarios state the kernel's numbers as expectations, so they must also hold on both sides, and
 * each must be compared for real: every expectation answered by the kernel (none not comparable)
 * and, after every statement that made calls, the counters of every live process (none left out:
 * a THP fallback, a process dead or diverged on one side, or pfns that cannot be read would leave
 * some out). A sample the kernel refuses because this machine is too small for it, or because it
 * asks for another kernel's settings, is a skipped test with the reason.
 */
class KernelAgreementTest {

    @TestFactory
    Stream<DynamicTest> samplesAgreeWithTheKernel() throws IOException {
        KernelComparison here = KernelEnvironment.require("the samples");
        return scenarios(folder("samples")).stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> {
                    KernelReport r = here.run(Files.readString(p), RunOptions.defaults(), KernelComparison.Progress.NONE);
                    if (!r.refused().isEmpty()) {
                        // Only a scenario larger than this machine, or one asking for a pt-reclaim or
                        // paging levels this kernel does not have, may be refused: a skip with the reason.
                        assertTrue(KernelEnvironment.legitimateRefusal(r.refused()), p + ": " + r.refused());
                        Assumptions.abort(p.getFileName() + " is not run on this kernel: "
                                + String.join("; ", r.refused()));
                    }
                    assertNoDisagreement(p, r);
                }));
    }

    @TestFactory
    Stream<DynamicTest> kernelSuiteAgreesAndHolds() throws IOException {
        KernelComparison here = KernelEnvironment.require("kernel-suite/");
        List<Path> suite = scenarios(folder("kernel-suite"));
        assertFalse(suite.isEmpty(), "kernel-suite/ has no scenarios");
        return suite.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            java.util.Map<Path, String> sysfs = thpModes();
            KernelReport r = here.run(Files.readString(p), RunOptions.defaults(), KernelComparison.Progress.NONE);
            assertEquals(sysfs, thpModes(), p + ": the THP settings are not what they were before the run");
            if (!r.refused().isEmpty() && r.refused().stream().allMatch(KernelEnvironment::shortOfHugetlbPages)) {
                // the machine's memory cannot make the pool now (1 GiB pages need 1 GiB contiguous)
                Assumptions.abort(p.getFileName() + " is not run on this machine now: " + String.join("; ", r.refused()));
            }
            assertEquals(List.of(), r.refused(), p + " was not run on the kernel");
            assertNoDisagreement(p, r);
            assertEquals(0, r.exitCode(), p + ": an expectation failed: " + r.rows().stream()
                    .filter(row -> row.kind() == KernelRow.Kind.EXPECTATION && !row.outcome().startsWith("held"))
                    .map(KernelAgreementTest::describe).collect(Collectors.joining("; ")));
            assertComparedForReal(p, Files.readString(p), r);
        }));
    }

    @Test
    void theRuleCatchesAScenarioComparedWithoutPfns() throws IOException {
        KernelComparison here = KernelEnvironment.require("the kernel-suite rule");
        KernelFacts f = here.facts();
        KernelFacts noPfns = new KernelFacts(f.linux(), f.root(), f.release(), f.arch(), f.thp(), f.ptReclaim(),
                f.levels(), f.pgdBytes(), f.memAvailable(), false);
        Path p = folder("kernel-suite").resolve("pin-then-fork.cowpte");
        String text = Files.readString(p);
        KernelReport r = new KernelComparison(new ProcFs(), noPfns).run(text, RunOptions.defaults(),
                KernelComparison.Progress.NONE);
        assertEquals(0, r.count(Verdict.DISAGREE), "nothing disagrees: the mapcounts are just not compared");
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertComparedForReal(p, text, r));
        assertTrue(e.getMessage().contains("expectations not compared on the kernel"), e.getMessage());
    }

    @Test
    void theRuleCatchesCountersLeftOut() throws IOException {
        KernelComparison here = KernelEnvironment.require("the kernel-suite rule");
        // after a fork the kernel cannot make, as after a THP fallback, counters are left out
        String text = "process p\nmmap p buf 16\ntouch p buf\nfork p -> c policy cow-pte\nwrite c buf[0] = 1\n";
        KernelReport r = here.run(text, RunOptions.defaults(), KernelComparison.Progress.NONE);
        assertEquals(0, r.count(Verdict.DISAGREE));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertComparedForReal(Path.of("policy.cowpte"), text, r));
        assertTrue(e.getMessage().contains("counters left out"), e.getMessage());
    }

    /**
     * Every expectation the simulation evaluated was answered by the kernel, no counter was left
     * out, and at least the floor the scenario sets was compared: rss and faults of every live
     * process (at most 16) after every statement that made calls.
     */
    static void assertComparedForReal(Path p, String text, KernelReport r) {
        Floor floor = new Floor();
        ScenarioRunner.run(text, RunOptions.defaults(), floor);
        String notCompared = r.rows().stream().filter(row -> row.verdict() == Verdict.NOT_COMPARABLE)
                .map(KernelAgreementTest::describe).collect(Collectors.joining("; "));
        assertEquals(floor.expectations, r.expectationRows(), p + ": expectations evaluated and rows");
        assertEquals(floor.expectations, r.expectationsCompared(), p + ": expectations not compared on the kernel: "
                + notCompared);
        assertEquals(0, r.coverage().countersNotCompared(), p + ": counters left out: " + notCompared);
        assertTrue(r.coverage().countersCompared() >= floor.counters, p + ": " + r.coverage().countersCompared()
                + " counters compared, fewer than rss and faults of every live process after every statement"
                + " with calls (" + floor.counters + ")");
    }

    /** What a scenario must have compared on the kernel, counted from a run of the simulation alone. */
    static final class Floor implements RunListener {
        long counters;
        long expectations;
        private boolean calls;
        /** Whether the statement began on a machine (the first process's statement creates it). */
        private boolean began;

        @Override
        public void beforeEach(Statement statement) {
            calls = false;
            began = false;
        }

        @Override
        public void beforeStatement(Statement statement, boolean detailed, Machine machine, List<Mm> alive,
                                    List<Mm> named) {
            began = true;
        }

        @Override
        public void call(MmCall call) {
            calls = true;
        }

        @Override
        public void afterStatement(Statement statement, boolean detailed, Machine machine, List<Mm> alive) {
            if (statement instanceof Statement.Expect e && e.expectation() instanceof Expectation.Segv) {
                expectations++;
            }
            if (began && detailed && calls) {
                counters += 2L * Math.min(16, alive.size());
            }
        }

        @Override
        public void expectation(Statement.Expect statement, Probe probe, ExpectationOutcome outcome) {
            expectations++;
        }
    }

    /** Every {@code enabled} of /sys/kernel/mm/transparent_hugepage, the top-level one and each size's. */
    static java.util.Map<Path, String> thpModes() throws IOException {
        java.util.Map<Path, String> out = new java.util.TreeMap<>();
        Path root = MthpSysfs.ROOT;
        if (Files.isRegularFile(root.resolve("enabled"))) {
            out.put(root.resolve("enabled"), MthpSysfs.mode(root.resolve("enabled")));
        }
        if (Files.isDirectory(root)) {
            try (Stream<Path> dirs = Files.list(root)) {
                for (Path d : dirs.filter(d -> d.getFileName().toString().startsWith("hugepages-")).toList()) {
                    Path e = d.resolve("enabled");
                    if (Files.isRegularFile(e)) {
                        out.put(e, MthpSysfs.mode(e));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void theFolioSizesAreWrittenBackWhenTheRunFails() throws IOException {
        KernelEnvironment.require("the multi-size THP settings");
        java.util.Map<Path, String> before = thpModes();
        dev.cowpte.mm.MachineConfig c = dev.cowpte.mm.MachineConfig.defaults();
        c = c.withMthp(c.mthp().with(dev.cowpte.mm.MthpSettings.orderOf(32 * 1024), dev.cowpte.mm.MthpSettings.Mode.ALWAYS));
        Assumptions.assumeTrue(MthpSysfs.problem(c) == null, () -> "multi-size THP cannot be set here");
        java.util.Map<Path, String> wanted = MthpSysfs.wanted(c);
        Path size = MthpSysfs.ROOT.resolve("hugepages-32kB").resolve("enabled");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (MthpSysfs.Applied a = MthpSysfs.apply(wanted)) {
                assertEquals("madvise", MthpSysfs.mode(size), "set for the run");
                throw new IllegalStateException("the run failed");
            }
        });
        assertEquals("the run failed", e.getMessage());
        assertEquals(before, thpModes());
    }

    private static void assertNoDisagreement(Path p, KernelReport r) {
        List<String> bad = new ArrayList<>();
        for (KernelRow row : r.rows()) {
            if (row.verdict() == Verdict.DISAGREE) {
                bad.add(describe(row));
            }
        }
        assertEquals(List.of(), bad, p + ": the kernel and the simulation disagree");
    }

    private static String describe(KernelRow row) {
        return "line " + row.range().line() + " " + row.counter() + ": kernel " + row.kernel() + ", simulated "
                + row.simulated() + (row.note().isEmpty() ? "" : " (" + row.note() + ")");
    }

    private static List<Path> scenarios(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".cowpte")).sorted().toList();
        }
    }

    static Path folder(String name) {
        for (Path p : new Path[] {Path.of(name), Path.of("..", name)}) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException(name + "/ not found from " + Path.of("").toAbsolutePath());
    }
}
