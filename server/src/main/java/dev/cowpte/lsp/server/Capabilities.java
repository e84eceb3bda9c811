package dev.cowpte.lsp.server;

import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;

/** What the server tells the client it does, in {@code initialize}'s answer. */
public final class Capabilities {
    public static final String UTF_16 = "utf-16";

    private Capabilities() {
    }

    public static ServerCapabilities of() {
        ServerCapabilities c = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        sync.setSave(new SaveOptions(false));
        c.setTextDocumentSync(sync);
        c.setPositionEncoding(UTF_16);
        c.setExecuteCommandProvider(new ExecuteCommandOptions(ScenarioCommands.ALL));
        return c;
    }
}
