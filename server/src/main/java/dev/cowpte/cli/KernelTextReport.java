package dev.cowpte.cli;

import dev.cowpte.kernel.KernelReport;
import dev.cowpte.kernel.KernelRow;
import dev.cowpte.kernel.KernelRow.Verdict;
import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cowpte kernel} for people: once the kernel it ran on (and the notes every file shares),
 * then per file a table of what was compared (line, statement, counter, the kernel's value, the
 * simulated one), each disagreement and failed expectation again as {@code file:line:col:
 * message}, and a summary line; last a summary that counts the files' verdicts as they read.
 */
final class KernelTextReport {
    private KernelTextReport() {
    }

    /** What a file's summary line says first. */
    enum FileVerdict { AGREES, DISAGREES, NOT_RUN, ERROR }

    static String render(List<KernelFileRun> runs) {
        StringBuilder sb = new StringBuilder();
        List<String> shared = List.of();
        if (!runs.isEmpty()) {
            sb.append("running kernel: ").append(runs.get(0).report().facts().describe()).append('\n');
            shared = runs.get(0).report().notes().stream()
                    .filter(n -> runs.stream().allMatch(r -> r.report().notes().contains(n))).toList();
            for (String n : shared) {
                sb.append("  note: ").append(n).append('\n');
            }
        }
        Map<FileVerdict, Integer> count = new EnumMap<>(FileVerdict.class);
        int failing = 0;
        for (KernelFileRun run : runs) {
            file(sb, run, shared);
            count.merge(verdict(run.report()), 1, Integer::sum);
            if (run.report().exitCode() != 2 && (run.report().expectations(true) > 0
                    || run.report().simulated().exitCode() == 1)) {
                failing++;
            }
        }
        int agree = count.getOrDefault(FileVerdict.AGREES, 0);
        sb.append(runs.size()).append(runs.size() == 1 ? " scenario: " : " scenarios: ").append(agree)
                .append(agree == 1 ? " agrees" : " agree").append(" with the kernel, ")
                .append(count.getOrDefault(FileVerdict.DISAGREES, 0)).append(" disagree, ")
                .append(count.getOrDefault(FileVerdict.NOT_RUN, 0)).append(" not run on this kernel");
        int errors = count.getOrDefault(FileVerdict.ERROR, 0);
        if (errors > 0) {
            sb.append(", ").append(errors).append(" with errors");
        }
        sb.append("; ").append(failing).append(" with failed expectations\n");
        return sb.toString();
    }

    /** The verdict a file's summary line gives, as the run's summary counts it. */
    static FileVerdict verdict(KernelReport r) {
        if (r.simulated().exitCode() == 2 && r.rows().isEmpty()) {
            return FileVerdict.ERROR;
        }
        if (!r.refused().isEmpty()) {
            return FileVerdict.NOT_RUN;
        }
        return r.count(KernelRow.Verdict.DISAGREE) > 0 ? FileVerdict.DISAGREES : FileVerdict.AGREES;
    }

    private static void file(StringBuilder sb, KernelFileRun run, List<String> shared) {
        String name = run.file().display();
        KernelReport r = run.report();
        List<String> own = r.notes().stream().filter(n -> !shared.contains(n)).toList();
        if (!own.isEmpty() || !r.rows().isEmpty()) {
            sb.append(name).append(":\n");
        }
        for (String n : own) {
            sb.append("  note: ").append(n).append('\n');
        }
        for (Diagnostic d : r.simulated().diagnostics()) {
            if (d.severity() == Diagnostic.Severity.ERROR && d.code() != DiagnosticCode.EXPECTATION_FAILED) {
                sb.append(d.format(name)).append('\n');
            }
        }
        for (String why : r.refused()) {
            sb.append(name).append(": not run on the kernel: ").append(why).append('\n');
        }
        if (!r.rows().isEmpty()) {
            table(sb, r.rows());
            for (KernelRow row : r.rows()) {
                if (row.verdict() == Verdict.DISAGREE) {
                    sb.append(name).append(':').append(row.range().line()).append(':').append(row.range().column())
                            .append(": kernel and simulation disagree: ").append(row.counter());
                    if (!row.kernel().isEmpty() || !row.simulated().isEmpty()) {
                        sb.append(": kernel ").append(row.kernel()).append(", simulated ").append(row.simulated());
                    }
                    if (!row.note().isEmpty()) {
                        sb.append(" (").append(row.note()).append(')');
                    }
                    sb.append('\n');
                } else if (row.kind() == KernelRow.Kind.EXPECTATION && !row.outcome().startsWith("held")) {
                    sb.append(name).append(':').append(row.range().line()).append(':').append(row.range().column())
                            .append(": expectation ").append(row.outcome()).append(": ").append(row.counter());
                    if (!row.expected().isEmpty()) {
                        sb.append(": expected ").append(row.expected());
                    }
                    if (row.heldOnKernel() != null) {
                        sb.append(", kernel ").append(row.kernel());
                    }
                    sb.append(row.heldOnKernel() != null ? ", simulated " : ", actual ").append(row.simulated())
                            .append('\n');
                }
            }
        }
        sb.append(KernelForkTimeLines.text(r.forks()));
        sb.append(name).append(": ").append(summary(r)).append('\n');
    }

