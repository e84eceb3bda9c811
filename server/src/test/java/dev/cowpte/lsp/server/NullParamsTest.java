package dev.cowpte.lsp.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests whose parameters are null or empty, over real JSON-RPC: answered, never with a Java stack trace. */
class NullParamsTest {
    final ExecutorService runs = RunPool.create("test-run", 1, 4);
    final ExecutorService requests = RunPool.create("test-request", 2, 8);

    @AfterEach
    void stop() {
        runs.shutdownNow();
        requests.shutdownNow();
    }

    @Test
    void requestsWithoutParametersAreAnsweredWithoutStackTraces() throws Exception {
        CowpteLanguageServer server = new CowpteLanguageServer(new ServerEnvironment(new GatedEngine(),
                new ManualTimer(), runs, requests, code -> { }, (file, r) -> "", new PrintStream(
                        new ByteArrayOutputStream()), pid -> true));
        PipedOutputStream toServer = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 20);
        PipedOutputStream serverOut = new PipedOutputStream();
        PipedInputStream fromServer = new PipedInputStream(serverOut, 1 << 20);
        LspLauncher.start(server, serverIn, serverOut);
        RawLsp lsp = new RawLsp(fromServer, toServer);
        lsp.request(1, "initialize", "{\"capabilities\":{}}");
        lsp.response(1);
        List<String> methods = List.of("textDocument/hover", "textDocument/completion", "textDocument/definition",
                "textDocument/references", "textDocument/prepareRename", "textDocument/rename",
                "textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/semanticTokens/full",
                "textDocument/formatting", "textDocument/inlayHint", "textDocument/codeLens", "codeLens/resolve",
                "workspace/executeCommand", "cowpte/memory");
        int id = 10;
        for (String method : methods) {
            for (String params : List.of("null", "{}", "{\"textDocument\":null,\"position\":null}")) {
                lsp.request(++id, method, params);
                JsonObject answer = lsp.response(id);
                String text = answer.toString();
                assertFalse(text.contains("\\tat ") || text.contains("Exception:") || text.contains("java."),
                        () -> method + " with params " + params + " answered " + text);
                if (answer.has("error")) {
                    assertFalse(answer.getAsJsonObject("error").has("data") && !answer.getAsJsonObject("error")
                            .get("data").isJsonNull(), () -> method + " answered " + text);
                }
            }
        }
        lsp.request(99, "shutdown", "null");
        assertTrue(lsp.response(99).has("result"));
        assertTrue(lsp.violations.isEmpty(), lsp.violations::toString);
    }
}
