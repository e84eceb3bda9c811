package dev.cowpte.cli;

import dev.cowpte.kernel.ForkCalibration;
import dev.cowpte.kernel.ForkCalibration.Measurement;
import dev.cowpte.kernel.ForkCostModel;
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
                + " At most 2 GiB is touched at a time. Needs Linux on x86-64, root and a C compiler."},
        footer = {"", "Exit status: 0 calibrated and saved, 2 the kernel cannot be measured here."})
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--forks", paramLabel = "N", description = "timed forks per size (default ${DEFAULT-VALUE})")
    int forks = 9;

    @Option(names = "--no-save", description = "print the fit without saving it")
    boolean noSave;

    @Override
    public Integer call() throws IOException {
        if (forks < 1 || forks > 100) {
            throw new UsageError("--forks must be between 1 and 100");
        }
        List<String> blockers = KernelComparison.here().facts().blockers();
        if (!blockers.isEmpty()) {
            throw new UsageError("cannot calibrate here: " + String.join("; ", blockers));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String date = LocalDate.now().toString();
        ForkCalibration.Result r = ForkCalibration.run(forks, date, line -> {
            err.println("cowpte calibrate: " + line);
            err.flush();
        });
        out.print(render(r, forks));
        if (!noSave) {
            Path saved = r.model().save(OracleBuild.cacheDir(), date, KernelComparison.here().facts().describe());
            out.println("saved to " + saved + "; cowpte compare now models fork() latency with these costs");
        }
        return ExitCodes.OK;
    }

    static String render(ForkCalibration.Result r, int forks) {
        StringBuilder sb = new StringBuilder();
        sb.append("fork() on this machine: the fastest of ").append(forks).append(" timed forks per size\n\n");
        sb.append("fitted costs (").append(r.model().source()).append("):\n");
        sb.append(r.model().describeCosts()).append('\n');
        sb.append(table("fitted on", r.fitted(), r.model()));
        sb.append('\n').append(table("predicted for sizes not fitted on", r.checked(), r.model()));
        sb.append("\nThe costs are a model: they turn the simulator's work counters into time.\n");
        return sb.toString();
    }

    private static String table(String title, List<Measurement> ms, ForkCostModel model) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append(":\n");
        sb.append(String.format(Locale.ROOT, "  %-20s %12s %12s %8s%n", "workload", "measured", "model", "error"));
        for (Measurement m : ms) {
            double measured = m.fastestNs();
            double modeled = model.latencyNs(m.work());
            sb.append(String.format(Locale.ROOT, "  %-20s %9.3f ms %9.3f ms %+7.1f%%%n", m.workload().label(),
                    measured / 1e6, modeled / 1e6, 100 * (modeled - measured) / measured));
        }
        return sb.toString();
    }
}
