package dev.cowpte.cli;

import dev.cowpte.lang.FrontEnd;
import dev.cowpte.run.ScenarioRunner;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cowpte bench}: times parse and check of a generated scenario (the editor re-checks the
 * whole text on every keystroke, so this must stay well under a human's pause). Hidden from help.
 */
@Command(name = "bench", hidden = true, mixinStandardHelpOptions = true,
        description = "Times parse+check of a generated scenario of --lines lines (warm JVM).")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--lines", description = "lines of the generated scenario (default ${DEFAULT-VALUE})")
    int lines = 10_000;

    @Option(names = "--warmup", description = "untimed runs first (default ${DEFAULT-VALUE})")
    int warmup = 15;

    @Option(names = "--iterations", description = "timed runs (default ${DEFAULT-VALUE})")
    int iterations = 15;

    @Option(names = "--scaling", split = ",", description = "instead: run repeats of forks, processes and mmaps"
            + " this many times each (e.g. 125000,250000,500000,1000000) and print the time per statement")
    long[] scaling;

    /** The scenarios of {@code --scaling}: each repeats one kind of statement N times. */
    static final String[][] SCALING = {
        {"fork+exit", "process p\nmmap p buf 4\ntouch p buf\nrepeat N as i {\n  fork p -> w{i}\n  exit w{i}\n}\n"},
        {"fork", "process p\nmmap p buf 4\ntouch p buf\nrepeat N as i {\n  fork p -> w{i}\n}\n"},
        {"process", "repeat N as i {\n  process w{i}\n}\n"},
        {"mmap", "process p\nrepeat N as i {\n  mmap p b{i} 1\n}\n"},
        {"mmap+touch+munmap", "process p\nrepeat N as i {\n  mmap p b{i} 1\n  touch p b{i}\n  munmap p b{i}\n}\n"},
    };

    private Integer scaling() {
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-18s %10s %10s %12s  %s%n", "statements", "N", "seconds", "us/repeat", "result");
        for (String[] kind : SCALING) {
            for (long n : scaling) {
                String text = kind[1].replace("N", Long.toString(n));
                System.gc();
                long t0 = System.nanoTime();
                dev.cowpte.run.RunResult r = ScenarioRunner.run(text, dev.cowpte.run.RunOptions.defaults());
                double s = (System.nanoTime() - t0) / 1e9;
                String result = r.diagnostics().isEmpty() ? "ok" : r.diagnostics().get(0).code().id();
                out.printf(Locale.ROOT, "%-18s %10d %10.2f %12.2f  %s%n", kind[0], n, s, s * 1e6 / n, result);
                out.flush();
            }
        }
        return ExitCodes.OK;
    }

    @Override
    public Integer call() {
        if (scaling != null) {
            return scaling();
        }
        String text = generate(lines);
        FrontEnd.Result first = ScenarioRunner.check(text);
        if (first.hasErrors()) {
            spec.commandLine().getOut().println("the generated scenario has errors: "
                    + first.diagnostics().get(0).format("generated.cowpte"));
            return ExitCodes.ERROR;
        }
        for (int i = 0; i < warmup; i++) {
            ScenarioRunner.check(text);
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            ScenarioRunner.check(text);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        spec.commandLine().getOut().printf(Locale.ROOT,
                "parse+check of %d lines (%d statements): median %.1f ms, min %.1f ms, max %.1f ms over %d runs%n",
                text.split("\n").length, first.scenario().statements().size(), ms[ms.length / 2], ms[0],
                ms[ms.length - 1], iterations);
        return ExitCodes.OK;
    }

    /** A scenario of about {@code n} lines mixing every kind of statement, comments and repeats. */
    static String generate(int n) {
        StringBuilder sb = new StringBuilder();
        sb.append("scenario \"generated benchmark\"\n");
        sb.append("machine memory 64G\n");
        sb.append("policy cow-pte\n");
        sb.append("process p\n");
        sb.append("mmap p buf 1G\n");
        sb.append("mmap p sh 2M shared\n");
        int line = 6;
        int k = 0;
        while (line < n) {
            int page = k % 262144;
            switch (k % 10) {
                case 0 -> sb.append("# step ").append(k).append(": a comment like the samples have\n");
                case 1 -> sb.append("touch p buf[").append(page).append("]\n");
                case 2 -> sb.append("write p buf[").append(page).append("] = ").append(k).append('\n');
                case 3 -> sb.append("expect value p buf[").append(page).append("] == ").append(k - 1).append('\n');
                case 4 -> sb.append("read p buf[").append(page).append("..").append(page + 1).append("]\n");
                case 5 -> sb.append("fork p -> c").append(k).append(" policy odf\n");
                case 6 -> sb.append("expect shared p c").append(k - 1).append(" buf[").append(page).append("]\n");
                case 7 -> sb.append("exit c").append(k - 2).append('\n');
                case 8 -> sb.append("expect pagetables p <= 2.5M   # bytes\n");
                default -> sb.append("expect rss p >= 1\n");
            }
            line++;
            k++;
        }
        return sb.toString();
    }
}
