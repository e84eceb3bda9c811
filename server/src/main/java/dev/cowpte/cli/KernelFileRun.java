package dev.cowpte.cli;

import dev.cowpte.kernel.KernelReport;

/** One scenario file, its identity ({@code ScenarioIdentity}) and its comparison with the running kernel. */
record KernelFileRun(ScenarioFile file, KernelReport report, String identity) {
}
