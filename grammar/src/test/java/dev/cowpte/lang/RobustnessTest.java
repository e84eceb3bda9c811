package dev.cowpte.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever the input, analysis returns diagnostics and never throws or hangs. */
class RobustnessTest {

    private static FrontEnd.Result analyzeQuickly(String text) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> FrontEnd.analyze(text, Analysis.POLICIES));
    }

    @Test
    void binaryGarbageGivesDiagnostics() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            byte[] bytes = new byte[1 + random.nextInt(20_000)];
            random.nextBytes(bytes);
            String text = new String(bytes, round % 2 == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            FrontEnd.Result result = analyzeQuickly(text);
            assertNotNull(result.scenario());
            assertTrue(result.hasErrors(), "garbage is not a scenario");
            assertTrue(result.diagnostics().size() <= 102, "errors are capped");
        }
    }

    @Test
    void garbageMadeOfTheLanguagesOwnTokens() {
        String[] words = {"process", "mmap", "fork", "->", "{", "}", "[", "]", "..", "4K", "0x10", "p", "buf",
            "expect", "repeat", "as", "i", "\n", "==", "≤", "#", "\"", "segv", "=", "-", "2.5", "w{i}", "tables",
            "pte", "at", "shared", "policy", "cow-pte"};
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(80);
            for (int i = 0; i < length; i++) {
                text.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : "");
            }
            FrontEnd.Result result = analyzeQuickly(text.toString());
            assertNotNull(result.scenario());
            for (Diagnostic d : result.diagnostics()) {
                assertFalse(d.code() == DiagnosticCode.INTERNAL_ERROR, () -> d.message() + " for: " + text);
                assertTrue(d.range().startOffset() <= text.length() && d.range().endOffset() <= text.length());
            }
        }
    }

    @Test
    void aTenMegabyteFileIsRefusedWithADiagnostic() {
        String text = "process p\n".repeat(1_100_000);
        FrontEnd.Result result = analyzeQuickly(text);
        assertEquals("too-large", result.diagnostics().get(0).code().id());
        assertTrue(result.diagnostics().get(0).message().contains("limit"));
    }

    @Test
    void deeplyNestedBlocksAreRefusedNotOverflowed() {
        String text = "repeat 2 {\n".repeat(50_000);
        FrontEnd.Result result = analyzeQuickly(text);
        assertEquals("nesting-too-deep", result.diagnostics().get(0).code().id());
        assertEquals(66, result.diagnostics().get(0).range().line());
        String unbalanced = "}\n".repeat(10_000) + "{".repeat(30);
        assertTrue(analyzeQuickly(unbalanced).hasErrors());
    }

    @Test
    void hugeNumbersAndLongLinesAreDiagnostics() {
        assertEquals("number-too-large", FrontEnd.analyze("process p\nmmap p a " + "9".repeat(100_000), Analysis.POLICIES)
                .diagnostics().get(0).code().id());
        assertEquals("number-too-large", FrontEnd.analyze("process p\nmmap p a " + "1".repeat(50_000) + ".5K", Analysis.POLICIES)
                .diagnostics().get(0).code().id());
        assertFalse(analyzeQuickly("process " + "a".repeat(500_000)).hasErrors());
    }

    @Test
    void nullAndEmptyInputs() {
        assertEquals(0, FrontEnd.analyze("", Analysis.POLICIES).diagnostics().size());
        assertEquals(0, FrontEnd.analyze(null, Analysis.POLICIES).diagnostics().size());
        assertEquals(0, FrontEnd.analyze("\n\n# only a comment", Analysis.POLICIES).diagnostics().size());
        assertEquals(0, FrontEnd.analyze("\uFEFFprocess p\n", Analysis.POLICIES).diagnostics().size());
    }

    @Test
    void tenThousandLinesAreAnalyzedWithoutAnError() {
        StringBuilder text = new StringBuilder("process p\nmmap p buf 1G\n");
        for (int i = 0; i < 2_000; i++) {
            text.append("touch p buf[").append(i).append("] read # ≤ \uD83D\uDE00\n");
            text.append("fork p -> c").append(i).append(" policy cow-pte\n");
            text.append("expect rss c").append(i).append(" <= 2.5M\n");
            text.append("repeat 3 as i {\n  write c").append(i).append(" buf[i] = 0x1_0\n}\n");
        }
        String scenario = text.toString();
        assertTrue(scenario.lines().count() >= 10_000);
        // Speed is measured by 'cowpte bench' (parse and check of 10,000 lines), not asserted here.
        FrontEnd.Result result = analyzeQuickly(scenario);
        assertFalse(result.hasErrors(), () -> result.diagnostics().toString());
        assertEquals(2 + 4 * 2_000, result.scenario().statements().size());
    }

    @Test
    void nestedRepeatsWithAndWithoutVariablesAreChecked() {
        String[] headers = {"repeat 2 {", "repeat 3 as i {", "repeat 2 as j {", "repeat 0 {", "repeat 4 as i {"};
        for (String outer : headers) {
            for (String inner : headers) {
                for (String body : new String[] {"", "touch p buf", "fork p -> w{i}", "touch p buf[i]", "oops"}) {
                    String text = "process p\nmmap p buf 8\n" + outer + "\n  " + inner + "\n    " + body + "\n  }\n}\n";
                    FrontEnd.Result result = analyzeQuickly(text);
                    for (Diagnostic d : result.diagnostics()) {
                        assertFalse(d.code() == DiagnosticCode.INTERNAL_ERROR, () -> d.message() + " for:\n" + text);
                    }
                }
            }
        }
    }

    /** Scenarios made of whole statements, nested in repeats, with names that may or may not exist. */
    @Test
    void generatedScenariosNeverMakeTheCheckerFail() {
        String[] procs = {"p", "q", "c", "w{i}", "w{j}", "w3", "w{i}{j}"};
        String[] regions = {"buf", "b{i}", "s", "buf2"};
        String[] addrs = {"", "[0]", "[i]", "[j]", "[1..3]", "[2..]", "[i..]", "[4K]", "[0..i]"};
        Random random = new Random(11);
        for (int round = 0; round < 3000; round++) {
            StringBuilder text = new StringBuilder();
            int depth = 0;
            int lines = 1 + random.nextInt(25);
            for (int n = 0; n < lines; n++) {
                String p = procs[random.nextInt(procs.length)];
                String r = regions[random.nextInt(regions.length)] + addrs[random.nextInt(addrs.length)];
                String line = switch (random.nextInt(16)) {
                    case 0, 1 -> "process " + p;
                    case 2 -> "mmap " + p + " " + regions[random.nextInt(regions.length)] + " " + (1 + random.nextInt(8))
                            + (random.nextBoolean() ? " dontfork" : "") + (random.nextInt(4) == 0 ? " at 0x10000000" : "")
                            + (random.nextInt(4) == 0 ? " shared" : "");
                    case 3 -> "fork " + p + " -> " + procs[random.nextInt(procs.length)];
                    case 4 -> "munmap " + p + " " + r;
                    case 5 -> "madvise " + p + " " + r + (random.nextBoolean() ? " dontfork" : " dofork");
                    case 6 -> "touch " + p + " " + r;
                    case 7 -> "expect segv write " + p + " " + r;
                    case 8 -> "expect value " + p + " " + r + " == 0";
                    case 9 -> "exit " + p;
                    case 10 -> {
                        depth++;
                        yield "repeat " + random.nextInt(4) + (random.nextBoolean() ? " as " + (random.nextBoolean() ? "i" : "j") : "") + " {";
                    }
                    case 11 -> {
                        if (depth == 0) {
                            yield "show " + p;
                        }
                        depth--;
                        yield "}";
                    }
                    case 12 -> "expect shared " + p + " " + procs[random.nextInt(procs.length)] + " " + r;
                    case 13 -> "mprotect " + p + " " + r + " readonly";
                    case 14 -> "pin " + p + " " + r;
                    default -> "read " + p + " " + r;
                };
                text.append(line).append('\n');
            }
            text.append("}\n".repeat(depth));
            String scenario = text.toString();
            FrontEnd.Result result = analyzeQuickly(scenario);
            for (Diagnostic d : result.diagnostics()) {
                assertFalse(d.code() == DiagnosticCode.INTERNAL_ERROR, () -> d.message() + " for:\n" + scenario);
            }
        }
    }
}
