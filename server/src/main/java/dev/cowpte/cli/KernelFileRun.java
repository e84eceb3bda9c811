package dev.cowpte.cli;

import dev.cowpte.kernel.KernelReport;

/** One scenario file and its comparison with the running kernel. */
record KernelFileRun(ScenarioFile file, KernelReport report) {
}
