package dev.cowpte.cli;

import java.util.List;

/**
 * The syntax of KTAP version 1, the kernel's test output (Documentation/dev-tools/ktap.rst), and
 * nothing else: a version line and a plan, then each test with its subtests first (indented two
 * spaces a level, opened by their own version line and plan), its diagnostic lines ({@code # …})
 * and its result line {@code ok N name}, {@code not ok N name} or {@code ok N name # SKIP reason}.
 * Names and reasons are made to fit a result line: one line, no {@code #}.
 */
final class KtapWriter {
    private static final String VERSION = "KTAP version 1";
    private static final String INDENT = "  ";

    private KtapWriter() {
    }

    /** The whole report: {@code diagnostics} about all of it, then the tests numbered from 1. */
    static String write(List<String> diagnostics, List<KtapTest> tests) {
        StringBuilder sb = new StringBuilder();
        sb.append(VERSION).append('\n');
        diagnostics.forEach(d -> diagnostic(sb, "", d));
        plan(sb, "", tests);
        return sb.toString();
    }

    private static void plan(StringBuilder sb, String indent, List<KtapTest> tests) {
        sb.append(indent).append("1..").append(tests.size()).append('\n');
        for (int i = 0; i < tests.size(); i++) {
            test(sb, indent, tests.get(i), i + 1);
        }
    }

    private static void test(StringBuilder sb, String indent, KtapTest t, int number) {
        if (!t.subtests().isEmpty()) {
            String inner = indent + INDENT;
            sb.append(inner).append(VERSION).append('\n');
            plan(sb, inner, t.subtests());
        }
        t.diagnostics().forEach(d -> diagnostic(sb, indent, d));
        sb.append(indent).append(t.result() == KtapTest.Result.NOT_OK ? "not ok " : "ok ").append(number);
        String name = oneLine(t.name());
        if (!name.isEmpty()) {
            sb.append(' ').append(name);
        }
        if (t.result() == KtapTest.Result.SKIP) {
            String reason = oneLine(t.reason());
            sb.append(" # SKIP").append(reason.isEmpty() ? "" : " " + reason);
        }
        sb.append('\n');
    }

    /**
     * Diagnostic lines: {@code # } and the text, one line per line of it. A line that would read as
     * a TAP 14 subtest header ({@code # Subtest:}) gets a space more, so no parser takes it as one.
     */
    private static void diagnostic(StringBuilder sb, String indent, String text) {
        for (String line : text.split("\r\n|\r|\n", -1)) {
            String clean = controlsAsSpaces(line).stripTrailing();
            if (clean.startsWith("Subtest:")) {
                clean = " " + clean;
            }
            sb.append(indent).append(clean.isEmpty() ? "#" : "# " + clean).append('\n');
        }
    }

    /**
     * A name or a reason as a result line can hold it: control characters and runs of white space
     * as one space, no space at either end, and {@code #} (which would start the directive) as
     * {@code %23}.
     */
    static String oneLine(String text) {
        return controlsAsSpaces(text).replaceAll("\\s+", " ").strip().replace("#", "%23");
    }

    private static String controlsAsSpaces(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return sb.toString();
    }
}
