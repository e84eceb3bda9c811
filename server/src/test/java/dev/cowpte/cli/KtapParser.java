package dev.cowpte.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of KTAP version 1 as the kernel's Documentation/dev-tools/ktap.rst defines it
 * and tools/testing/kunit/kunit_parser.py reads it, written for the tests: a version line, a plan
 * {@code 1..N}, then N tests numbered 1 to N, each its subtests (indented two spaces more, with
 * their own version line and plan), diagnostic lines and a result line {@code ok|not ok N name
 * [# DIRECTIVE reason]}. The name cannot hold {@code #}. Stricter than the kernel's parser: every
 * line of the output must be one of these, at exactly its level's indentation, and a test with a
 * failed subtest must fail. Any deviation throws {@link Malformed} with the line.
 */
final class KtapParser {
    /** A test: its result, name, directive ({@code SKIP}, or null) and reason, diagnostics and subtests. */
    record Test(boolean ok, int number, String name, String directive, String reason, List<String> diagnostics,
                List<Test> subtests) {
        boolean skipped() {
            return "SKIP".equals(directive);
        }

        Test subtest(String named) {
            return subtests.stream().filter(t -> t.name().equals(named)).findFirst()
                    .orElseThrow(() -> new AssertionError("no subtest " + named + " in " + subtests));
        }
    }

    /** The whole output: the diagnostics before the first test and the top-level tests. */
    record Document(List<String> diagnostics, List<Test> tests) {
        Test test(String named) {
            return tests.stream().filter(t -> t.name().equals(named)).findFirst()
                    .orElseThrow(() -> new AssertionError("no test " + named + " in " + tests));
        }
    }

    static final class Malformed extends RuntimeException {
        Malformed(int line, String text, String why) {
            super("line " + (line + 1) + " of the KTAP output: " + why + ": '" + text + "'");
        }
    }

    private static final Pattern VERSION = Pattern.compile("KTAP version (\\d+)");
    private static final Pattern PLAN = Pattern.compile("1\\.\\.(\\d+)");
    private static final Pattern RESULT = Pattern.compile("(ok|not ok) (\\d+)(?: (?:- )?([^#]*?))?(?: # (.*))?");
    private static final Pattern DIRECTIVE = Pattern.compile("(SKIP|TODO|XFAIL|TIMEOUT|ERROR)\\b ?(.*)");
    private static final Pattern DIAGNOSTIC = Pattern.compile("#(?: (.*))?");

    private final String[] lines;
    private int at;

    private KtapParser(String text) {
        if (!text.endsWith("\n")) {
            throw new Malformed(0, "", "the output does not end with a line end");
        }
        this.lines = text.substring(0, text.length() - 1).split("\n", -1);
    }

    static Document parse(String text) {
        KtapParser p = new KtapParser(text);
        List<String> diagnostics = new ArrayList<>();
        List<Test> tests = p.block("", diagnostics);
        if (p.at != p.lines.length) {
            throw new Malformed(p.at, p.lines[p.at], "more after the last test");
        }
        return new Document(diagnostics, tests);
    }

    /** A version line, diagnostics, a plan, then the tests it announces; diagnostics before the plan go to {@code header}. */
    private List<Test> block(String indent, List<String> header) {
        Matcher v = match(VERSION, indent, "a version line");
        if (!v.group(1).equals("1")) {
            throw new Malformed(at, lines[at], "not KTAP version 1");
        }
        at++;
        header.addAll(diagnostics(indent));
        Matcher plan = match(PLAN, indent, "a plan 1..N");
        int count = Integer.parseInt(plan.group(1));
        at++;
        List<Test> tests = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            tests.add(test(indent, n));
        }
        return tests;
    }

    private Test test(String indent, int number) {
        // Diagnostic lines before a test's subtests, between them and its result line, belong to it.
        List<String> diagnostics = new ArrayList<>(diagnostics(indent));
        List<Test> subtests = List.of();
        String inner = indent + "  ";
        if (at < lines.length && lines[at].equals(inner + "KTAP version 1")) {
            subtests = block(inner, diagnostics);
            if (subtests.isEmpty()) {
                throw new Malformed(at, lines[at], "a test with subtests announces none (kunit: '0 tests run')");
            }
        }
        diagnostics.addAll(diagnostics(indent));
        Matcher r = match(RESULT, indent, "the result line of test " + number);
        int n = Integer.parseInt(r.group(2));
        if (n != number) {
            throw new Malformed(at, lines[at], "test number " + n + " where " + number + " was due");
        }
        String directive = null;
        String reason = null;
        if (r.group(4) != null) {
            Matcher d = DIRECTIVE.matcher(r.group(4));
            if (d.matches()) {
                directive = d.group(1);
                reason = d.group(2);
            } else {
                reason = r.group(4);
            }
        }
        boolean ok = r.group(1).equals("ok");
        String name = r.group(3) == null ? "" : r.group(3);
        if (ok && !"SKIP".equals(directive) && subtests.stream().anyMatch(t -> !t.ok() && !t.skipped())) {
            throw new Malformed(at, lines[at], "ok although a subtest is not ok");
        }
        at++;
        return new Test(ok, number, name, directive, reason, List.copyOf(diagnostics), subtests);
    }

    private List<String> diagnostics(String indent) {
        List<String> out = new ArrayList<>();
        while (at < lines.length && lines[at].startsWith(indent) && DIAGNOSTIC.matcher(lines[at].substring(indent.length())).matches()
                && !Character.isWhitespace(lines[at].charAt(indent.length()))) {
            String text = lines[at].substring(indent.length());
            if (text.startsWith("# Subtest:")) {
                throw new Malformed(at, lines[at], "a TAP 14 subtest header, which KTAP version 1 does not use");
            }
            out.add(text.length() > 2 ? text.substring(2) : "");
            at++;
        }
        return out;
    }

    private Matcher match(Pattern p, String indent, String what) {
        if (at >= lines.length) {
            throw new Malformed(at, "", "the output ends where " + what + " was due");
        }
        String line = lines[at];
        if (!line.startsWith(indent) || (line.length() > indent.length()
                && Character.isWhitespace(line.charAt(indent.length())))) {
            throw new Malformed(at, line, what + " was due, indented by " + indent.length() + " spaces");
        }
        Matcher m = p.matcher(line.substring(indent.length()));
        if (!m.matches()) {
            throw new Malformed(at, line, what + " was due");
        }
        return m;
    }
}