    private static void table(StringBuilder sb, List<KernelRow> rows) {
        int stmt = "statement".length();
        int counter = "counter".length();
        int kernel = "kernel".length();
        int sim = "simulated".length();
        for (KernelRow r : rows) {
            stmt = Math.max(stmt, Math.min(40, r.statement().length()));
            counter = Math.max(counter, r.counter().length());
            kernel = Math.max(kernel, r.kernel().length());
            sim = Math.max(sim, r.simulated().length());
        }
        String fmt = "  %5s  %-" + stmt + "s  %-" + counter + "s  %" + kernel + "s  %" + sim + "s  %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "line", "statement", "counter", "kernel", "simulated", ""));
        for (KernelRow r : rows) {
            String s = r.statement().length() > 40 ? r.statement().substring(0, 39) + "…" : r.statement();
            String verdict = r.verdict().word();
            if (r.kind() == KernelRow.Kind.EXPECTATION && r.verdict() != Verdict.NOT_COMPARABLE) {
                verdict += ", " + r.outcome();
            }
            if (r.verdict() != Verdict.DISAGREE && !r.note().isEmpty()) {
                verdict += ": " + r.note();
            }
            sb.append(String.format(Locale.ROOT, fmt, r.range().line(), s, r.counter(), r.kernel(), r.simulated(),
                    verdict));
        }
    }

    /**
     * What was set beside the kernel: {@code compared on the kernel: 4 of 4 expectations, 57
     * counters (3 not compared)}. Counters count every reading after a statement, shown in a row
     * or not (rows show a counter when its values change).
     */
    static String compared(KernelReport r) {
        KernelReport.Coverage c = r.coverage();
        return "compared on the kernel: " + r.expectationsCompared() + " of "
                + dev.cowpte.words.Amounts.count(r.expectationRows(), "expectation") + ", "
                + dev.cowpte.words.Amounts.count(c.countersCompared(), "counter")
                + (c.countersNotCompared() > 0 ? " (" + c.countersNotCompared() + " not compared)" : "");
    }

    static String summary(KernelReport r) {
        if (r.simulated().exitCode() == 2 && r.rows().isEmpty()) {
            return "ERROR, the scenario has errors";
        }
        if (!r.refused().isEmpty()) {
            return "NOT RUN on the kernel, " + TextReport.summary(r.simulated()) + " in the simulation";
        }
        long compared = r.count(Verdict.AGREE) + r.count(Verdict.DISAGREE);
        long failed = r.expectations(true);
        long held = r.expectations(false);
        long notCompared = r.expectationsNotCompared();
        StringBuilder sb = new StringBuilder(r.count(Verdict.DISAGREE) > 0 ? "DISAGREES" : "agrees");
        if (failed > 0) {
            sb.append(", but ").append(dev.cowpte.words.Amounts.count(failed, "expectation"))
                    .append(failed == 1 ? " fails" : " fail");
        }
        sb.append("; ").append(compared).append(compared == 1 ? " value" : " values")
                .append(" compared, ").append(r.count(Verdict.DISAGREE)).append(" disagreeing, ")
                .append(r.count(Verdict.NOT_COMPARABLE)).append(" not comparable; ");
        sb.append(held).append(" of ").append(dev.cowpte.words.Amounts.count(held + failed + notCompared, "expectation"))
                .append(" held on both");
        if (notCompared > 0) {
            sb.append(", ").append(notCompared).append(" held in the simulation, not compared");
        }
        if (r.simulated().exitCode() == 2) {
            sb.append("; the scenario stopped with an error");
        }
        sb.append("; ").append(compared(r));
        sb.append(String.format(Locale.ROOT, " (%.2f s)", r.seconds()));
        return sb.toString();
    }
}
