package dev.cowpte.cli;

import dev.cowpte.kernel.CalibrationCheck;
import dev.cowpte.kernel.ForkCalibration;
import dev.cowpte.kernel.KernelComparison;
import dev.cowpte.kernel.OracleBuild;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Times real fork()s on the running kernel and fits the per-operation costs that"
                + " cowpte compare uses to model a parent's fork() latency.",
            "",
            "A process of the kernel helper maps memory at three shapes (every page written; one page"
                + " written and the rest read; one page written per 2 MiB) and sizes, and forks it; the work"
                + " of each fork comes from the simulator under classic. The costs are fitted on 64 MiB to"
                + " 4 GiB and checked on 128 MiB, 512 MiB and 2 GiB written, which the fit did not see."
                + " At most 2 GiB is touched at a time. Needs Linux on x86-64, root and a C compiler.",
            "",
            "Prints the fit, each measured size beside its prediction and the error, and a warning, with what"
                + " to do, when the fit is degenerate (a cost at its bound of 0 ns, too few distinct sizes) or"
                + " predicts a measured size worse than the tolerance."},
        footer = {"", "Example (quick, rough, not saved):", "  cowpte calibrate --largest 64M --forks 3 --no-save",
            "", "Exit status: 0 calibrated (and saved unless --no-save; with warnings too), 2 the kernel cannot be"
                + " measured here or an option is wrong."})
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--forks", paramLabel = "N", description = "timed forks per size (default ${DEFAULT-VALUE})")
    int forks = 9;

    @Option(names = "--no-save", description = "print the fit without saving it")
    boolean noSave;

    @Option(names = "--largest", paramLabel = "SIZE", description = "the largest size forked, 16M to 4G (default"
            + " ${DEFAULT-VALUE}); every other size scales with it. Smaller is quicker and rougher: the fixed cost"
            + " then dominates the page-table work")
    String largest = "4G";

    @Option(names = "--tolerance", paramLabel = "PERCENT", description = "warn when a measured size's prediction is"
            + " off by more than this (default ${DEFAULT-VALUE})")
    double tolerance = CalibrationCheck.TOLERANCE * 100;

    @Override
    public Integer call() throws IOException {
        if (forks < 1 || forks > 100) {
            throw new UsageError("--forks must be between 1 and 100");
        }
        long largestBytes = size(largest);
        if (largestBytes < ForkCalibration.SMALLEST_LARGEST || largestBytes > ForkCalibration.LARGEST) {
            throw new UsageError("--largest must be between 16M and 4G, not '" + largest + "'");
        }
        if (!(tolerance > 0 && tolerance < 1000)) {
            throw new UsageError("--tolerance must be a percentage above 0");
        }
        List<String> blockers = KernelComparison.here().facts().blockers();
        if (!blockers.isEmpty()) {
            throw new UsageError("cannot calibrate here: " + String.join("; ", blockers));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String date = LocalDate.now().toString();
        ForkCalibration.Result r = ForkCalibration.run(forks, largestBytes, date, line -> {
            err.println("cowpte calibrate: " + line);
            err.flush();
        });
        out.print(render(r, forks, tolerance / 100));
        if (!noSave) {
            Path saved = r.model().save(OracleBuild.cacheDir(), date, KernelComparison.here().facts().describe());
            out.println("saved to " + saved + "; cowpte compare now models fork() latency with these costs");
        }
        return ExitCodes.OK;
    }

    static String render(ForkCalibration.Result r, int forks, double tolerance) {
        StringBuilder sb = new StringBuilder();
        sb.append("fork() on this machine: the fastest of ").append(forks).append(" timed forks per size\n\n");
        sb.append("fitted costs (").append(r.model().source()).append("):\n");
        sb.append(r.model().describeCosts()).append('\n');
        sb.append(table("fitted on", CalibrationCheck.predictions(r.model(), r.fitted())));
        sb.append('\n').append(table("predicted for sizes not fitted on", CalibrationCheck.predictions(r.model(),
                r.checked())));
        List<CalibrationCheck.Warning> warnings = CalibrationCheck.judge(r.model(), r.fitted(), r.checked(), tolerance);
        sb.append('\n');
        if (warnings.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "The fit is sound: every cost above 0, every measured size"
                    + " predicted within %.0f %%.%n", tolerance * 100));
        }
        for (CalibrationCheck.Warning w : warnings) {
            sb.append("warning: ").append(w.problem()).append("\n  what to do: ").append(w.advice()).append('\n');
        }
        sb.append("The costs are a model: they turn the simulator's work counters into time.\n");
        return sb.toString();
    }

    private static String table(String title, List<CalibrationCheck.Prediction> ps) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append(":\n");
        sb.append(String.format(Locale.ROOT, "  %-20s %12s %12s %8s%n", "workload", "measured", "model", "error"));
        for (CalibrationCheck.Prediction p : ps) {
            sb.append(String.format(Locale.ROOT, "  %-20s %9.3f ms %9.3f ms %+7.1f%%%n",
                    p.measurement().workload().label(), p.measuredNs() / 1e6, p.modeledNs() / 1e6, 100 * p.error()));
        }
        return sb.toString();
    }

    /** {@code 64M}, {@code 4G}, {@code 16384K}: a size in binary units; -1 when it is none. */
    static long size(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,7})\\s*([KMG]i?B?)?",
                java.util.regex.Pattern.CASE_INSENSITIVE).matcher(s.trim());
        if (!m.matches()) {
            return -1;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).substring(0, 1).toUpperCase(Locale.ROOT);
        return switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            case "G" -> n << 30;
            default -> n;
        };
    }
}
