package dev.cowpte.dap.server;

import dev.cowpte.dap.session.DebugSession;
import dev.cowpte.dap.session.ExceptionFilter;
import dev.cowpte.dap.session.LaunchConfig;
import dev.cowpte.dap.session.SessionEvents;
import dev.cowpte.dap.session.VariableTree;
import dev.cowpte.run.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ExceptionBreakpointsFilter;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.RestartArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceArguments;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.SourceResponse;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadsResponse;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesResponse;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * The Debug Adapter Protocol over a {@link DebugSession}: translates requests and events, and
 * nothing else. One thread (the scenario), lines and columns as the client counts them.
 * Launch arguments: {@code program} (a {@code .cowpte} path), {@code source} (its unsaved text,
 * optional), {@code policy} (default {@code classic}), {@code stopOnEntry}, {@code stepBudget},
 * {@code noDebug}.
 */
public final class CowpteDebugServer implements IDebugProtocolServer {
    static final int THREAD = 1;
    static final int SOURCE_REFERENCE = 1;

    private final DebugSession session = new DebugSession(new Events());
    private volatile IDebugProtocolClient client;
    private int lineBase = 1;
    private int columnBase = 1;
    private String path;
    private String text;
    private boolean noDebug;
    private volatile boolean exited;

    public void connect(IDebugProtocolClient c) {
        this.client = c;
    }

    public DebugSession session() {
        return session;
    }

    private final class Events implements SessionEvents {
        @Override
        public void stopped(DebugSession.StopInfo stop) {
            StoppedEventArguments a = new StoppedEventArguments();
            a.setReason(stop.reason());
            a.setDescription(stop.description() == null ? null : stop.description());
            a.setText(stop.description());
            a.setThreadId(THREAD);
            a.setAllThreadsStopped(true);
            if (!stop.breakpoints().isEmpty()) {
                a.setHitBreakpointIds(stop.breakpoints().toArray(Integer[]::new));
            }
            client.stopped(a);
        }

        @Override
        public void output(String category, String message) {
            OutputEventArguments a = new OutputEventArguments();
            a.setCategory(category);
            a.setOutput(message);
            client.output(a);
        }

        @Override
        public void terminated(RunResult result) {
            ExitedEventArguments x = new ExitedEventArguments();
            x.setExitCode(result.exitCode());
            client.exited(x);
            client.terminated(new TerminatedEventArguments());
            exited = true;
        }
    }

    // ---- set-up ----

    @Override
    public CompletableFuture<Capabilities> initialize(InitializeRequestArguments args) {
        lineBase = args.getLinesStartAt1() == null || args.getLinesStartAt1() ? 1 : 0;
        columnBase = args.getColumnsStartAt1() == null || args.getColumnsStartAt1() ? 1 : 0;
        Capabilities c = new Capabilities();
        c.setSupportsConfigurationDoneRequest(true);
        c.setSupportsConditionalBreakpoints(true);
        c.setSupportsHitConditionalBreakpoints(true);
        c.setSupportsStepBack(true);
        c.setSupportsRestartRequest(true);
        c.setSupportsTerminateRequest(true);
        c.setSupportsEvaluateForHovers(false);
        List<ExceptionBreakpointsFilter> filters = new ArrayList<>();
        for (ExceptionFilter f : ExceptionFilter.values()) {
            ExceptionBreakpointsFilter x = new ExceptionBreakpointsFilter();
            x.setFilter(f.id());
            x.setLabel(f.label());
            x.setDefault_(f.byDefault());
            filters.add(x);
        }
        c.setExceptionBreakpointFilters(filters.toArray(ExceptionBreakpointsFilter[]::new));
        return CompletableFuture.completedFuture(c);
    }

