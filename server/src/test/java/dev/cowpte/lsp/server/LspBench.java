package dev.cowpte.lsp.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;

/**
 * Benchmark of {@code cowpte lsp} as editors see it, against the real jar as a child process.
 * Not a test: it prints figures and asserts nothing.
 *
 * <pre>
 * mvn -q install -DskipTests
 * java -cp server/target/test-classes:server/target/cowpte.jar dev.cowpte.lsp.server.LspBench [-Xmx256m]
 * </pre>
 * An argument is passed to the child JVM (e.g. -Xmx256m to show the server edits every sample in
 * 256 MiB of heap). Measures: time from process start to the initialize response; diagnostics of
 * fork-1g-pagetables after didOpen, warm; hover latency on a 2,000-line scenario; runs started and
 * waiting while typing continuously in it; the server's heap while editing every sample; the
 * {@code cowpte.report} command on the 32 GiB sample (four policies, one after the other).
 */
public final class LspBench {
    private LspBench() {
    }

    static final class Client extends RecordingClient {
        final BlockingQueue<long[]> published = new LinkedBlockingQueue<>();

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams d) {
            published.add(new long[] {System.nanoTime(), d.getVersion() == null ? -1 : d.getVersion(),
                d.getDiagnostics().size()});
            super.publishDiagnostics(d);
        }
    }

    record Child(ServerProcess process, CowpteServerApi server, Client client) {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("cowpte.jar", System.getProperty("cowpte.jar", "server/target/cowpte.jar"));
        System.setProperty("cowpte.samples", System.getProperty("cowpte.samples", "samples"));
        String jvm = args.length > 0 ? args[0] : null;
        initializeLatency(jvm);
        try (ServerProcess p = start(jvm)) {
            Child c = connect(p);
            get(c.server().initialize(new InitializeParams()));
            forkDiagnostics(c);
            String big = generate(2000);
            hover(c, big);
            typing(c, big);
            heap(c);
            report(c);
            get(c.server().shutdown());
            c.server().exit();
        }
    }

    static ServerProcess start(String jvm) throws Exception {
        return jvm == null ? ServerProcess.start("lsp") : ServerProcess.startWithJvm(jvm, "lsp");
    }

    static Child connect(ServerProcess p) {
        Client client = new Client();
        Launcher<CowpteServerApi> l = new Launcher.Builder<CowpteServerApi>().setLocalService(client)
                .setRemoteInterface(CowpteServerApi.class).setInput(p.process.getInputStream())
                .setOutput(p.process.getOutputStream()).create();
        l.startListening();
        return new Child(p, l.getRemoteProxy(), client);
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    static void initializeLatency(String jvm) throws Exception {
        double[] ms = new double[6];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            try (ServerProcess p = start(jvm)) {
                Child c = connect(p);
                get(c.server().initialize(new InitializeParams()));
                ms[i] = (System.nanoTime() - t0) / 1e6;
                get(c.server().shutdown());
                c.server().exit();
                p.exitCode();
            }
        }
        // the first round loads this client's own LSP4J classes; it is not counted
        print("initialize answered after process start", Arrays.copyOfRange(ms, 1, ms.length));
    }

    static void forkDiagnostics(Child c) throws Exception {
        String uri = "file:///bench/fork-1g-pagetables.cowpte";
        String text = Files.readString(ServerProcess.sample("fork-1g-pagetables.cowpte"));
        int warm = 20;
        int measured = 20;
        double[] front = new double[measured];
        double[] ran = new double[measured];
        for (int i = 0; i < warm + measured; i++) {
            c.client().published.clear();
            c.client().summaries.clear();
            long t0 = System.nanoTime();
            c.server().getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(uri, "cowpte", 1, text)));
            long[] first = c.client().published.poll(60, TimeUnit.SECONDS);
            c.client().nextSummary();
            long[] second = c.client().published.poll(60, TimeUnit.SECONDS);
            if (i >= warm) {
                front[i - warm] = (first[0] - t0) / 1e6;
                ran[i - warm] = (second[0] - t0) / 1e6;
            }
            c.server().getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
            c.client().published.poll(60, TimeUnit.SECONDS);
        }
        print("fork-1g-pagetables: front-end diagnostics after didOpen (warm)", front);
        print("fork-1g-pagetables: run diagnostics after didOpen (warm)", ran);
    }

    static void hover(Child c, String text) throws Exception {
        String uri = "file:///bench/generated-2000.cowpte";
        c.client().summaries.clear();
        c.server().getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "cowpte", 1, text)));
        RunSummary s = c.client().nextSummary();
        System.out.printf(Locale.ROOT, "generated 2,000-line scenario: %s%n", s.describe());
        String[] lines = text.split("\n");
        List<Position> at = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            int col = lines[i].indexOf(" p ");
            if (col >= 0) {
                at.add(new Position(i, col + 1));
                at.add(new Position(i, Math.max(0, lines[i].length() - 3)));
            }
        }
        int warm = 500;
        int measured = 2000;
        double[] ms = new double[measured];
        for (int i = 0; i < warm + measured; i++) {
            Position p = at.get((i * 7919) % at.size());
            long t0 = System.nanoTime();
            get(c.server().getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), p)));
            if (i >= warm) {
                ms[i - warm] = (System.nanoTime() - t0) / 1e6;
            }
        }
        print("hover round trip on the 2,000-line scenario", ms);
    }

    static void typing(Child c, String text) throws Exception {
        String uri = "file:///bench/generated-2000.cowpte";
        MemoryReport before = get(c.server().memory());
        int keystrokes = 300;
        int maxWaiting = 0;
        int line = 1000;
        for (int v = 2; v < 2 + keystrokes; v++) {
            c.server().getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, v), List.of(new TextDocumentContentChangeEvent(
                            new Range(new Position(line, 0), new Position(line, 0)), "#"))));
            if (v % 10 == 0) {
                maxWaiting = Math.max(maxWaiting, get(c.server().memory()).runsWaiting());
            }
        }
        int last = 1 + keystrokes;
        RunSummary s;
        do {
            s = c.client().nextSummary();
        } while (s.version() != last);
        MemoryReport after = get(c.server().memory());
        System.out.printf(Locale.ROOT, "continuous typing: %d changes without pause -> %d runs started, at most %d"
                + " version(s) waiting (sampled every 10 changes), last run of version %d%n", keystrokes,
                after.runsStarted() - before.runsStarted(), maxWaiting, s.version());
    }

    static void heap(Child c) throws Exception {
        List<Path> samples;
        try (Stream<Path> s = Files.list(ServerProcess.sample("."))) {
            samples = s.filter(p -> p.toString().endsWith(".cowpte")).sorted().toList();
        }
        long peak = 0;
        long max = 0;
        for (Path p : samples) {
            String uri = "file:///bench/samples/" + p.getFileName();
            String text = Files.readString(p);
            c.client().summaries.clear();
            c.server().getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(uri, "cowpte", 1, text)));
            c.client().nextSummary();
            c.server().getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, 2), List.of(new TextDocumentContentChangeEvent(
                            new Range(new Position(0, 0), new Position(0, 0)), "# edited\n"))));
            RunSummary s;
            do {
                s = c.client().nextSummary();
            } while (s.version() != 2);
            MemoryReport m = get(c.server().memory());
            peak = Math.max(peak, m.heapUsedBytes());
            max = m.heapMaxBytes();
        }
        MemoryReport end = get(c.server().memory());
        System.out.printf(Locale.ROOT, "heap while editing all %d samples (open, run, edit, run; all kept open):"
                + " peak used %.1f MiB sampled after each, %.1f MiB at the end, max heap %.0f MiB%n",
                samples.size(), peak / 1048576.0, end.heapUsedBytes() / 1048576.0, max / 1048576.0);
    }

    static void report(Child c) throws Exception {
        String uri = "file:///bench/samples/fork-latency-32g.cowpte";
        double[] ms = new double[5];
        long peak = 0;
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            Object page = get(c.server().getWorkspaceService().executeCommand(new org.eclipse.lsp4j.ExecuteCommandParams(
                    ScenarioCommands.REPORT, List.of(new com.google.gson.JsonPrimitive(uri)))));
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (page == null) {
                throw new IllegalStateException("no report");
            }
            peak = Math.max(peak, get(c.server().memory()).heapUsedBytes());
        }
        System.out.printf(Locale.ROOT, "cowpte.report of fork-latency-32g (open): first %.0f ms, then", ms[0]);
        for (int i = 1; i < ms.length; i++) {
            System.out.printf(Locale.ROOT, " %.0f", ms[i]);
        }
        System.out.printf(Locale.ROOT, " ms; heap used after each, peak %.1f MiB%n", peak / 1048576.0);
    }

    static String generate(int n) {
        StringBuilder sb = new StringBuilder("scenario \"generated 2,000 lines\"\npolicy cow-pte\nprocess p\n"
                + "mmap p buf 1G\nmmap p sh 2M shared\n");
        int k = 0;
        for (int line = 5; line < n; line++, k++) {
            int page = (k * 37) % 262144;
            switch (k % 8) {
                case 0 -> sb.append("# step ").append(k).append('\n');
                case 1 -> sb.append("touch p buf[").append(page).append("]\n");
                case 2 -> sb.append("write p buf[").append(page).append("] = ").append(k).append('\n');
                case 3 -> sb.append("expect value p buf[").append((k - 1) * 37 % 262144).append("] == ").append(k - 1)
                        .append('\n');
                case 4 -> sb.append("fork p -> c").append(k).append('\n');
                case 5 -> sb.append("expect rss p >= 1\n");
                case 6 -> sb.append("exit c").append(k - 2).append('\n');
                default -> sb.append("expect pagetables p <= 2.5M\n");
            }
        }
        return sb.toString();
    }

    static void print(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%s: median %.2f ms, p95 %.2f ms, max %.2f ms (n=%d)%n", what,
                s[s.length / 2], s[(int) Math.ceil(s.length * 0.95) - 1], s[s.length - 1], s.length);
    }
}
