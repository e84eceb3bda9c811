package dev.cowpte.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import dev.cowpte.kernel.KernelEnvironment;
import dev.cowpte.lsp.services.KernelCheckService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkDoneProgressCancelParams;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cowpte.kernel} through the server object (no JSON-RPC stream), on the running kernel:
 * progress, the answer, the hover and the diagnostics after it, an edit, and cancelling.
 */
class KernelCheckCommandTest {
    static final String URI = "file:///w/kernel.cowpte";
    static final String SMALL = "process p\nmmap p buf 2M\ntouch p buf\nexpect rss p == 2M\n";

    final ExecutorService runs = RunPool.create("test-run", 2, 8);
    final ExecutorService requests = RunPool.create("test-request", 2, 8);
    final RecordingClient client = new RecordingClient();
    final CowpteLanguageServer server = new CowpteLanguageServer(new ServerEnvironment(new GatedEngine(),
            new ManualTimer(), runs, requests, code -> { }, (file, r) -> "", new PrintStream(new ByteArrayOutputStream()),
            pid -> true));

    @AfterEach
    void stop() {
        runs.shutdownNow();
        requests.shutdownNow();
    }

    void initialize() throws Exception {
        server.connect(client);
        InitializeParams p = new InitializeParams();
        ClientCapabilities caps = new ClientCapabilities();
        WindowClientCapabilities w = new WindowClientCapabilities();
        w.setWorkDoneProgress(true);
        caps.setWindow(w);
        p.setCapabilities(caps);
        p.setInitializationOptions(com.google.gson.JsonParser.parseString("{\"runTrigger\": \"never\"}"));
        server.initialize(p).get(30, TimeUnit.SECONDS);
    }

    void open(String text) {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(URI, "cowpte", 1, text)));
    }

    CompletableFuture<Object> kernel() {
        return server.getWorkspaceService().executeCommand(new ExecuteCommandParams(ScenarioCommands.KERNEL,
                List.of(new JsonPrimitive(URI))));
    }

    String hover(int line, int character) throws Exception {
        var h = server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(URI),
                new Position(line, character))).get(30, TimeUnit.SECONDS);
        return h == null ? "" : h.getContents().getRight().getValue();
    }

    /** The last diagnostics published for {@code version}. */
    PublishDiagnosticsParams diagnosticsOf(int version) throws InterruptedException {
        while (true) {
            PublishDiagnosticsParams p = client.nextDiagnostics();
            if (p.getVersion() == version && client.diagnostics.isEmpty()) {
                return p;
            }
        }
    }

    @Test
    void aKernelCheckReportsProgressAnswersItsRowsAndShowsInHoversAndDiagnostics() throws Exception {
        KernelEnvironment.require("cowpte.kernel through the language server");
        initialize();
        open(SMALL);
        var s = assertInstanceOf(KernelCheckService.Summary.class, kernel().get(120, TimeUnit.SECONDS));
        assertEquals(URI, s.uri());
        assertEquals(1, s.version());
        assertEquals(0, s.exitCode(), s.toString());
        assertTrue(s.summary().startsWith("the kernel agrees"), s.summary());
        assertTrue(s.rows().stream().anyMatch(r -> r.line() == 3 && r.counter().equals("rss p")
                && r.kernel().equals("2 MiB")), s.rows().toString());

        List<String> progress = List.copyOf(client.progressMessages);
        assertTrue(progress.get(0).startsWith("begin cowpte-kernel-1: cowpte: checking kernel.cowpte against this kernel"),
                progress.toString());
        assertTrue(progress.stream().anyMatch(m -> m.matches("report cowpte-kernel-1: line [1-4]: on the kernel")),
                progress.toString());
        assertEquals("end cowpte-kernel-1: " + s.summary(), progress.get(progress.size() - 1));
        assertEquals("create cowpte-kernel-1", client.progress.peek());

        assertTrue(hover(3, 8).contains("| rss p | 2 MiB | 2 MiB | agree, held on both |"), hover(3, 8));
        PublishDiagnosticsParams after = diagnosticsOf(1);
        assertTrue(after.getDiagnostics().stream().noneMatch(d -> "cowpte kernel".equals(d.getSource())),
                "the kernel agrees: no kernel diagnostics " + after);

        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(URI, 2), List.of(new TextDocumentContentChangeEvent(
                new Range(new Position(0, 0), new Position(0, 0)), "# checked\n"))));
        String md = hover(4, 8);
        assertTrue(md.contains("_from the kernel check of version 1; the text has changed since_"), md);
        assertTrue(md.contains("| rss p | 2 MiB | 2 MiB | agree, held on both |"), md);
    }

    @Test
    void aCheckWhoseProgressIsCancelledStopsAndKeepsNothing() throws Exception {
        KernelEnvironment.require("cancelling cowpte.kernel");
        initialize();
        open("process p\nmmap p buf 2M\nrepeat 200000 {\n  write p buf[0] = 1\n}\n");
        CompletableFuture<Object> f = kernel();
        String reached;
        do {
            reached = client.progressMessages.poll(60, TimeUnit.SECONDS);
            assertTrue(reached != null && !reached.startsWith("end"), "no progress on the kernel: " + reached);
        } while (!reached.contains("on the kernel"));
        WorkDoneProgressCancelParams cancel = new WorkDoneProgressCancelParams();
        cancel.setToken(Either.forLeft("cowpte-kernel-1"));
        server.cancelProgress(cancel);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(120, TimeUnit.SECONDS));
        ResponseErrorException r = assertInstanceOf(ResponseErrorException.class, e.getCause());
        assertEquals(ResponseErrorCode.RequestCancelled.getValue(), r.getResponseError().getCode());
        assertFalse(server.store().lastKernelCheck(URI).isPresent(), "a cancelled check is not kept");
        String end;
        do {
            end = client.progressMessages.poll(30, TimeUnit.SECONDS);
        } while (end != null && !end.startsWith("end"));
        assertEquals("end cowpte-kernel-1: cancelled", end);
    }

    @Test
    void aKernelCheckOfAnUnknownDocumentIsAnInvalidParamsError() throws Exception {
        initialize();
        ExecutionException e = assertThrows(ExecutionException.class, () -> kernel().get(30, TimeUnit.SECONDS));
        ResponseErrorException r = assertInstanceOf(ResponseErrorException.class, e.getCause());
        assertEquals(ResponseErrorCode.InvalidParams.getValue(), r.getResponseError().getCode());
    }
}