    @Override
    public CompletableFuture<Void> launch(Map<String, Object> args) {
        return call(() -> {
            Object program = args.get("program");
            Object source = args.get("source");
            path = program instanceof String s && !s.isBlank() ? s : null;
            if (source instanceof String s) {
                text = s;
            } else if (path != null) {
                try {
                    text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new IllegalArgumentException("can not read " + path + ": " + e.getMessage());
                }
            } else {
                throw new IllegalArgumentException("launch needs 'program' (a .cowpte file) or 'source' (its text)");
            }
            noDebug = Boolean.TRUE.equals(args.get("noDebug"));
            long budget = args.get("stepBudget") instanceof Number n ? n.longValue() : 0;
            session.launch(new LaunchConfig(text, path, args.get("policy") instanceof String p ? p : null,
                    !noDebug && Boolean.TRUE.equals(args.get("stopOnEntry")), budget));
            if (noDebug) {
                session.setExceptionFilters(List.of());
            }
            client.initialized();
            return null;
        });
    }

    @Override
    public CompletableFuture<SetBreakpointsResponse> setBreakpoints(SetBreakpointsArguments args) {
        return call(() -> {
            List<DebugSession.BreakpointSpec> specs = new ArrayList<>();
            SourceBreakpoint[] given = args.getBreakpoints() == null ? new SourceBreakpoint[0] : args.getBreakpoints();
            for (SourceBreakpoint b : given) {
                specs.add(new DebugSession.BreakpointSpec(b.getLine() - lineBase + 1, b.getCondition(),
                        b.getHitCondition()));
            }
            List<DebugSession.BreakpointStatus> set = session.setBreakpoints(noDebug ? List.of() : specs);
            List<Breakpoint> out = new ArrayList<>();
            for (DebugSession.BreakpointStatus s : set) {
                Breakpoint b = new Breakpoint();
                b.setId(s.id());
                b.setVerified(s.verified());
                b.setLine(s.line() - 1 + lineBase);
                b.setMessage(s.message());
                b.setSource(source());
                out.add(b);
            }
            SetBreakpointsResponse r = new SetBreakpointsResponse();
            r.setBreakpoints(out.toArray(Breakpoint[]::new));
            return r;
        });
    }

    @Override
    public CompletableFuture<SetExceptionBreakpointsResponse> setExceptionBreakpoints(
            SetExceptionBreakpointsArguments args) {
        return call(() -> {
            session.setExceptionFilters(noDebug || args.getFilters() == null ? List.of() : Arrays.asList(args.getFilters()));
            return new SetExceptionBreakpointsResponse();
        });
    }

    @Override
    public CompletableFuture<Void> configurationDone(ConfigurationDoneArguments args) {
        return call(() -> {
            session.start();
            return null;
        });
    }

    // ---- control ----

    @Override
    public CompletableFuture<ContinueResponse> continue_(ContinueArguments args) {
        return call(() -> {
            session.resume(DebugSession.Step.CONTINUE);
            ContinueResponse r = new ContinueResponse();
            r.setAllThreadsContinued(true);
            return r;
        });
    }

    @Override
    public CompletableFuture<Void> next(NextArguments args) {
        return step(DebugSession.Step.NEXT);
    }

    @Override
    public CompletableFuture<Void> stepIn(StepInArguments args) {
        return step(DebugSession.Step.STEP_IN);
    }

    @Override
    public CompletableFuture<Void> stepOut(StepOutArguments args) {
        return step(DebugSession.Step.STEP_OUT);
    }

