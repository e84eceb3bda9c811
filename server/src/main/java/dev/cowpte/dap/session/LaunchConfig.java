package dev.cowpte.dap.session;

/**
 * What to debug: the scenario's text (the file's, or the editor's unsaved buffer), where it came
 * from (for messages and stack frames; may be null), the initial policy and whether to stop
 * before the first statement.
 */
public record LaunchConfig(String text, String path, String policy, boolean stopOnEntry, long stepBudget) {
    public LaunchConfig {
        if (text == null) {
            throw new IllegalArgumentException("no scenario text");
        }
        policy = policy == null || policy.isBlank() ? "classic" : policy;
    }

    public String displayName() {
        return path == null ? "scenario" : path;
    }
}
