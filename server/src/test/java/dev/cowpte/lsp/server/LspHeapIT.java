package dev.cowpte.lsp.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The language server with a small heap, given a scenario that would need gigabytes of it (a
 * huge region, all read): the run stops at that statement with a diagnostic, and the server goes
 * on with the next edit.
 */
class LspHeapIT {
    static final String HUGE = "process p\nmmap p buf 1T\ntouch p buf read\n";

    @Test
    void aScenarioLargerThanTheHeapIsADiagnosticAndTheServerStaysUp() throws Exception {
        try (ServerProcess server = ServerProcess.startWithJvm("-Xmx160m", "lsp")) {
            RawLsp lsp = new RawLsp(server.process.getInputStream(), server.process.getOutputStream());
            lsp.request(1, "initialize", "{\"processId\":" + ProcessHandle.current().pid()
                    + ",\"capabilities\":{},\"initializationOptions\":{\"cowpte\":{\"debounceMs\":0}}}");
            assertTrue(lsp.response(1).has("result"));
            lsp.notify("initialized", "{}");
            for (int round = 0; round < 3; round++) {
                String uri = "file:///w/huge" + round + ".cowpte";
                lsp.notify("textDocument/didOpen", LspBadInputIT.open(uri, HUGE));
                JsonObject d = lsp.await("heap-exhausted for " + uri, m -> RawLsp.isNotification(m,
                        "textDocument/publishDiagnostics") && m.getAsJsonObject("params").get("uri").getAsString()
                        .equals(uri) && m.toString().contains("heap-exhausted"));
                assertTrue(d.toString().contains("\"line\":2"), d::toString);
            }
            lsp.notify("textDocument/didChange", "{\"textDocument\":{\"uri\":\"file:///w/huge0.cowpte\",\"version\":2},"
                    + "\"contentChanges\":[{\"text\":\"process p\\nmmap p buf 2M\\ntouch p buf\\nexpect rss p == 3M\\n\"}]}");
            lsp.await("the next edit's run", m -> RawLsp.isNotification(m, "textDocument/publishDiagnostics")
                    && m.toString().contains("huge0") && m.toString().contains("expectation-failed"));
            lsp.request(7, "cowpte/memory", "null");
            assertTrue(lsp.response(7).has("result"));
            lsp.request(8, "shutdown", "null");
            lsp.response(8);
            lsp.notify("exit", "null");
            server.exitCode();
            assertTrue(lsp.violations.isEmpty(), lsp.violations::toString);
            assertTrue(!server.stderr().contains("OutOfMemoryError"), server::stderr);
        }
    }
}
