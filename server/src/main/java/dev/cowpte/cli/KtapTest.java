package dev.cowpte.cli;

import java.util.List;

/**
 * One test of a KTAP report: its name, its result, the diagnostic lines that explain it (written
 * just before its result line) and its subtests, in order. {@code reason} says why a skipped
 * test was skipped.
 */
record KtapTest(String name, Result result, String reason, List<String> diagnostics, List<KtapTest> subtests) {

    /** {@code ok}, {@code not ok}, or {@code ok … # SKIP reason}. */
    enum Result { OK, NOT_OK, SKIP }

    KtapTest {
        diagnostics = List.copyOf(diagnostics);
        subtests = List.copyOf(subtests);
    }

    static KtapTest ok(String name, List<String> diagnostics) {
        return new KtapTest(name, Result.OK, "", diagnostics, List.of());
    }

    static KtapTest notOk(String name, List<String> diagnostics) {
        return new KtapTest(name, Result.NOT_OK, "", diagnostics, List.of());
    }

    static KtapTest skipped(String name, String reason, List<String> diagnostics) {
        return new KtapTest(name, Result.SKIP, reason, diagnostics, List.of());
    }

    /**
     * A test made of subtests: not ok when one of them is not ok (KTAP's rule) or when {@code
     * failed} says that the test failed on its own account; ok otherwise.
     */
    static KtapTest of(String name, List<KtapTest> subtests, boolean failed, List<String> diagnostics) {
        boolean anyFailed = subtests.stream().anyMatch(t -> t.result() == Result.NOT_OK);
        return new KtapTest(name, failed || anyFailed ? Result.NOT_OK : Result.OK, "", diagnostics, subtests);
    }
}
