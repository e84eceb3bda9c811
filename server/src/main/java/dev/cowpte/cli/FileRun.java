package dev.cowpte.cli;

import dev.cowpte.run.RunResult;

/**
 * One scenario file and its run; {@code seconds} is the wall time, only the JUnit report shows
 * it; {@code identity} is the scenario's ({@code ScenarioIdentity}), null when the file could not
 * be read.
 */
record FileRun(ScenarioFile file, RunResult result, double seconds, String identity) {
}