    private CompletableFuture<Void> step(DebugSession.Step s) {
        return call(() -> {
            session.resume(s);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> stepBack(StepBackArguments args) {
        return call(() -> {
            session.stepBack();
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> reverseContinue(ReverseContinueArguments args) {
        return call(() -> {
            session.reverseContinue();
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> pause(PauseArguments args) {
        return call(() -> {
            session.pause();
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> restart(RestartArguments args) {
        return call(() -> {
            session.restart();
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> terminate(TerminateArguments args) {
        return call(() -> {
            session.close();
            if (!exited) {
                exited = true;
                client.terminated(new TerminatedEventArguments());
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> disconnect(DisconnectArguments args) {
        return call(() -> {
            session.close();
            return null;
        });
    }

    // ---- state ----

    @Override
    public CompletableFuture<ThreadsResponse> threads() {
        Thread t = new Thread();
        t.setId(THREAD);
        t.setName("scenario");
        ThreadsResponse r = new ThreadsResponse();
        r.setThreads(new Thread[] {t});
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments args) {
        return call(() -> {
            List<StackFrame> out = new ArrayList<>();
            for (DebugSession.Frame f : session.frames()) {
                StackFrame s = new StackFrame();
                s.setId(f.id());
                s.setName(f.name());
                s.setSource(source());
                s.setLine(f.line() - 1 + lineBase);
                s.setColumn(f.column() - 1 + columnBase);
                s.setEndLine(f.endLine() - 1 + lineBase);
                s.setEndColumn(f.endColumn() - 1 + columnBase);
                out.add(s);
            }
            StackTraceResponse r = new StackTraceResponse();
            r.setStackFrames(out.toArray(StackFrame[]::new));
            r.setTotalFrames(out.size());
            return r;
        });
    }

    @Override
    public CompletableFuture<ScopesResponse> scopes(ScopesArguments args) {
        return call(() -> {
            List<Scope> out = new ArrayList<>();
            for (DebugSession.Scope s : session.scopes()) {
                Scope x = new Scope();
                x.setName(s.name());
                x.setVariablesReference(s.reference());
                x.setExpensive(false);
                x.setPresentationHint(s.name().equals("Scenario") ? "locals" : null);
                out.add(x);
            }
            ScopesResponse r = new ScopesResponse();
            r.setScopes(out.toArray(Scope[]::new));
            return r;
        });
    }

    @Override
    public CompletableFuture<VariablesResponse> variables(VariablesArguments args) {
        return call(() -> {
            List<VariableTree.Variable> all = session.variables(args.getVariablesReference());
            int from = args.getStart() == null ? 0 : Math.min(all.size(), Math.max(0, args.getStart()));
            int to = args.getCount() == null || args.getCount() <= 0 ? all.size() : Math.min(all.size(), from + args.getCount());
            List<Variable> out = new ArrayList<>();
            for (VariableTree.Variable v : all.subList(from, to)) {
                Variable x = new Variable();
                x.setName(v.name());
                x.setValue(v.value());
                x.setType(v.type());
                x.setVariablesReference(v.reference());
                out.add(x);
            }
            VariablesResponse r = new VariablesResponse();
            r.setVariables(out.toArray(Variable[]::new));
            return r;
        });
    }

    @Override
    public CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments args) {
        return call(() -> {
            EvaluateResponse r = new EvaluateResponse();
            r.setResult(session.evaluate(args.getExpression()));
            r.setVariablesReference(0);
            return r;
        });
    }

    @Override
    public CompletableFuture<SourceResponse> source(SourceArguments args) {
        return call(() -> {
            SourceResponse r = new SourceResponse();
            r.setContent(text == null ? "" : text);
            r.setMimeType("text/x-cowpte");
            return r;
        });
    }

    private Source source() {
        Source s = new Source();
        if (path != null) {
            s.setPath(path);
            s.setName(Path.of(path).getFileName().toString());
        } else {
            s.setName("scenario.cowpte");
            s.setSourceReference(SOURCE_REFERENCE);
        }
        return s;
    }

    /** Runs a request; the session's refusals become error responses with their message. */
    private static <T> CompletableFuture<T> call(Supplier<T> body) {
        try {
            return CompletableFuture.completedFuture(body.get());
        } catch (IllegalArgumentException | IllegalStateException e) {
            CompletableFuture<T> f = new CompletableFuture<>();
            f.completeExceptionally(new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                    e.getMessage(), null)));
            return f;
        }
    }
}
