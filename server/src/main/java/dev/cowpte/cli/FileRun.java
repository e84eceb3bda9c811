package dev.cowpte.cli;

import dev.cowpte.lang.syntax.ScenarioIdentity;
import dev.cowpte.run.RunResult;

/**
 * One scenario file and its run; {@code seconds} is the wall time, only the JUnit report shows
 * it; {@code text} is the file's, null when it could not be read.
 */
record FileRun(ScenarioFile file, RunResult result, double seconds, String text) {
    /**
     * The scenario's identity ({@link ScenarioIdentity}), null when the file could not be read.
     * Worked out only when a report asks for it, which the text reports never do: a plain run's
     * start is spared the hashing.
     */
    String identity() {
        return text == null ? null : ScenarioIdentity.of(text);
    }
}
