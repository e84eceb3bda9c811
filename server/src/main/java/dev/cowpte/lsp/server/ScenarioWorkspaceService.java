package dev.cowpte.lsp.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * Workspace side: settings changes (pushed in the notification, or pulled with
 * {@code workspace/configuration} when the notification carries none) and commands.
 */
public final class ScenarioWorkspaceService implements WorkspaceService {
    private final SettingsStore settings;
    private final RunTriggers triggers;
    private final ScenarioCommands commands;
    private final RequestGuard guard;
    private final ServerLog log;
    private volatile LanguageClient client;
    private volatile boolean clientHasConfiguration;

    public ScenarioWorkspaceService(SettingsStore settings, RunTriggers triggers, ScenarioCommands commands,
                                    RequestGuard guard, ServerLog log) {
        this.settings = settings;
        this.triggers = triggers;
        this.commands = commands;
        this.guard = guard;
        this.log = log;
    }

    void connect(LanguageClient client, boolean hasConfiguration) {
        this.client = client;
        this.clientHasConfiguration = hasConfiguration;
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        Object s = params == null ? null : params.getSettings();
        if (s instanceof JsonObject o && (o.has("cowpte") || !o.isEmpty())) {
            apply(o);
            return;
        }
        LanguageClient c = client;
        if (c != null && clientHasConfiguration) {
            ConfigurationItem item = new ConfigurationItem();
            item.setSection("cowpte");
            c.configuration(new ConfigurationParams(List.of(item))).whenComplete((list, e) -> {
                if (e != null) {
                    log.warn("workspace/configuration failed: " + e.getMessage());
                } else if (list != null && !list.isEmpty() && list.get(0) instanceof JsonElement j) {
                    apply(j);
                }
            });
        }
    }

    private void apply(JsonElement json) {
        try {
            ServerSettings before = settings.apply(json);
            triggers.settingsChanged(before);
        } catch (RuntimeException e) {
            log.error("applying settings failed", e);
        }
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        try {
            return commands.execute(params);
        } catch (org.eclipse.lsp4j.jsonrpc.ResponseErrorException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(guard.failure("workspace/executeCommand", e));
        }
    }
}
