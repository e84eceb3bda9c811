package dev.cowpte.mm;

import java.util.List;
import java.util.Optional;

/** The fork policies the simulator knows, by the names users write. */
public final class ForkPolicies {
    public static final ForkPolicy CLASSIC = new ClassicFork();
    public static final ForkPolicy COW_PTE = new CowPteFork();
    public static final ForkPolicy COW_PTE_RFC = new CowPteRfcFork();
    public static final ForkPolicy ODF = new OnDemandFork();

    private static final List<ForkPolicy> ALL = List.of(CLASSIC, COW_PTE, COW_PTE_RFC, ODF);

    private ForkPolicies() {
    }

    public static List<ForkPolicy> all() {
        return ALL;
    }

    public static Optional<ForkPolicy> byName(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(ForkPolicy::name).toList();
    }
}
