package dev.cowpte.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.io.InputStream;
import java.io.OutputStream;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

/** An LSP4J client driving the real jar through a whole editing session. */
class LspSessionIT {
    static final String URI = "file:///w/fork-1g-pagetables.cowpte";

    record Session(CowpteServerApi server, RecordingClient client) {
    }

    static Session connect(InputStream in, OutputStream out) {
        RecordingClient client = new RecordingClient();
        Launcher<CowpteServerApi> l = new Launcher.Builder<CowpteServerApi>().setLocalService(client)
                .setRemoteInterface(CowpteServerApi.class).setInput(in).setOutput(out).create();
        l.startListening();
        return new Session(l.getRemoteProxy(), client);
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(ServerProcess.WAIT_S, TimeUnit.SECONDS);
    }

    static InitializeResult initialize(CowpteServerApi server) throws Exception {
        InitializeParams p = new InitializeParams();
        p.setProcessId((int) ProcessHandle.current().pid());
        ClientCapabilities caps = new ClientCapabilities();
        WindowClientCapabilities w = new WindowClientCapabilities();
        w.setWorkDoneProgress(true);
        caps.setWindow(w);
        p.setCapabilities(caps);
        p.setInitializationOptions(JsonParser.parseString("{\"cowpte\": {\"debounceMs\": 50}}"));
        InitializeResult r = get(server.initialize(p));
        server.initialized(new InitializedParams());
        return r;
    }

    static PublishDiagnosticsParams diagnosticsOf(RecordingClient c, int version) throws InterruptedException {
        while (true) {
            PublishDiagnosticsParams p = c.nextDiagnostics();
            if (p.getVersion() != null && p.getVersion() == version) {
                return p;
            }
        }
    }

    static Position at(String text, String line, String word) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(line)) {
                return new Position(i, lines[i].indexOf(word) + 1);
            }
        }
        throw new AssertionError("no line " + line);
    }

    @Test
    void openHoverChangeRenameShutdownExit() throws Exception {
        String text = Files.readString(ServerProcess.sample("fork-1g-pagetables.cowpte"));
        try (ServerProcess proc = ServerProcess.start("lsp")) {
            Session s = connect(proc.process.getInputStream(), proc.process.getOutputStream());
            InitializeResult init = initialize(s.server());
            assertEquals("utf-16", init.getCapabilities().getPositionEncoding());

            s.server().getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(URI, "cowpte", 1, text)));
            RunSummary first = s.client().nextSummary();
            assertEquals(1, first.version());
            assertEquals(0, first.failed() + first.errors(), first.toString());
            assertTrue(first.passed() > 10, first.toString());
            assertTrue(diagnosticsOf(s.client(), 1).getDiagnostics().isEmpty());

            TextDocumentIdentifier doc = new TextDocumentIdentifier(URI);
            Hover hover = get(s.server().getTextDocumentService().hover(
                    new HoverParams(doc, at(text, "touch parent buf", "buf"))));
            assertNotNull(hover, "a hover on a region after the run");

            var lenses = get(s.server().getTextDocumentService().codeLens(new org.eclipse.lsp4j.CodeLensParams(doc)));
            var runLens = lenses.stream().filter(l -> l.getCommand() != null
                    && ScenarioCommands.RUN.equals(l.getCommand().getCommand())).findFirst().orElseThrow();
            Object ran = get(s.server().getWorkspaceService().executeCommand(new ExecuteCommandParams(
                    runLens.getCommand().getCommand(), runLens.getCommand().getArguments())));
            assertTrue(ran.toString().contains("\"version\":1") || ran.toString().contains("version=1.0"),
                    "the lens's command runs the scenario: " + ran);
            s.client().nextSummary();

            int end = text.split("\n", -1).length - 1;
            s.server().getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(URI, 2), List.of(new TextDocumentContentChangeEvent(
                            new Range(new Position(end, 0), new Position(end, 0)), "expect pagetables == 4K\n"))));
            RunSummary second = s.client().nextSummary();
            assertEquals(2, second.version());
            assertEquals(1, second.failed(), second.toString());
            PublishDiagnosticsParams failed = diagnosticsOf(s.client(), 2);
            while (failed.getDiagnostics().isEmpty()) {
                failed = diagnosticsOf(s.client(), 2);
            }
            assertEquals(end, failed.getDiagnostics().get(0).getRange().getStart().getLine());

            WorkspaceEdit edit = get(s.server().getTextDocumentService().rename(
                    new RenameParams(doc, at(text, "process parent", "parent"), "init")));
            assertTrue(edit.getChanges().get(URI).size() > 10, edit.toString());
            ExecutionException bad = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> get(s.server().getTextDocumentService().rename(
                            new RenameParams(doc, at(text, "process parent", "parent"), "9lives"))));
            assertTrue(bad.getCause() instanceof ResponseErrorException, bad.toString());

            String table = (String) get(s.server().getWorkspaceService().executeCommand(new ExecuteCommandParams(
                    ScenarioCommands.COMPARE, List.of(new JsonPrimitive(URI)))));
            assertTrue(table.contains("PageTables at peak") && table.contains("odf"), table);

            JsonObject report = new Gson().toJsonTree(get(s.server().getWorkspaceService().executeCommand(
                    new ExecuteCommandParams(ScenarioCommands.REPORT,
                            List.of(new JsonPrimitive(URI), new JsonPrimitive("classic,cow-pte")))))).getAsJsonObject();
            assertEquals(2, report.get("version").getAsInt(), "the report of the text as changed");
            assertEquals("[\"classic\",\"cow-pte\"]", report.get("policies").toString());
            String html = report.get("html").getAsString();
            assertTrue(html.startsWith("<!DOCTYPE html>") && !html.contains("<script"), html.substring(0, 80));
            assertTrue(html.contains("<svg class=\"tree\""), "the page-table trees are drawn");
            assertTrue(html.contains("data-sharers=\"parent cow_child\""),
                    "the PTE tables shared by parent and cow_child drawn once, with both sharers");
            assertTrue(html.contains("<code>expect pagetables == 4K</code></td><td class=\"fail\">")
                    && html.contains("<span class=\"actual\">expected == 4 KiB, actual"),
                    "the appended expectation fails in the report");
            assertTrue(get(s.server().memory()).heapUsedBytes() > 0);

            get(s.server().shutdown());
            s.server().exit();
            assertEquals(0, proc.exitCode(), proc.stderr());
        }
    }

    @Test
    void listensOnLoopbackWithPort() throws Exception {
        try (ServerProcess proc = ServerProcess.start("lsp", "--port", "0")) {
            String line = null;
            for (int i = 0; i < 3000 && line == null; i++) {
                line = proc.stderr().lines().filter(l -> l.startsWith("cowpte lsp: listening on")).findFirst()
                        .orElse(null);
                if (line == null) {
                    Thread.sleep(10);
                }
            }
            assertNotNull(line);
            assertTrue(line.startsWith("cowpte lsp: listening on 127.0.0.1:"), line);
            int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                Session s = connect(socket.getInputStream(), socket.getOutputStream());
                assertEquals("cowpte", initialize(s.server()).getServerInfo().getName());
                get(s.server().shutdown());
                s.server().exit();
                assertEquals(0, proc.exitCode());
            }
        }
    }
}
