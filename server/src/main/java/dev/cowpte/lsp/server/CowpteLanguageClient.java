package dev.cowpte.lsp.server;

import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.services.LanguageClient;

/** The client as cowpte sees it: a language client that may show run summaries. */
public interface CowpteLanguageClient extends LanguageClient {
    /** Each finished run's summary; clients that do not know the method ignore it. */
    @JsonNotification("cowpte/runSummary")
    void runSummary(RunSummary summary);
}
