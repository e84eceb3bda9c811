package dev.cowpte.mm;

import java.util.List;
import java.util.Optional;

/**
 * The registry of fork policies: every design the simulator knows, by the names users write.
 * Everything else (the language's checker, completion, hovers, the report, compare, the
 * editors) reads this list. A new design is one class and one line here.
 */
public final class ForkPolicies {
    public static final ForkPolicy CLASSIC = new ClassicFork();
    public static final ForkPolicy COW_PTE = new CowPteFork();
    public static final ForkPolicy COW_PTE_RFC = new CowPteRfcFork();
    public static final ForkPolicy ODF = new OnDemandFork();
    public static final ForkPolicy ASYNC_FORK = new AsyncFork();
    public static final ForkPolicy PHILLIPS = new PhillipsFork();

    private static final List<ForkPolicy> ALL = List.of(CLASSIC, COW_PTE, COW_PTE_RFC, ODF, ASYNC_FORK, PHILLIPS);

    private ForkPolicies() {
    }

    /** Every policy, in the order surfaces list them. */
    public static List<ForkPolicy> all() {
        return ALL;
    }

    public static Optional<ForkPolicy> byName(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(ForkPolicy::name).toList();
    }

    /** The policy a scenario starts with. */
    public static ForkPolicy defaultPolicy() {
        return CLASSIC;
    }
}
