package dev.cowpte.lsp.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.lsp.services.KernelCheckService;
import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.report.ReportWriter;
import dev.cowpte.run.Cancellation;
import dev.cowpte.run.PolicyComparison;
import dev.cowpte.run.PolicyComparison.PolicyRun;
import dev.cowpte.run.RunOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * {@code workspace/executeCommand}: {@code cowpte.run URI} runs the open scenario now and answers
 * its {@link RunSummary}; {@code cowpte.compare URI [POLICIES]} runs it under several fork
 * policies and answers the table of {@code cowpte compare} as text; {@code cowpte.report URI
 * [POLICIES]} answers the page of {@code cowpte report} for the document's current text as a
 * {@link Report}; {@code cowpte.kernel URI} runs the open text on the simulator and on the
 * running Linux kernel ({@link KernelCheckService}), keeps the check for hovers and diagnostics,
 * and answers its {@link KernelCheckService.Summary}, reporting work-done progress meanwhile
 * ({@link KernelProgress}); a newer check of the same document cancels the older one.
 * Comparisons, reports and kernel checks run on the run pool, not on the request thread, within
 * the step budget of the settings, and stop between statements when the client cancels.
 */
public final class ScenarioCommands {
    public static final String RUN = "cowpte.run";
    public static final String COMPARE = "cowpte.compare";
    public static final String REPORT = "cowpte.report";
    public static final String KERNEL = "cowpte.kernel";
    public static final List<String> ALL = List.of(RUN, COMPARE, REPORT, KERNEL);
    /** The policy a kernel check starts with, as {@code cowpte kernel}'s: the only fork a stock kernel has. */
    static final String KERNEL_POLICY = "classic";

    /** What {@code cowpte.kernel} needs: the check itself, where its diagnostics go and its progress. */
    public record KernelChecks(KernelCheckService service, DiagnosticsPublisher publisher, KernelProgress progress) {
    }

    /**
     * What {@code cowpte.report} answers: the self-contained HTML page (inline SVG and CSS, no
     * script), the policies it shows and the version of the document it was made from.
     */
    public record Report(String uri, int version, List<String> policies, String html) {
    }

    private final DocumentStore store;
    private final RunScheduler scheduler;
    private final Executor runPool;
    private final Supplier<ServerSettings> settings;
    private final ComparisonRenderer renderer;
    private final ServerLog log;
    private final KernelChecks kernel;
    /** The kernel check in progress per document. */
    private final Map<String, Cancellation> kernelRuns = new ConcurrentHashMap<>();

    /** Without kernel checks: {@code cowpte.kernel} answers an error. */
    public ScenarioCommands(DocumentStore store, RunScheduler scheduler, Executor runPool,
                            Supplier<ServerSettings> settings, ComparisonRenderer renderer, ServerLog log) {
        this(store, scheduler, runPool, settings, renderer, log, null);
    }

    public ScenarioCommands(DocumentStore store, RunScheduler scheduler, Executor runPool,
                            Supplier<ServerSettings> settings, ComparisonRenderer renderer, ServerLog log,
                            KernelChecks kernel) {
        this.kernel = kernel;
        this.store = store;
        this.scheduler = scheduler;
        this.runPool = runPool;
        this.settings = settings;
        this.renderer = renderer;
        this.log = log;
    }

    public CompletableFuture<Object> execute(ExecuteCommandParams params) {
        String command = params.getCommand();
        List<Object> args = params.getArguments() == null ? List.of() : params.getArguments();
        if (RUN.equals(command)) {
            ScenarioDocument d = document(args);
            return scheduler.runNow(d).thenApply(f ->
                    RunSummary.of(f.document().uri(), f.document().version(), f.result(), f.durationMs()));
        }
        if (COMPARE.equals(command)) {
            ScenarioDocument d = document(args);
            return compare(d, policies(args.size() > 1 ? args.get(1) : null));
        }
        if (REPORT.equals(command)) {
            ScenarioDocument d = document(args);
            return report(d, policies(args.size() > 1 ? args.get(1) : null));
        }
        if (KERNEL.equals(command)) {
            ScenarioDocument d = document(args);
            if (kernel == null) {
                throw RequestGuard.invalid("this server has no kernel checks");
            }
            return kernel(d, params.getWorkDoneToken());
        }
        throw RequestGuard.invalid("unknown command '" + command + "'; cowpte has " + String.join(", ", ALL));
    }

    private CompletableFuture<Object> compare(ScenarioDocument d, List<String> policies) {
        return onRunPool(COMPARE, d, token -> render(d, PolicyComparison.compare(d.text(), policies,
                settings.get().runOptions().withCancellation(token))));
    }

