package dev.cowpte.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The real jar over raw stdio: every byte on stdout must be a well-formed frame, and bad input
 * (broken JSON, unknown methods, documents never opened, positions outside, garbage, a 10 MB
 * file, scenarios that would run forever or need a terabyte) gets an error response or a
 * diagnostic while the server goes on answering.
 */
class LspBadInputIT {
    static String str(String s) {
        return new JsonPrimitive(s).toString();
    }

    static String open(String uri, String text) {
        return "{\"textDocument\":{\"uri\":" + str(uri) + ",\"languageId\":\"cowpte\",\"version\":1,\"text\":"
                + str(text) + "}}";
    }

    static JsonObject diagnosticsOf(RawLsp lsp, String uri) throws InterruptedException {
        return lsp.await("diagnostics of " + uri, m -> RawLsp.isNotification(m, "textDocument/publishDiagnostics")
                && m.getAsJsonObject("params").get("uri").getAsString().equals(uri)
                && !m.getAsJsonObject("params").getAsJsonArray("diagnostics").isEmpty())
                .getAsJsonObject("params");
    }

    @Test
    void onlyFramesReachStdoutAndBadInputNeverStopsTheServer() throws Exception {
        try (ServerProcess server = ServerProcess.start("lsp")) {
            RawLsp lsp = new RawLsp(server.process.getInputStream(), server.process.getOutputStream());
            lsp.request(1, "initialize", "{\"processId\":" + ProcessHandle.current().pid()
                    + ",\"capabilities\":{},\"initializationOptions\":{\"cowpte\":{\"debounceMs\":0}}}");
            assertTrue(lsp.response(1).has("result"));
            lsp.notify("initialized", "{}");

            // broken JSON: a parse error (with the id when it could be read, else null), and the
            // stream stays in step
            lsp.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\": oops");
            assertEquals(-32700, lsp.response(2).getAsJsonObject("error").get("code").getAsInt());
            lsp.send("[1, 2, 3]");
            JsonObject parse = lsp.await("parse error", m -> m.has("error") && m.get("id").isJsonNull());
            assertEquals(-32700, parse.getAsJsonObject("error").get("code").getAsInt());

            // an unknown method
            lsp.request(3, "cowpte/noSuchThing", "{}");
            assertEquals(-32601, lsp.response(3).getAsJsonObject("error").get("code").getAsInt());

            // a change to a document never opened, then requests about it
            lsp.notify("textDocument/didChange", "{\"textDocument\":{\"uri\":\"file:///never.cowpte\",\"version\":3},"
                    + "\"contentChanges\":[{\"text\":\"process p\"}]}");
            lsp.request(4, "textDocument/hover", "{\"textDocument\":{\"uri\":\"file:///never.cowpte\"},"
                    + "\"position\":{\"line\":0,\"character\":0}}");
            assertTrue(lsp.response(4).get("result").isJsonNull());

            // binary garbage in a frame, and garbage outside any frame
            byte[] garbage = new byte[4096];
            new Random(7).nextBytes(garbage);
            lsp.sendBytes(garbage);
            lsp.sendRaw("\u0000\u0001 no header here\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

            // positions outside a document
            String fork = Files.readString(ServerProcess.sample("fork-1g-pagetables.cowpte"));
            lsp.notify("textDocument/didOpen", open("file:///w/fork.cowpte", fork));
            lsp.request(5, "textDocument/hover", "{\"textDocument\":{\"uri\":\"file:///w/fork.cowpte\"},"
                    + "\"position\":{\"line\":100000,\"character\":-4}}");
            assertTrue(lsp.response(5).get("result").isJsonNull());
            lsp.request(6, "textDocument/definition", "{\"textDocument\":{\"uri\":\"file:///w/fork.cowpte\"},"
                    + "\"position\":{\"line\":7,\"character\":99999}}");
            assertTrue(lsp.response(6).has("result"));

            // a 10 MB scenario: a diagnostic, not a crash
            String big = "# " + "x".repeat(10 << 20) + "\n";
            lsp.notify("textDocument/didOpen", open("file:///w/big.cowpte", big));
            JsonObject tooBig = diagnosticsOf(lsp, "file:///w/big.cowpte");
            assertTrue(tooBig.toString().contains("limit"), tooBig.toString());

            // forever, and a terabyte: the front end's statement limit, and out of memory at that line
            lsp.notify("textDocument/didOpen", open("file:///w/forever.cowpte",
                    "process p\nmmap p buf 2M\nrepeat 1000000 {\n  repeat 1000000 {\n    touch p buf[0]\n  }\n}\n"));
            assertTrue(diagnosticsOf(lsp, "file:///w/forever.cowpte").toString().contains("10,000,000"));
            lsp.notify("textDocument/didOpen", open("file:///w/tera.cowpte",
                    "process p\nmmap p buf 1T\ntouch p buf\n"));
            JsonObject oom = diagnosticsOf(lsp, "file:///w/tera.cowpte");
            assertTrue(oom.toString().contains("out of memory"), oom.toString());

            // still serving
            lsp.request(7, "cowpte/memory", "null");
            assertTrue(lsp.response(7).getAsJsonObject("result").get("heapUsedBytes").getAsLong() > 0);
            lsp.request(8, "shutdown", "null");
            lsp.response(8);
            lsp.notify("exit", "null");
            assertEquals(0, server.exitCode(), server.stderr());
            lsp.awaitEnd();
            assertEquals(java.util.List.of(), lsp.violations, "stdout carried something other than frames");
            assertTrue(server.stderr().contains("not a JSON-RPC message"), "logs go to stderr");
        }
    }

    @Test
    void theServerExitsWhenItsInputEnds() throws Exception {
        try (ServerProcess server = ServerProcess.start("lsp")) {
            RawLsp lsp = new RawLsp(server.process.getInputStream(), server.process.getOutputStream());
            lsp.request(1, "initialize", "{\"processId\":null,\"capabilities\":{}}");
            lsp.response(1);
            server.process.getOutputStream().close();
            assertEquals(1, server.exitCode(), "no shutdown came first");
            assertEquals(java.util.List.of(), lsp.violations);
        }
    }

    /** Editors that pass --stdio (as LSP clients may) get the same server as those that do not. */
    @Test
    void theServerSpeaksOverStdioWhenAskedTo() throws Exception {
        try (ServerProcess server = ServerProcess.start("lsp", "--stdio")) {
            RawLsp lsp = new RawLsp(server.process.getInputStream(), server.process.getOutputStream());
            lsp.request(1, "initialize", "{\"processId\":null,\"capabilities\":{}}");
            assertTrue(lsp.response(1).getAsJsonObject("result").has("capabilities"));
            lsp.request(2, "shutdown", "null");
            lsp.response(2);
            lsp.notify("exit", "null");
            assertEquals(0, server.exitCode(), server.stderr());
            assertEquals(java.util.List.of(), lsp.violations);
        }
    }

    @Test
    void theServerExitsWhenTheEditorsProcessIsGone() throws Exception {
        Process editor = new ProcessBuilder("sleep", "600").start();
        try (ServerProcess server = ServerProcess.start("lsp")) {
            RawLsp lsp = new RawLsp(server.process.getInputStream(), server.process.getOutputStream());
            lsp.request(1, "initialize", "{\"processId\":" + editor.pid() + ",\"capabilities\":{}}");
            lsp.response(1);
            editor.destroyForcibly().waitFor();
            assertEquals(1, server.exitCode());
            assertTrue(server.stderr().contains("the editor's process is gone"), server.stderr());
        } finally {
            editor.destroyForcibly();
        }
    }
}
