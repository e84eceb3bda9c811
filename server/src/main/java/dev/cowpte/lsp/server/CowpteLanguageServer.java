package dev.cowpte.lsp.server;

import com.google.gson.JsonElement;
import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.services.KernelCheckService;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.WorkDoneProgressCancelParams;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The cowpte language server: wires the document store, the run scheduler and the feature
 * services to LSP4J, and handles the lifecycle (initialize with settings and the client's
 * process id, shutdown, exit). Transport-free: {@link LspLauncher} connects it to streams.
 */
public final class CowpteLanguageServer implements LanguageServer, LanguageClientAware {
    private final ServerEnvironment env;
    private final ServerLog log;
    private final DocumentStore store = new DocumentStore();
    private final SettingsStore settings;
    private final DiagnosticsPublisher publisher;
    private final RunReporter reporter;
    private final RunProgress progress;
    private final KernelProgress kernelProgress;
    private final RunScheduler scheduler;
    private final FeatureRequests documents;
    private final ScenarioWorkspaceService workspace;
    private final ClientWatchdog watchdog;
    private volatile CowpteLanguageClient client;
    private volatile boolean shutdown;

    public CowpteLanguageServer(ServerEnvironment env) {
        this.env = env;
        this.log = new ServerLog(env.err());
        this.settings = new SettingsStore(log);
        this.publisher = new DiagnosticsPublisher(store, FeatureServices.DIAGNOSTICS, log);
        this.reporter = new RunReporter(store, publisher, log);
        this.progress = new RunProgress(env.timer(), log);
        this.kernelProgress = new KernelProgress(log);
        this.scheduler = new RunScheduler(env.runPool(), env.timer(), env.engine(), settings,
                new RunEvents() {
                    @Override
                    public void started(dev.cowpte.lsp.document.ScenarioDocument d, long id) {
                        progress.started(d, id);
                    }

                    @Override
                    public dev.cowpte.run.RunListener watch(dev.cowpte.lsp.document.ScenarioDocument d, long id,
                                                           dev.cowpte.run.Cancellation token) {
                        return progress.watch(d, id, token);
                    }

                    @Override
                    public void finished(dev.cowpte.lsp.document.ScenarioDocument d, long id,
                                         dev.cowpte.run.RunResult r, boolean cancelled, long ms) {
                        try {
                            reporter.finished(d, id, r, cancelled, ms);
                        } finally {
                            progress.finished(d, id, r, cancelled, ms);
                        }
                    }
                }, log);
        RequestGuard guard = new RequestGuard(env.requestPool(), log);
        RunTriggers triggers = new RunTriggers(store, scheduler, settings);
        this.documents = new FeatureRequests(store, publisher, triggers, guard, log);
        this.workspace = new ScenarioWorkspaceService(settings, triggers,
                new ScenarioCommands(store, scheduler, env.runPool(), settings, env.renderer(), log,
                        new ScenarioCommands.KernelChecks(new KernelCheckService(), publisher, kernelProgress)),
                guard, log);
        this.watchdog = new ClientWatchdog(env.processAlive(), () -> {
            log.warn("the editor's process is gone; cowpte exits");
            env.exit().accept(1);
        });
    }

    @Override
    public void connect(LanguageClient languageClient) {
        CowpteLanguageClient c = (CowpteLanguageClient) languageClient;
        this.client = c;
        log.connect(c);
        publisher.connect(c);
        reporter.connect(c);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        InitializeParams p = params == null ? new InitializeParams() : params;
        if (p.getInitializationOptions() instanceof JsonElement json) {
            settings.apply(json);
        }
        ClientCapabilities caps = Optional.ofNullable(p.getCapabilities()).orElseGet(ClientCapabilities::new);
        boolean workDone = caps.getWindow() != null && Boolean.TRUE.equals(caps.getWindow().getWorkDoneProgress());
        if (workDone && client != null) {
            progress.connect(client);
        }
        if (client != null) {
            kernelProgress.connect(client, workDone);
        }
        boolean configuration = caps.getWorkspace() != null
                && Boolean.TRUE.equals(caps.getWorkspace().getConfiguration());
        workspace.connect(client, configuration);
        List<String> encodings = caps.getGeneral() == null ? null : caps.getGeneral().getPositionEncodings();
        if (encodings != null && !encodings.isEmpty() && !encodings.contains(Capabilities.UTF_16)) {
            log.warn("the client offers position encodings " + encodings + " without utf-16; cowpte speaks utf-16,"
                    + " which every client must support");
        }
        watchdog.watch(p.getProcessId());
        log.info("initialized for " + (p.getClientInfo() == null ? "an unnamed client" : p.getClientInfo().getName())
                + (p.getProcessId() == null ? "" : " (pid " + p.getProcessId() + ")") + "; " + settings.get());
        return CompletableFuture.completedFuture(new InitializeResult(Capabilities.of(),
                new ServerInfo("cowpte", version())));
    }

    @Override
    public void initialized(InitializedParams params) {
    }

    /** {@code window/workDoneProgress/cancel}: the user cancelled a kernel check's or a run's progress. */
    @Override
    public void cancelProgress(WorkDoneProgressCancelParams params) {
        kernelProgress.cancel(params);
        progress.cancel(params);
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        for (var d : store.all()) {
            scheduler.closed(d.uri());
        }
        try {
            documents.close();
        } catch (RuntimeException e) {
            log.error("stopping the code lenses failed", e);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        watchdog.stop();
        env.exit().accept(shutdown ? 0 : 1);
    }

    /** Whether shutdown was requested: the exit code is 0 then, 1 otherwise. */
    public boolean shutdownRequested() {
        return shutdown;
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }

    /** {@code cowpte/memory}: the heap of this JVM (the benchmark reads it from the child process). */
    @JsonRequest("cowpte/memory")
    public CompletableFuture<MemoryReport> memory() {
        return CompletableFuture.completedFuture(MemoryReport.now(store.all().size(), scheduler.runsStarted(),
                scheduler.waitingTotal()));
    }

    /**
     * The error answer to a request whose handler threw before the request guard took it: logged
     * here, answered with the exception's class only. LSP4J's own answer would put the Java stack
     * trace in the response's {@code data}, for the editor to show.
     */
    org.eclipse.lsp4j.jsonrpc.messages.ResponseError internalError(Throwable e) {
        // An error the protocol defines (method not found, invalid params, cancelled) keeps its code.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.lsp4j.jsonrpc.ResponseErrorException r) {
                return r.getResponseError();
            }
            if (t instanceof UnsupportedOperationException) {
                return new org.eclipse.lsp4j.jsonrpc.messages.ResponseError(
                        org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode.MethodNotFound,
                        "cowpte: no such method", null);
            }
        }
        log.error("a request failed", e);
        return new org.eclipse.lsp4j.jsonrpc.messages.ResponseError(
                org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode.InternalError,
                "cowpte: the request failed (" + e.getClass().getSimpleName() + "); the server log has details", null);
    }

    /** Test hooks. */
    public RunScheduler scheduler() {
        return scheduler;
    }

    public DocumentStore store() {
        return store;
    }

    public ServerSettings settings() {
        return settings.get();
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = CowpteLanguageServer.class.getResourceAsStream("/cowpte-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
