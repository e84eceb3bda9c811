package dev.cowpte.lsp.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.cowpte.lang.check.Limits;
import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.run.RunOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code cowpte} settings section: the fork policy a scenario starts with, when scenarios
 * run, the pause after typing before a run, and the step budget of a run. Read from
 * {@code initializationOptions} and {@code workspace/didChangeConfiguration}; a value that is
 * wrong keeps the previous one and is reported in {@link Parsed#problems()}.
 */
public record ServerSettings(String defaultPolicy, RunTrigger runTrigger, long debounceMs, long stepBudget) {
    public static final long DEFAULT_DEBOUNCE_MS = 250;
    public static final long MAX_DEBOUNCE_MS = 10_000;

    /** When a scenario is run in the editor. */
    public enum RunTrigger {
        /** After every change (debounced) and on open. */
        ON_CHANGE("onChange"),
        /** On save and on open. */
        ON_SAVE("onSave"),
        /** Only by the {@code cowpte.run} command. */
        NEVER("never");

        private final String wire;

        RunTrigger(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static RunTrigger parse(String s) {
            for (RunTrigger t : values()) {
                if (t.wire.equalsIgnoreCase(s)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** Settings read from JSON, and what was wrong in it. */
    public record Parsed(ServerSettings settings, List<String> problems) {
    }

    public static ServerSettings defaults() {
        return new ServerSettings("classic", RunTrigger.ON_CHANGE, DEFAULT_DEBOUNCE_MS, RunOptions.DEFAULT_STEP_BUDGET);
    }

    /** Options for a run under these settings (the caller adds the cancellation token). */
    public RunOptions runOptions() {
        return RunOptions.defaults().withInitialPolicy(defaultPolicy).withStepBudget(stepBudget);
    }

    /**
     * These settings updated from {@code json}: either the {@code cowpte} section itself or an
     * object holding it under {@code "cowpte"}. Missing keys keep their values; null JSON keeps all.
     */
    public Parsed merge(JsonElement json) {
        List<String> problems = new ArrayList<>();
        if (json == null || json.isJsonNull()) {
            return new Parsed(this, problems);
        }
        if (!json.isJsonObject()) {
            problems.add("the cowpte settings must be an object");
            return new Parsed(this, problems);
        }
        JsonObject o = json.getAsJsonObject();
        if (o.has("cowpte") && o.get("cowpte").isJsonObject()) {
            o = o.getAsJsonObject("cowpte");
        }
        String policy = defaultPolicy;
        RunTrigger trigger = runTrigger;
        long debounce = debounceMs;
        long budget = stepBudget;
        String p = string(o, "defaultPolicy", problems);
        if (p != null) {
            if (ForkPolicies.names().contains(p)) {
                policy = p;
            } else {
                problems.add("cowpte.defaultPolicy: no fork policy '" + p + "'; one of "
                        + String.join(", ", ForkPolicies.names()));
            }
        }
        String t = string(o, "runTrigger", problems);
        if (t != null) {
            RunTrigger parsed = RunTrigger.parse(t);
            if (parsed == null) {
                problems.add("cowpte.runTrigger: '" + t + "' is not onChange, onSave or never");
            } else {
                trigger = parsed;
            }
        }
        Long d = number(o, "debounceMs", 0, MAX_DEBOUNCE_MS, problems);
        if (d != null) {
            debounce = d;
        }
        Long b = number(o, "stepBudget", 1, Limits.MAX_STATEMENT_RUNS, problems);
        if (b != null) {
            budget = b;
        }
        return new Parsed(new ServerSettings(policy, trigger, debounce, budget), problems);
    }

    private static String string(JsonObject o, String key, List<String> problems) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e instanceof JsonPrimitive pr && pr.isString()) {
            return pr.getAsString().trim();
        }
        problems.add("cowpte." + key + ": expected a string, got " + e);
        return null;
    }

    private static Long number(JsonObject o, String key, long min, long max, List<String> problems) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e instanceof JsonPrimitive pr && pr.isNumber()) {
            double v = pr.getAsDouble();
            if (v >= min && v <= max && v == Math.rint(v)) {
                return (long) v;
            }
        }
        problems.add(String.format(Locale.ROOT, "cowpte.%s: expected a whole number from %d to %d, got %s",
                key, min, max, e));
        return null;
    }

    // Written out as the record's would read: the server logs its settings while it answers
    // initialize, and the generated method would make that answer wait for method handles.
    @Override
    public String toString() {
        return "ServerSettings[defaultPolicy=" + defaultPolicy + ", runTrigger=" + runTrigger + ", debounceMs="
                + debounceMs + ", stepBudget=" + stepBudget + "]";
    }
}
