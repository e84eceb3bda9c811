package dev.cowpte.lsp.server;

import com.google.gson.JsonElement;
import java.util.function.Supplier;

/** The settings in force; replaced whole when the client sends new ones. */
public final class SettingsStore implements Supplier<ServerSettings> {
    private final ServerLog log;
    private volatile ServerSettings current = ServerSettings.defaults();

    public SettingsStore(ServerLog log) {
        this.log = log;
    }

    @Override
    public ServerSettings get() {
        return current;
    }

    /** Merges {@code json} into the settings; returns the settings before. Problems are logged. */
    public synchronized ServerSettings apply(JsonElement json) {
        ServerSettings before = current;
        ServerSettings.Parsed p = before.merge(json);
        p.problems().forEach(problem -> log.warn("settings: " + problem + " (keeping the previous value)"));
        current = p.settings();
        if (!before.equals(current)) {
            log.info("settings: " + current);
        }
        return before;
    }
}
