package dev.cowpte.run;

import dev.cowpte.mm.MachineConfig;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How a scenario is run.
 *
 * @param initialPolicy  the fork policy in force before any {@code policy} statement (normally {@code classic})
 * @param policyOverride when set, the compared policy: it replaces the initial policy and every
 *                       {@code policy} statement; a {@code fork ... policy X} keeps its own X
 * @param checkInvariants check the simulator's invariants after every statement (tests turn it on)
 * @param stepBudget     most statements that may execute, repeat iterations included
 * @param cancellation   checked between statements; a cancelled run stops with a diagnostic
 * @param machineOverride applied to the machine the scenario's {@code machine} statements set up,
 *                        when the run must be on another machine (the kernel oracle's: the
 *                        running kernel's settings win)
 * @param heapFull       asked as the simulated machine grows whether the Java heap is too full to go on
 *                       ({@link HeapBudget#JVM} by default)
 * @param recordsStates  keep in each statement's record the state after it (the live processes'
 *                       and the machine's summaries, the walks of the addresses it names) and the
 *                       rss before it: the editor's hovers and the JSON report read them; the
 *                       other surfaces do not, and a run without them does not take them (true by
 *                       default)
 */
public record RunOptions(String initialPolicy, String policyOverride, boolean checkInvariants, long stepBudget,
                         Cancellation cancellation, UnaryOperator<MachineConfig> machineOverride,
                         java.util.function.BooleanSupplier heapFull, boolean recordsStates) {
    public static final long DEFAULT_STEP_BUDGET = 10_000_000L;

    public RunOptions {
        Objects.requireNonNull(initialPolicy, "initialPolicy");
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(machineOverride, "machineOverride");
        Objects.requireNonNull(heapFull, "heapFull");
        if (stepBudget <= 0) {
            throw new IllegalArgumentException("the step budget must be positive");
        }
    }

    public static RunOptions defaults() {
        return new RunOptions("classic", null, false, DEFAULT_STEP_BUDGET, Cancellation.NEVER, UnaryOperator.identity(),
                HeapBudget.JVM, true);
    }

    public RunOptions withInitialPolicy(String name) {
        return new RunOptions(name, policyOverride, checkInvariants, stepBudget, cancellation, machineOverride, heapFull, recordsStates);
    }

    public RunOptions withPolicyOverride(String name) {
        return new RunOptions(name == null ? initialPolicy : name, name, checkInvariants, stepBudget, cancellation, machineOverride, heapFull, recordsStates);
    }

    public RunOptions withInvariantChecks(boolean on) {
        return new RunOptions(initialPolicy, policyOverride, on, stepBudget, cancellation, machineOverride, heapFull, recordsStates);
    }

    public RunOptions withStepBudget(long steps) {
        return new RunOptions(initialPolicy, policyOverride, checkInvariants, steps, cancellation, machineOverride, heapFull, recordsStates);
    }

    public RunOptions withCancellation(Cancellation token) {
        return new RunOptions(initialPolicy, policyOverride, checkInvariants, stepBudget, token, machineOverride, heapFull, recordsStates);
    }

    public RunOptions withHeapGuard(java.util.function.BooleanSupplier full) {
        return new RunOptions(initialPolicy, policyOverride, checkInvariants, stepBudget, cancellation, machineOverride,
                full, recordsStates);
    }

    public RunOptions withMachineOverride(UnaryOperator<MachineConfig> override) {
        return new RunOptions(initialPolicy, policyOverride, checkInvariants, stepBudget, cancellation, override, heapFull, recordsStates);
    }

    public RunOptions withStatesRecorded(boolean on) {
        return new RunOptions(initialPolicy, policyOverride, checkInvariants, stepBudget, cancellation, machineOverride,
                heapFull, on);
    }
}
