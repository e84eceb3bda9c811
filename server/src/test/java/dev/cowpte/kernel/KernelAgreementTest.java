package dev.cowpte.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.kernel.KernelRow.Verdict;
import dev.cowpte.run.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The classic model against the running kernel: every sample and every scenario of
 * {@code kernel-suite/} runs through {@code cowpte kernel}, and no value may differ. The suite's
 * scenarios state the kernel's numbers as expectations, so they must also hold on both sides.
 */
class KernelAgreementTest {

    @TestFactory
    Stream<DynamicTest> samplesAgreeWithTheKernel() throws IOException {
        KernelComparison here = KernelEnvironment.require("the samples");
        return scenarios(folder("samples")).stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> {
                    KernelReport r = here.run(Files.readString(p), RunOptions.defaults(), KernelComparison.Progress.NONE);
                    if (!r.refused().isEmpty()) {
                        // Only a scenario larger than this machine, or one asking for a pt-reclaim this
                        // kernel does not have, may be refused, and it must say so.
                        assertTrue(r.refused().get(0).contains("available")
                                || r.refused().get(0).contains("CONFIG_PT_RECLAIM"), p + ": " + r.refused());
                        return;
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
            KernelReport r = here.run(Files.readString(p), RunOptions.defaults(), KernelComparison.Progress.NONE);
            assertEquals(List.of(), r.refused(), p + " was not run on the kernel");
            assertNoDisagreement(p, r);
            assertEquals(0, r.exitCode(), p + ": an expectation failed: " + r.rows().stream()
                    .filter(row -> row.kind() == KernelRow.Kind.EXPECTATION && !row.outcome().startsWith("held"))
                    .map(KernelAgreementTest::describe).collect(Collectors.joining("; ")));
            assertTrue(r.count(Verdict.AGREE) > 0, p + ": nothing was compared");
        }));
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
