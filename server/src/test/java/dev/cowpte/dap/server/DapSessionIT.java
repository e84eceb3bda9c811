package dev.cowpte.dap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.junit.jupiter.api.Test;

/** An LSP4J debug client driving the real {@code cowpte.jar dap} over stdio. */
class DapSessionIT {
    static final long WAIT_S = 30;

    /** Records the adapter's events. */
    static final class Client implements IDebugProtocolClient {
        final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        final StringBuffer output = new StringBuffer();

        @Override
        public void initialized() {
            events.add("initialized");
        }

        @Override
        public void stopped(StoppedEventArguments args) {
            events.add(args);
        }

        @Override
        public void output(OutputEventArguments args) {
            output.append(args.getOutput());
        }

        @Override
        public void exited(ExitedEventArguments args) {
            events.add(args);
        }

        @Override
        public void terminated(TerminatedEventArguments args) {
            events.add(args);
        }

        <T> T next(Class<T> type) throws InterruptedException {
            while (true) {
                Object e = events.poll(WAIT_S, TimeUnit.SECONDS);
                assertNotNull(e, "no " + type.getSimpleName() + " within " + WAIT_S + " s");
                if (type.isInstance(e)) {
                    return type.cast(e);
                }
                if (e instanceof StoppedEventArguments s) {
                    throw new AssertionError("unexpected stop: " + s.getReason() + " " + s.getDescription());
                }
            }
        }
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT_S, TimeUnit.SECONDS);
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("cowpte.jar", "target/cowpte.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration tests with mvn verify");
        }
        return jar;
    }

    static Path sample(String name) {
        return Path.of(System.getProperty("cowpte.samples", "../samples")).resolve(name).toAbsolutePath();
    }

    private final Client client = new Client();
    private IDebugProtocolServer server;

    private Process start() throws IOException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar().toString(), "dap").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Launcher<IDebugProtocolServer> l = DSPLauncher.createClientLauncher(client, p.getInputStream(),
                p.getOutputStream());
        l.startListening();
        server = l.getRemoteProxy();
        return p;
    }

    private Capabilities initialize() throws Exception {
        InitializeRequestArguments a = new InitializeRequestArguments();
        a.setAdapterID("cowpte");
        a.setLinesStartAt1(true);
        a.setColumnsStartAt1(true);
        return get(server.initialize(a));
    }

    private void launch(Map<String, Object> args) throws Exception {
        get(server.launch(args));
        assertEquals("initialized", client.next(String.class));
    }

    private SetBreakpointsResponse breakpoints(Path file, SourceBreakpoint... bps) throws Exception {
        SetBreakpointsArguments a = new SetBreakpointsArguments();
        Source s = new Source();
        s.setPath(file.toString());
        a.setSource(s);
        a.setBreakpoints(bps);
        return get(server.setBreakpoints(a));
    }

    static SourceBreakpoint bp(int line, String condition) {
        SourceBreakpoint b = new SourceBreakpoint();
        b.setLine(line);
        b.setCondition(condition);
        return b;
    }

    private void exceptions(String... filters) throws Exception {
        SetExceptionBreakpointsArguments a = new SetExceptionBreakpointsArguments();
        a.setFilters(filters);
        get(server.setExceptionBreakpoints(a));
    }

    private StackFrame top() throws Exception {
        StackTraceArguments a = new StackTraceArguments();
        a.setThreadId(1);
        return get(server.stackTrace(a)).getStackFrames()[0];
    }

    private List<Variable> variables(int ref) throws Exception {
        VariablesArguments a = new VariablesArguments();
        a.setVariablesReference(ref);
        return List.of(get(server.variables(a)).getVariables());
    }

    /** Follows names (a name matches when it is, or has as a word, the wanted one) from a scope. */
    private Variable variable(String scope, String... path) throws Exception {
        ScopesArguments sa = new ScopesArguments();
        sa.setFrameId(top().getId());
        int ref = 0;
        for (var s : get(server.scopes(sa)).getScopes()) {
            if (s.getName().equals(scope)) {
                ref = s.getVariablesReference();
            }
        }
        Variable v = null;
        for (String want : path) {
            List<Variable> vs = variables(ref);
            v = vs.stream().filter(x -> x.getName().equals(want) || List.of(x.getName().split(" ")).contains(want))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + want + " among " + names(vs)));
            ref = v.getVariablesReference();
        }
        return v;
    }

    private static List<String> names(List<Variable> vs) {
        List<String> out = new ArrayList<>();
        vs.forEach(v -> out.add(v.getName()));
        return out;
    }

    /**
     * Parent's first PTE table's refcount, down the tree pgd → pud → pmd → PTE table, and
     * " (changed)" when the table is marked as changed by the last step.
     */
    private String parentFirstPteRefcount() throws Exception {
        Variable pmd = variable("Processes", "parent", "page tables", "pgd#1", "pud#2", "pmd#3");
        Variable first = variables(pmd.getVariablesReference()).get(0);
        assertTrue(first.getName().startsWith("[0"), first.getName());
        String refcount = variables(first.getVariablesReference()).stream().filter(v -> v.getName().equals("refcount"))
                .findFirst().orElseThrow().getValue();
        return refcount + (first.getValue().endsWith(" (changed)") ? " (changed)" : "");
    }

    @Test
    void breakpointsStepsStepBackAndVariables() throws Exception {
        Path file = sample("fork-1g-pagetables.cowpte");
        Process p = start();
        try {
            Capabilities caps = initialize();
            assertTrue(caps.getSupportsStepBack());
            assertTrue(caps.getSupportsConditionalBreakpoints());
            launch(Map.of("program", file.toString(), "policy", "classic"));
            // line 21 holds after the classic fork (refcount 1): its condition keeps it from stopping
            SetBreakpointsResponse set = breakpoints(file, bp(21, "refcount parent buf[0] > 1"),
                    bp(29, "refcount parent buf[0] > 1"), bp(31, null));
            assertTrue(set.getBreakpoints()[0].isVerified());
            assertEquals(33, set.getBreakpoints()[2].getLine(), "a comment line moves to the next statement");
            exceptions("expectation-failed");
            get(server.configurationDone(new ConfigurationDoneArguments()));

            StoppedEventArguments s = client.next(StoppedEventArguments.class);
            assertEquals("breakpoint", s.getReason());
            assertEquals(29, top().getLine());
            assertEquals("2", parentFirstPteRefcount());

            get(server.continue_(new ContinueArguments()));
            client.next(StoppedEventArguments.class);
            assertEquals(33, top().getLine());
            assertEquals("write cow_child buf[0] = 7", top().getName());

            NextArguments next = new NextArguments();
            next.setThreadId(1);
            get(server.next(next));
            assertEquals("step", client.next(StoppedEventArguments.class).getReason());
            assertEquals(34, top().getLine());
            assertEquals("1 (changed)", parentFirstPteRefcount());
            EvaluateArguments ev = new EvaluateArguments();
            ev.setExpression("refcount parent buf[512]");
            ev.setContext("repl");
            assertTrue(get(server.evaluate(ev)).getResult().endsWith(" = 2"));

            StepBackArguments back = new StepBackArguments();
            back.setThreadId(1);
            get(server.stepBack(back));
            assertEquals("step", client.next(StoppedEventArguments.class).getReason());
            assertEquals(33, top().getLine());
            assertTrue(parentFirstPteRefcount().startsWith("2"));

            get(server.continue_(new ContinueArguments()));
            assertEquals(0, client.next(ExitedEventArguments.class).getExitCode());
            client.next(TerminatedEventArguments.class);
            assertTrue(client.output.toString().contains(": passed, "), client.output.toString());
            get(server.disconnect(new DisconnectArguments()));
            p.getOutputStream().close();
            assertTrue(p.waitFor(WAIT_S, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void stopsOnAFailedExpectationInUnsavedText() throws Exception {
        Path file = sample("failing-on-purpose.cowpte");
        Process p = start();
        try {
            initialize();
            Map<String, Object> args = new HashMap<>();
            args.put("program", file.toString());
            args.put("source", Files.readString(file).replace("expect rss child == 0 ", "expect rss child == 512"));
            launch(args);
            breakpoints(file);
            exceptions("expectation-failed");
            get(server.configurationDone(new ConfigurationDoneArguments()));
            StoppedEventArguments s = client.next(StoppedEventArguments.class);
            assertEquals("exception", s.getReason());
            assertEquals("expectation failed: pagetables child: expected <= 4 KiB, actual 12 KiB", s.getDescription());
            assertEquals(14, top().getLine(), "line 13 holds in the unsaved text");
            assertTrue(top().getName().startsWith("after: expect pagetables child"));
            get(server.continue_(new ContinueArguments()));
            assertEquals(1, client.next(ExitedEventArguments.class).getExitCode());
        } finally {
            p.destroyForcibly();
        }
    }

    /** An editor may keep the adapter's stdin open after disconnect: the adapter ends by itself. */
    @Test
    void exitsAfterAnsweringDisconnectWhileStdinStaysOpen() throws Exception {
        Process p = start();
        try {
            initialize();
            get(server.disconnect(new DisconnectArguments()));
            // stdin is not closed: only the disconnect can end the process
            assertTrue(p.waitFor(WAIT_S, TimeUnit.SECONDS), "cowpte dap still runs " + WAIT_S + " s after disconnect");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void exitsAfterAnsweringDisconnectOnAPortWhileTheSocketStaysOpen() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar().toString(), "dap", "--port", "0").start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            String line = err.readLine();
            assertNotNull(line, "cowpte dap --port 0 said nothing on stderr");
            assertTrue(line.startsWith("cowpte dap: listening on 127.0.0.1:"), line);
            int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                Launcher<IDebugProtocolServer> l = DSPLauncher.createClientLauncher(client, socket.getInputStream(),
                        socket.getOutputStream());
                l.startListening();
                server = l.getRemoteProxy();
                assertTrue(initialize().getSupportsStepBack());
                get(server.disconnect(new DisconnectArguments()));
                assertTrue(p.waitFor(WAIT_S, TimeUnit.SECONDS),
                        "cowpte dap --port still runs " + WAIT_S + " s after disconnect");
                assertEquals(0, p.exitValue());
            }
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void stdoutCarriesOnlyTheProtocol() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar().toString(), "dap").start();
        try {
            String body = "{\"seq\":1,\"type\":\"request\",\"command\":\"initialize\",\"arguments\":{\"adapterID\":\"cowpte\"}}";
            p.getOutputStream().write(("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
            Thread.sleep(1000);
            p.getOutputStream().close();
            assertTrue(p.waitFor(WAIT_S, TimeUnit.SECONDS));
            String out = read(p.getInputStream());
            assertTrue(out.startsWith("Content-Length: "), out);
            assertTrue(out.contains("\"supportsStepBack\":true"), out);
        } finally {
            p.destroyForcibly();
        }
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
    }
}
