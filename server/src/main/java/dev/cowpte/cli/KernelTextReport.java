package dev.cowpte.cli;

import dev.cowpte.kernel.KernelReport;
import dev.cowpte.kernel.KernelRow;
import dev.cowpte.kernel.KernelRow.Verdict;
import dev.cowpte.lang.Diagnostic;
import java.util.List;
import java.util.Locale;

/**
 * {@code cowpte kernel} for people: per file the kernel it ran on, a table of what was compared
 * (line, statement, counter, the kernel's value, the simulated one), each disagreement again as
 * {@code file:line:col: message}, and a summary line.
 */
final class KernelTextReport {
    private KernelTextReport() {
    }

    static String render(List<KernelFileRun> runs) {
        StringBuilder sb = new StringBuilder();
        int agree = 0;
        int other = 0;
        for (KernelFileRun run : runs) {
            file(sb, run);
            if (run.report().exitCode() == 0) {
                agree++;
            } else {
                other++;
            }
        }
        sb.append(runs.size()).append(runs.size() == 1 ? " scenario: " : " scenarios: ").append(agree)
                .append(" agree with the kernel, ").append(other).append(" do not or could not run\n");
        return sb.toString();
    }

    private static void file(StringBuilder sb, KernelFileRun run) {
        String name = run.file().display();
        KernelReport r = run.report();
        sb.append(name).append(": on ").append(r.facts().describe()).append('\n');
        for (String n : r.notes()) {
            sb.append("  note: ").append(n).append('\n');
        }
        for (Diagnostic d : r.simulated().diagnostics()) {
            if (d.severity() == Diagnostic.Severity.ERROR && !d.code().equals("expectation-failed")) {
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
                            .append(": expectation ").append(row.outcome()).append(": ").append(row.counter())
                            .append('\n');
                }
            }
        }
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

    static String summary(KernelReport r) {
        if (r.simulated().exitCode() == 2 && r.rows().isEmpty()) {
            return "ERROR, the scenario has errors";
        }
        if (!r.refused().isEmpty()) {
            return "NOT RUN on the kernel, " + TextReport.summary(r.simulated()) + " in the simulation";
        }
        long compared = r.count(Verdict.AGREE) + r.count(Verdict.DISAGREE);
        String head = r.count(Verdict.DISAGREE) > 0 ? "DISAGREES" : r.exitCode() == 0 ? "agrees" : "agrees, but";
        StringBuilder sb = new StringBuilder(head).append(", ").append(compared).append(compared == 1 ? " value" : " values")
                .append(" compared, ").append(r.count(Verdict.DISAGREE)).append(" disagreeing, ")
                .append(r.count(Verdict.NOT_COMPARABLE)).append(" not comparable; ");
        long failed = r.expectations(true);
        long held = r.expectations(false);
        sb.append(held).append(" of ").append(dev.cowpte.run.Amounts.count(held + failed, "expectation"))
                .append(" held on both");
        if (r.simulated().exitCode() == 2) {
            sb.append("; the scenario stopped with an error");
        }
        sb.append(String.format(Locale.ROOT, " (%.2f s)", r.seconds()));
        return sb.toString();
    }
}
