package dev.cowpte.lsp.server;

import dev.cowpte.lsp.services.SemanticTokensService;
import java.util.List;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
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
        c.setHoverProvider(true);
        c.setInlayHintProvider(true);
        c.setInlineValueProvider(true);
        c.setCodeLensProvider(new CodeLensOptions(true));
        c.setCompletionProvider(new CompletionOptions(false, List.of()));
        c.setDefinitionProvider(true);
        c.setReferencesProvider(true);
        c.setRenameProvider(new RenameOptions(true));
        c.setCodeActionProvider(new org.eclipse.lsp4j.CodeActionOptions(List.of(org.eclipse.lsp4j.CodeActionKind.QuickFix)));
        c.setDocumentSymbolProvider(true);
        c.setFoldingRangeProvider(true);
        c.setSemanticTokensProvider(new SemanticTokensWithRegistrationOptions(SemanticTokensService.legend(), true));
        c.setDocumentFormattingProvider(true);
        return c;
    }
}
