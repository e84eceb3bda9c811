package dev.cowpte.run;

import static org.junit.jupiter.api.Assertions.fail;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Scenarios generated from the language's statements, with fixed placements that fall into the
 * tables forks share, under every policy: whatever the front end lets through runs without an
 * internal error and without breaking an invariant of the simulator.
 */
class GeneratedScenariosTest {
    private static final String[] POLICIES = {"classic", "cow-pte", "cow-pte-rfc", "odf"};
    private static final String[] OPTIONS = {"", " shared", " readonly", " dontfork", " wipeonfork", " shared readonly"};
    private static final String[] ADVICE = {"dontneed", "dontfork", "dofork", "wipeonfork", "keeponfork"};

    @Test
    void noInternalErrorsAndNoBrokenInvariants() {
        Random random = new Random(2026);
        for (int round = 0; round < 1500; round++) {
            String text = scenario(random);
            RunResult result = ScenarioRunner.run(text, RunOptions.defaults().withInvariantChecks(true));
            for (Diagnostic d : result.diagnostics()) {
                if (d.code() == DiagnosticCode.INTERNAL_ERROR || d.code() == DiagnosticCode.INVARIANT) {
                    fail(d.range().line() + ": " + d.message() + " in:\n" + numbered(text));
                }
            }
        }
    }

    private static String numbered(String text) {
        StringBuilder out = new StringBuilder();
        int n = 1;
        for (String line : text.split("\n")) {
            out.append(n++).append("  ").append(line).append('\n');
        }
        return out.toString();
    }

    static String scenario(Random random) {
        List<String> lines = new ArrayList<>();
        lines.add("policy " + POLICIES[random.nextInt(POLICIES.length)]);
        if (random.nextBoolean()) {
            lines.add("machine pt-reclaim on");
        }
        if (random.nextInt(4) == 0) {
            lines.add("machine fault-around off");
        }
        List<String> procs = new ArrayList<>(List.of("p"));
        java.util.Map<String, List<String>> regionsOf = new java.util.HashMap<>();
        regionsOf.put("p", new ArrayList<>());
        lines.add("process p");
        int n = 5 + random.nextInt(30);
        int made = 0;
        for (int k = 0; k < n; k++) {
            String p = procs.get(random.nextInt(procs.size()));
            List<String> regions = regionsOf.get(p);
            String r = regions.isEmpty() ? null : regions.get(random.nextInt(regions.size()));
            String index = r == null ? "" : switch (random.nextInt(5)) {
                case 0 -> "";
                case 1 -> "[" + random.nextInt(4) + "]";
                case 2 -> "[" + random.nextInt(2) + ".." + (2 + random.nextInt(2)) + "]";
                case 3 -> "[1..]";
                default -> "[0]";
            };
            String target = r == null ? null : r + index;
            switch (random.nextInt(14)) {
                case 0, 1 -> {
                    String name = "r" + made++;
                    long slot = random.nextInt(6);
                    long at = 0x10000000L + slot * 0x80000L;
                    long pages = 4 + random.nextInt(4) * 64;
                    String line = "mmap " + p + " " + name + " " + pages
                            + (random.nextInt(3) == 0 ? "" : String.format(" at 0x%x", at))
                            + OPTIONS[random.nextInt(OPTIONS.length)];
                    lines.add(line);
                    regions.add(name);
                }
                case 2 -> {
                    String child = "c" + made++;
                    lines.add("fork " + p + " -> " + child + (random.nextInt(3) == 0 ? " policy "
                            + POLICIES[random.nextInt(POLICIES.length)] : ""));
                    procs.add(child);
                    regionsOf.put(child, new ArrayList<>(regions));
                }
                case 3 -> lines.add(target == null ? "show" : "touch " + p + " " + target
                        + (random.nextBoolean() ? " read" : ""));
                case 4 -> lines.add(target == null ? "show" : "write " + p + " " + target + " = " + random.nextInt(9));
                case 5 -> lines.add(target == null ? "show" : "munmap " + p + " " + target);
                case 6 -> lines.add(target == null ? "show" : "mprotect " + p + " " + target
                        + (random.nextBoolean() ? " readonly" : " readwrite"));
                case 7 -> lines.add(target == null ? "show" : "madvise " + p + " " + target + " "
                        + ADVICE[random.nextInt(ADVICE.length)]);
                case 8 -> lines.add(target == null ? "show" : (random.nextBoolean() ? "pin " : "unpin ") + p + " " + target);
                case 9 -> lines.add(target == null ? "show" : "expect value " + p + " " + target + " >= 0");
                case 10 -> lines.add(target == null ? "show" : "read " + p + " " + target);
                case 11 -> {
                    if (procs.size() > 1 && random.nextInt(3) == 0) {
                        lines.add("exit " + p);
                        procs.remove(p);
                        if (procs.isEmpty()) {
                            procs.add("q" + made);
                            regionsOf.put("q" + made, new ArrayList<>());
                            lines.add("process q" + made++);
                        }
                    }
                }
                case 12 -> lines.add(target == null ? "show" : "show " + p + " " + target);
                default -> {
                    if (target != null && random.nextInt(3) == 0) {
                        lines.add("expect segv write " + p + " " + target);
                        procs.remove(p);
                        if (procs.isEmpty()) {
                            procs.add("q" + made);
                            regionsOf.put("q" + made, new ArrayList<>());
                            lines.add("process q" + made++);
                        }
                    }
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
