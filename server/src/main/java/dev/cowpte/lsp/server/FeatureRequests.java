package dev.cowpte.lsp.server;

import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.services.CodeActionService;
import dev.cowpte.lsp.services.CodeLensService;
import dev.cowpte.lsp.services.CompletionService;
import dev.cowpte.lsp.services.DefinitionService;
import dev.cowpte.lsp.services.DocumentSymbolService;
import dev.cowpte.lsp.services.FoldingRangeService;
import dev.cowpte.lsp.services.FormattingService;
import dev.cowpte.lsp.services.HoverService;
import dev.cowpte.lsp.services.InlayHintService;
import dev.cowpte.lsp.services.InlineValueService;
import dev.cowpte.lsp.services.ReferencesService;
import dev.cowpte.lsp.services.RenameService;
import dev.cowpte.lsp.services.SemanticTokensService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.InlineValue;
import org.eclipse.lsp4j.InlineValueParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;

/**
 * The feature requests of {@code textDocument/*}: each adapts LSP4J parameters to a feature
 * service of {@code dev.cowpte.lsp.services}, answered through {@link ScenarioTextDocumentService#answer}
 * (unknown document: null or empty; a service's exception: an error response). Run-driven
 * features read the last finished run and never run anything.
 */
final class FeatureRequests extends ScenarioTextDocumentService {
    private final HoverService hover = new HoverService();
    private final InlayHintService inlayHints = new InlayHintService();
    private final CodeLensService codeLenses = new CodeLensService();
    private final InlineValueService inlineValues = new InlineValueService();
    private final CodeActionService codeActions = new CodeActionService();

    FeatureRequests(DocumentStore store, DiagnosticsPublisher publisher, RunTriggers triggers, RequestGuard guard,
                    ServerLog log) {
        super(store, publisher, triggers, guard, log);
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return answer("code actions", params == null ? null : params.getTextDocument(), List::of, s -> {
            List<Either<Command, CodeAction>> out = new ArrayList<>();
            codeActions.actions(s.document(), s.lastRun(), Positions.clamp(s.document(), params.getRange()))
                    .forEach(a -> out.add(Either.forRight(a)));
            return out;
        });
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return answer("hover", params == null ? null : params.getTextDocument(), () -> null, s ->
                Positions.inside(s.document(), params.getPosition())
                        .map(p -> hover.hover(s.document(), s.lastRun(), s.kernelCheck(), p)).orElse(null));
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        return answer("inlay hints", params == null ? null : params.getTextDocument(), List::of, s ->
                inlayHints.inlayHints(s.document(), s.lastRun(), Positions.clamp(s.document(), params.getRange())));
    }

    @Override
    public CompletableFuture<List<InlineValue>> inlineValue(InlineValueParams params) {
        return answer("inline values", params.getTextDocument(), List::of, s ->
                inlineValues.inlineValues(s.document(), s.lastRun(), Positions.clamp(s.document(), params.getRange()),
                        params.getContext() == null ? null : params.getContext().getStoppedLocation()));
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        return answer("code lenses", params == null ? null : params.getTextDocument(), List::of,
                s -> codeLenses.codeLenses(s.document(), s.lastRun()));
    }

    @Override
    public CompletableFuture<CodeLens> resolveCodeLens(CodeLens unresolved) {
        CompletableFuture<CodeLens> resolved;
        if (unresolved == null) {
            return CompletableFuture.failedFuture(RequestGuard.invalid("codeLens/resolve needs the code lens to resolve"));
        }
        try {
            resolved = codeLenses.resolve(unresolved);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(guard.failure("code lens resolve", e));
        }
        return resolved.handle((lens, e) -> {
            if (e != null) {
                throw guard.failure("code lens resolve", e);
            }
            return lens;
        });
    }

    /** Stops the code lenses' background simulations. */
    void close() {
        codeLenses.close();
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return answer("completion", params == null ? null : params.getTextDocument(), () -> Either.forLeft(List.of()), s ->
                Either.forLeft(Positions.inside(s.document(), params.getPosition())
                        .map(p -> CompletionService.complete(s.document(), p)).orElse(List.of())));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams params) {
        return answer("definition", params == null ? null : params.getTextDocument(), () -> Either.forLeft(List.of()), s ->
                Either.forLeft(Positions.inside(s.document(), params.getPosition())
                        .map(p -> DefinitionService.definition(s.document(), p)).orElse(List.of())));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        boolean declarations = params != null && params.getContext() != null && params.getContext().isIncludeDeclaration();
        return answer("references", params == null ? null : params.getTextDocument(), List::of, s ->
                Positions.inside(s.document(), params.getPosition())
                        .map(p -> ReferencesService.references(s.document(), p, declarations)).orElse(List.of()));
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(
            PrepareRenameParams params) {
        return answer("prepare rename", params == null ? null : params.getTextDocument(), () -> null, s ->
                Positions.inside(s.document(), params.getPosition())
                        .map(p -> RenameService.prepareRename(s.document(), p))
                        .map(Either3::<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>forFirst)
                        .orElse(null));
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        return answer("rename", params == null ? null : params.getTextDocument(), () -> null, s -> {
            var p = Positions.inside(s.document(), params.getPosition());
            if (p.isEmpty()) {
                throw RequestGuard.invalid("there is no process or region to rename at this position");
            }
            try {
                return RenameService.rename(s.document(), p.get(), params.getNewName());
            } catch (IllegalArgumentException e) {
                throw RequestGuard.invalid(e.getMessage());
            }
        });
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
            DocumentSymbolParams params) {
        return answer("document symbols", params == null ? null : params.getTextDocument(), List::of, s -> {
            List<Either<SymbolInformation, DocumentSymbol>> out = new ArrayList<>();
            DocumentSymbolService.symbols(s.document()).forEach(d -> out.add(Either.forRight(d)));
            return out;
        });
    }

    @Override
    public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams params) {
        return answer("folding ranges", params == null ? null : params.getTextDocument(), List::of,
                s -> FoldingRangeService.foldingRanges(s.document()));
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams params) {
        return answer("semantic tokens", params == null ? null : params.getTextDocument(), () -> new SemanticTokens(List.of()),
                s -> SemanticTokensService.tokens(s.document()));
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        FormattingOptions options = params == null || params.getOptions() == null ? new FormattingOptions(4, true) : params.getOptions();
        return answer("formatting", params == null ? null : params.getTextDocument(), List::of,
                s -> FormattingService.format(s.document(), options));
    }
}