    private CompletableFuture<Object> report(ScenarioDocument d, List<String> policies) {
        return onRunPool(REPORT, d, token -> {
            // one thread: the report runs its policies one after the other on this run-pool thread
            ReportWriter.Options options = new ReportWriter.Options(fileName(d.uri()),
                    settings.get().runOptions().withCancellation(token), 1);
            String html = ReportWriter.write(d.text(), policies, options);
            return new Report(d.uri(), d.version(), List.copyOf(policies), html);
        });
    }

    /**
     * The kernel check of {@code d}'s text, kept as the document's last one (its diagnostics
     * published with the run's for this version) unless it was cancelled.
     */
    private CompletableFuture<Object> kernel(ScenarioDocument d, Either<String, Integer> workDoneToken) {
        Cancellation token = new Cancellation();
        Cancellation older = kernelRuns.put(d.uri(), token);
        if (older != null) {
            older.cancel();
        }
        return onRunPool(KERNEL, d, token, t -> {
            KernelProgress.Reporter progress = kernel.progress().begin(d, workDoneToken, t);
            String end = "cancelled";
            try {
                RunOptions options = RunOptions.defaults().withInitialPolicy(KERNEL_POLICY)
                        .withStepBudget(settings.get().stepBudget()).withCancellation(t);
                var check = kernel.service().check(d, options, progress);
                if (t.isCancelled()) {
                    throw new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestCancelled,
                            KERNEL + " of " + fileName(d.uri()) + " was cancelled", null));
                }
                store.kernelChecked(d, check.report());
                kernel.publisher().publish(d);
                KernelCheckService.Summary summary = KernelCheckService.summary(check);
                end = summary.summary();
                log.info(KERNEL + " " + fileName(d.uri()) + " version " + d.version() + ": " + end);
                return summary;
            } catch (RuntimeException e) {
                end = t.isCancelled() ? "cancelled" : "failed";
                throw e;
            } finally {
                kernelRuns.remove(d.uri(), t);
                progress.end(end);
            }
        });
    }

    /**
     * Runs {@code work} on the run pool with a cancellation token that the client's cancel sets
     * (LSP4J cancels the returned future); a failure is logged and answered as an error.
     */
    private CompletableFuture<Object> onRunPool(String command, ScenarioDocument d,
                                                Function<Cancellation, Object> work) {
        return onRunPool(command, d, new Cancellation(), work);
    }

    private CompletableFuture<Object> onRunPool(String command, ScenarioDocument d, Cancellation token,
                                                Function<Cancellation, Object> work) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        f.whenComplete((v, e) -> {
            if (e instanceof CancellationException) {
                token.cancel();
            }
        });
        try {
            runPool.execute(() -> {
                if (f.isDone()) {
                    return;
                }
                try {
                    f.complete(work.apply(token));
                } catch (ResponseErrorException e) {
                    f.completeExceptionally(e);
                } catch (Throwable e) {
                    log.error(command + " of " + d.uri() + " failed", e);
                    f.completeExceptionally(new ResponseErrorException(new ResponseError(
                            ResponseErrorCode.InternalError, command + " failed (" + e.getClass().getSimpleName()
                            + "); the server log has details", null)));
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed,
                    "every run thread is busy; try " + command + " again", null)));
        }
        return f;
    }

    private String render(ScenarioDocument d, List<PolicyRun> runs) {
        String file = fileName(d.uri());
        StringBuilder sb = new StringBuilder();
        for (String problem : PolicyComparison.problems(file, runs)) {
            sb.append(problem).append('\n');
        }
        return sb.append(renderer.render(file, runs)).toString();
    }

    private ScenarioDocument document(List<Object> args) {
        String uri = args.isEmpty() ? null : string(args.get(0));
        if (uri == null) {
            throw RequestGuard.invalid("the command needs the scenario's URI as its first argument");
        }
        return store.get(uri).orElseThrow(() -> RequestGuard.invalid("no open scenario " + uri));
    }

    private static List<String> policies(Object arg) {
        List<String> out = new ArrayList<>();
        if (arg == null || arg instanceof com.google.gson.JsonNull) {
            return ForkPolicies.names();
        }
        if (arg instanceof JsonArray a) {
            for (JsonElement e : a) {
                out.add(string(e));
            }
        } else if (arg instanceof List<?> l) {
            l.forEach(e -> out.add(string(e)));
        } else {
            String s = string(arg);
            if (s != null) {
                for (String p : s.split(",")) {
                    out.add(p.trim());
                }
            }
        }
        for (String p : out) {
            if (p == null || !ForkPolicies.names().contains(p)) {
                throw RequestGuard.invalid("no fork policy '" + p + "'; one of " + String.join(", ", ForkPolicies.names()));
            }
        }
        return out.isEmpty() ? ForkPolicies.names() : out;
    }

    private static String string(Object o) {
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        return null;
    }

    static String fileName(String uri) {
        int slash = uri.lastIndexOf('/');
        return slash >= 0 && slash < uri.length() - 1 ? uri.substring(slash + 1) : uri;
    }
}
