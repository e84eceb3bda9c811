package dev.cowpte.cli;

import dev.cowpte.kernel.KernelReport;
import dev.cowpte.kernel.KernelRow;
import dev.cowpte.kernel.KernelRow.Verdict;
import java.util.List;
import java.util.Locale;

/**
 * {@code cowpte kernel --format junit}: one testsuite per file, one testcase per value compared
 * ({@code <failure>} when the kernel and the simulation disagree or an expectation fails on
 * either), not-comparable rows as {@code <skipped>}, a scenario not run on the kernel as one
 * skipped testcase with the reason. Each testsuite's properties say how many expectations and
 * counters were compared on the kernel.
 */
final class KernelJunitReport {
    private KernelJunitReport() {
    }

    static String render(List<KernelFileRun> runs) {
        StringBuilder suites = new StringBuilder();
        int tests = 0;
        int failures = 0;
        for (KernelFileRun run : runs) {
            KernelReport r = run.report();
            StringBuilder cases = new StringBuilder();
            int n = 0;
            int failed = 0;
            int skipped = 0;
            String cls = JunitReport.classname(run.file().display());
            for (String why : r.refused()) {
                n++;
                skipped++;
                cases.append(testcase("not run on the kernel", cls)).append(">\n      <skipped message=\"")
                        .append(JunitReport.attr(why)).append("\"/>\n    </testcase>\n");
            }
            for (KernelRow row : r.rows()) {
                n++;
                String name = "line " + row.range().line() + ": " + row.counter();
                boolean expectationFailed = row.failedSomewhere();
                if (row.verdict() == Verdict.NOT_COMPARABLE) {
                    skipped++;
                    cases.append(testcase(name, cls)).append(">\n      <skipped message=\"")
                            .append(JunitReport.attr(row.note())).append("\"/>\n    </testcase>\n");
                } else if (row.verdict() == Verdict.DISAGREE || expectationFailed) {
                    failed++;
                    String msg = row.verdict() == Verdict.DISAGREE
                            ? "kernel and simulation disagree: kernel " + row.kernel() + ", simulated " + row.simulated()
                            : "expectation " + row.outcome() + ": kernel " + row.kernel() + ", simulated "
                            + row.simulated();
                    cases.append(testcase(name, cls)).append(">\n      <failure message=\"")
                            .append(JunitReport.attr(msg + (row.note().isEmpty() ? "" : " (" + row.note() + ")")))
                            .append("\" type=\"kernel-comparison\"/>\n    </testcase>\n");
                } else {
                    cases.append(testcase(name, cls)).append("/>\n");
                }
            }
            tests += n;
            failures += failed;
            suites.append("  <testsuite name=\"").append(JunitReport.attr(run.file().display())).append("\" tests=\"")
                    .append(n).append("\" failures=\"").append(failed).append("\" errors=\"0\" skipped=\"")
                    .append(skipped).append("\" time=\"").append(String.format(Locale.ROOT, "%.3f", r.seconds()))
                    .append("\">\n").append(properties(r)).append(cases).append("  </testsuite>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"cowpte kernel\" tests=\"" + tests
                + "\" failures=\"" + failures + "\" errors=\"0\">\n" + suites + "</testsuites>\n";
    }

    /** How much of the scenario was compared on the kernel, as the testsuite's properties. */
    private static String properties(KernelReport r) {
        return "    <properties>\n"
                + property("expectations compared on the kernel", r.expectationsCompared())
                + property("expectations not compared", r.expectationRows() - r.expectationsCompared())
                + property("counters compared on the kernel", r.coverage().countersCompared())
                + property("counters not compared", r.coverage().countersNotCompared())
                + "    </properties>\n";
    }

    private static String property(String name, long value) {
        return "      <property name=\"" + name + "\" value=\"" + value + "\"/>\n";
    }

    private static String testcase(String name, String cls) {
        return "    <testcase name=\"" + JunitReport.attr(name) + "\" classname=\"" + JunitReport.attr(cls) + "\"";
    }
}
