package dev.cowpte.report;

import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.run.PolicyComparison;
import dev.cowpte.run.PolicyComparison.PolicyRun;
import dev.cowpte.run.RunListener;
import dev.cowpte.run.RunOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code cowpte report}: one scenario under several policies, as one self-contained HTML page
 * (inline SVG and CSS, no script, nothing loaded from anywhere). Transport-free: the command line
 * writes the string to a file; an editor can ask for the same string.
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    /**
     * How a report is made.
     *
     * @param name    the scenario's name as the reader should see it (a file path), or null
     * @param base    run options; the compared policy replaces the initial one for each run
     * @param threads how many policies run at once (at least 1)
     */
    public record Options(String name, RunOptions base, int threads) {
        public Options {
            Objects.requireNonNull(base, "base");
            threads = Math.max(1, threads);
        }

        public static Options defaults() {
            return new Options(null, RunOptions.defaults(), Runtime.getRuntime().availableProcessors());
        }

        public Options withName(String n) {
            return new Options(n, base, threads);
        }

        public Options withBase(RunOptions b) {
            return new Options(name, b, threads);
        }

        public Options withThreads(int t) {
            return new Options(name, base, t);
        }
    }

    /** The report of {@code text} under {@code policies} (all known policies when empty). */
    public static String write(String text, List<String> policies) {
        return write(text, policies, Options.defaults());
    }

    public static String write(String text, List<String> policies, Options options) {
        return report(text, policies, options).html();
    }

    /** The page and the runs it shows (for an exit status or a summary beside the page). */
    public record Report(String html, List<PolicyRun> runs) {
    }

    public static Report report(String text, List<String> policies, Options options) {
        return report(text, policies, options, policy -> RunListener.NONE);
    }

    /** As {@link #report(String, List, Options)}, {@code watch} giving a listener to each policy's run. */
    public static Report report(String text, List<String> policies, Options options,
                                java.util.function.Function<String, RunListener> watch) {
        List<PolicyReport> built = build(text, policies, options, watch);
        return new Report(ReportPage.render(built, options.name()), built.stream().map(PolicyReport::run).toList());
    }

    /** One policy's run with what the report recorded of it. */
    record PolicyReport(PolicyRun run, ReportRecorder recorder) {
    }

    static List<PolicyReport> build(String text, List<String> policies, Options options) {
        return build(text, policies, options, policy -> RunListener.NONE);
    }

    static List<PolicyReport> build(String text, List<String> policies, Options options,
                                    java.util.function.Function<String, RunListener> watch) {
        List<String> names = policies == null || policies.isEmpty() ? ForkPolicies.names() : List.copyOf(policies);
        for (String p : names) {
            if (ForkPolicies.byName(p).isEmpty()) {
                throw new IllegalArgumentException("unknown policy '" + p + "'; known: "
                        + String.join(", ", ForkPolicies.names()));
            }
        }
        List<PolicyReport> out = new ArrayList<>();
        int threads = Math.min(options.threads(), names.size());
        if (threads <= 1) {
            for (String p : names) {
                out.add(runOne(text, p, options.base(), watch.apply(p)));
            }
            return out;
        }
        RunOptions base = options.base();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cowpte-report");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PolicyReport>> futures = new ArrayList<>();
            for (String p : names) {
                RunListener w = watch.apply(p);
                futures.add(pool.submit(() -> runOne(text, p, base, w)));
            }
            for (Future<PolicyReport> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the scenario", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }

    private static PolicyReport runOne(String text, String policy, RunOptions base, RunListener watch) {
        ReportRecorder rec = new ReportRecorder(policy, text);
        PolicyRun run = PolicyComparison.run(text, policy, base, RunListener.all(rec, watch));
        return new PolicyReport(run, rec);
    }
}
