package dev.cowpte.lsp.server;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.services.LanguageServer;

/** The server as a test client calls it: LSP plus cowpte's own request. */
interface CowpteServerApi extends LanguageServer {
    @JsonRequest("cowpte/memory")
    CompletableFuture<MemoryReport> memory();
}
