package dev.cowpte.cli;

import java.util.List;

/** A way to write the results of {@code cowpte run}. */
interface Report {
    String render(List<FileRun> runs);

    /** Whether the report shows each statement's state after it (so the run must record it). */
    default boolean readsStates() {
        return false;
    }

    static Report named(String format) {
        return switch (format) {
            case "text" -> new TextReport();
            case "json" -> new JsonReport();
            case "junit" -> new JunitReport();
            case "ktap" -> new KtapReport();
            default -> throw new UsageError("unknown --format '" + format + "'; use text, json, junit or ktap");
        };
    }
}
