package dev.cowpte.dap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
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

/**
 * Benchmark of {@code cowpte dap} as an editor drives it, against the real jar as a child
 * process, on {@code samples/fork-latency-32g.cowpte} (32 GiB touched, 16 forks). Not a test: it
 * prints figures and asserts nothing.
 *
 * <pre>
 * mvn -q -o package -DskipTests
 * java -cp server/target/test-classes:server/target/cowpte.jar dev.cowpte.dap.DapBench [-Xmx…]
 * </pre>
 * An argument is passed to the adapter's JVM. Each figure is from a request to its answer (for
 * steps: to the {@code stopped} event), the way an editor waits: launch to the first stop at a
 * breakpoint; {@code next} over statements; {@code stepBack} (a replay from the start);
 * {@code reverseContinue} to a breakpoint in the repeat; the Variables view expanded from the
 * scopes down to a PTE table's pages, one request per level, with the stack trace and scopes
 * an editor asks for at every stop.
 */
public final class DapBench {
    private static final LinkedBlockingQueue<Object> EVENTS = new LinkedBlockingQueue<>();
    private static IDebugProtocolServer server;

    private DapBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("server/target/cowpte.jar").toAbsolutePath();
        Path sample = Path.of("samples/fork-latency-32g.cowpte").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(Arrays.asList(args));
        cmd.addAll(List.of("-jar", jar.toString(), "dap"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            IDebugProtocolClient client = new IDebugProtocolClient() {
                @Override
                public void initialized() {
                    EVENTS.add("initialized");
                }

                @Override
                public void stopped(StoppedEventArguments a) {
                    EVENTS.add(a);
                }

                @Override
                public void terminated(TerminatedEventArguments a) {
                    EVENTS.add(a);
                }
            };
            Launcher<IDebugProtocolServer> l = DSPLauncher.createClientLauncher(client, p.getInputStream(),
                    p.getOutputStream());
            l.startListening();
            server = l.getRemoteProxy();
            System.out.println("cowpte dap on " + sample.getFileName() + ", JVM args " + Arrays.toString(args));

            long t0 = System.nanoTime();
            get(server.initialize(new InitializeRequestArguments()));
            get(server.launch(Map.of("program", sample.toString())));
            next("initialized");
            breakpoints(sample, 24);
            SetExceptionBreakpointsArguments ex = new SetExceptionBreakpointsArguments();
            ex.setFilters(new String[0]);
            get(server.setExceptionBreakpoints(ex));
            get(server.configurationDone(new ConfigurationDoneArguments()));
            stopped();
            report("launch → stop at line 24 (whole run so far, cold JVM)", List.of(ms(t0)));

            // warm up: run to the breakpoint a few times
            for (int i = 0; i < 3; i++) {
                StepBackArguments b = new StepBackArguments();
                b.setThreadId(1);
                get(server.stepBack(b));
                stopped();
                get(server.continue_(new ContinueArguments()));
                stopped();
            }

            List<Double> steps = new ArrayList<>();
            List<Double> backs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                NextArguments n = new NextArguments();
                n.setThreadId(1);
                long t = System.nanoTime();
                get(server.next(n));
                stopped();
                atStop();
                steps.add(ms(t));
            }
            for (int i = 0; i < 5; i++) {
                StepBackArguments b = new StepBackArguments();
                b.setThreadId(1);
                long t = System.nanoTime();
                get(server.stepBack(b));
                stopped();
                atStop();
                backs.add(ms(t));
            }
            report("next (one statement; with stackTrace + scopes)", steps);
            report("stepBack (replay from the start; with stackTrace + scopes)", backs);

            breakpoints(sample, 19, 24);
            List<Double> reverse = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                ReverseContinueArguments r = new ReverseContinueArguments();
                r.setThreadId(1);
                get(server.reverseContinue(r));
                stopped();
                reverse.add(ms(t));
                get(server.continue_(new ContinueArguments()));
                stopped();
            }
            report("reverseContinue to the last fork (scan + replay)", reverse);

            List<Double> vars = new ArrayList<>();
            List<Double> expand = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                int scope = atStop().get(2).getVariablesReference();
                String[] path = {"parent", "page tables", "pgd#1", "pud#2", "pmd#3", "pte#4", "pages"};
                int ref = scope;
                int requests = 0;
                for (String want : path) {
                    long t1 = System.nanoTime();
                    List<Variable> vs = variables(ref);
                    requests++;
                    vars.add(ms(t1));
                    ref = vs.stream().filter(v -> v.getName().equals(want)).findFirst()
                            .or(() -> vs.stream().filter(v -> List.of(v.getName().split(" ")).contains(want)).findFirst())
                            .orElseThrow(() -> new AssertionError("no " + want)).getVariablesReference();
                }
                long t1 = System.nanoTime();
                int pages = variables(ref).size();
                vars.add(ms(t1));
                expand.add(ms(t));
                if (i == 0) {
                    System.out.println("  (" + (requests + 1) + " variables requests to a PTE table's " + pages + " pages)");
                }
                // a fresh stop, so the next round builds its tree anew
                StepBackArguments b = new StepBackArguments();
                b.setThreadId(1);
                get(server.stepBack(b));
                stopped();
                get(server.continue_(new ContinueArguments()));
                stopped();
            }
            report("one variables request (each level, pages included)", vars);
            report("Processes → parent → … → PTE table → its 512 pages, all requests", expand);
            get(server.disconnect(new DisconnectArguments()));
        } finally {
            p.destroyForcibly();
        }
        System.exit(0);
    }

    private static void breakpoints(Path file, int... lines) throws Exception {
        SetBreakpointsArguments a = new SetBreakpointsArguments();
        Source s = new Source();
        s.setPath(file.toString());
        a.setSource(s);
        List<SourceBreakpoint> bps = new ArrayList<>();
        for (int line : lines) {
            SourceBreakpoint b = new SourceBreakpoint();
            b.setLine(line);
            bps.add(b);
        }
        a.setBreakpoints(bps.toArray(SourceBreakpoint[]::new));
        get(server.setBreakpoints(a));
    }

    /** What an editor asks at every stop: the stack and the scopes. */
    private static List<Scope> atStop() throws Exception {
        StackTraceArguments st = new StackTraceArguments();
        st.setThreadId(1);
        int frame = get(server.stackTrace(st)).getStackFrames()[0].getId();
        ScopesArguments sa = new ScopesArguments();
        sa.setFrameId(frame);
        return List.of(get(server.scopes(sa)).getScopes());
    }

    private static List<Variable> variables(int ref) throws Exception {
        VariablesArguments a = new VariablesArguments();
        a.setVariablesReference(ref);
        return List.of(get(server.variables(a)).getVariables());
    }

    private static void stopped() throws InterruptedException {
        next(StoppedEventArguments.class);
    }

    private static void next(Object what) throws InterruptedException {
        while (true) {
            Object e = EVENTS.poll(120, TimeUnit.SECONDS);
            if (e == null) {
                throw new IllegalStateException("no " + what + " within 120 s");
            }
            if (what instanceof Class<?> c ? c.isInstance(e) : what.equals(e)) {
                return;
            }
        }
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(120, TimeUnit.SECONDS);
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static void report(String what, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        sorted.sort(Double::compare);
        double median = sorted.get(sorted.size() / 2);
        System.out.printf(Locale.ROOT, "%-72s median %8.1f ms, max %8.1f ms (n=%d)%n", what, median,
                sorted.get(sorted.size() - 1), sorted.size());
    }
}
