package dev.cowpte.kernel;

import dev.cowpte.lang.SourceRange;

/**
 * One {@code fork()} of a kernel run: how long the parent's call took on the kernel, as the
 * helper timed it around the clone system call ({@code CLOCK_MONOTONIC}), beside the time
 * {@link ForkCostModel} gives the work the simulated fork did inside the call (what
 * {@code cowpte compare} shows as the modeled latency). A measurement beside a model: nothing
 * compares the two.
 *
 * @param policy the simulated fork's policy; the kernel's fork is always classic
 * @param model  where the model's costs come from ({@link ForkCostModel#source()})
 */
public record KernelForkTime(SourceRange range, String statement, String parent, String child, String policy,
                             long measuredNs, double modeledNs, String model) {
}
