package dev.cowpte.cli;

import dev.cowpte.run.RunResult;

/** One scenario file and its run; {@code seconds} is the wall time, only the JUnit report shows it. */
record FileRun(ScenarioFile file, RunResult result, double seconds) {
}
