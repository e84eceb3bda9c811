package dev.cowpte.lsp.server;

import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.function.Supplier;

/**
 * Which editor events run a scenario, by the {@code runTrigger} setting: {@code onChange} runs
 * on open and after each change (debounced), {@code onSave} on open and on save, {@code never}
 * only through {@code cowpte.run}. A change of policy or step budget reruns the open scenarios.
 */
public final class RunTriggers {
    private final DocumentStore store;
    private final RunScheduler scheduler;
    private final Supplier<ServerSettings> settings;

    public RunTriggers(DocumentStore store, RunScheduler scheduler, Supplier<ServerSettings> settings) {
        this.store = store;
        this.scheduler = scheduler;
        this.settings = settings;
    }

    public void opened(ScenarioDocument d) {
        if (settings.get().runTrigger() != ServerSettings.RunTrigger.NEVER) {
            scheduler.changed(d, 0);
        }
    }

    public void changed(ScenarioDocument d) {
        if (settings.get().runTrigger() == ServerSettings.RunTrigger.ON_CHANGE) {
            scheduler.changed(d);
        }
    }

    public void saved(ScenarioDocument d) {
        if (settings.get().runTrigger() == ServerSettings.RunTrigger.ON_SAVE) {
            scheduler.changed(d, 0);
        }
    }

    public void closed(String uri) {
        scheduler.closed(uri);
    }

    public void settingsChanged(ServerSettings before) {
        ServerSettings now = settings.get();
        boolean resultsDiffer = !before.defaultPolicy().equals(now.defaultPolicy())
                || before.stepBudget() != now.stepBudget();
        if (resultsDiffer && now.runTrigger() != ServerSettings.RunTrigger.NEVER) {
            for (ScenarioDocument d : store.all()) {
                scheduler.changed(d, 0);
            }
        }
    }
}
