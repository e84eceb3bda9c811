package dev.cowpte.words;

import dev.cowpte.mm.ForkPolicy;

/**
 * How a PTE table that a fork policy write-protected or deferred is worded, wherever a table is
 * described (a walk in {@code show} and hovers, the report's trees): the policy's own words for
 * the state (facts of the design, kept by the policy in the simulator), and whether a table's owner
 * is named, which it is only where the policy charges the owner alone.
 */
public final class SharingWords {
    private SharingWords() {
    }

    /** {@code shared by cow-pte}, or {@code write-protected by cow-pte (no other sharer left)} at refcount 1. */
    public static String writeProtected(ForkPolicy sharedBy, int refcount) {
        return sharedBy.writeProtectedState(refcount);
    }

    /** Sharers named in full up to this many; past it, the first ones, the last and how many. */
    static final int SHARERS_NAMED = 12;

    /**
     * The processes that reach a table, as a list: {@code a, b, c}; past {@value #SHARERS_NAMED}
     * (an mshare region's tables reached by 1,500 processes), the first ten, the last and the
     * number: {@code user0, user1, …, user1499 (1501 in all)}.
     */
    public static String sharers(java.util.List<String> comms) {
        if (comms.size() <= SHARERS_NAMED) {
            return String.join(", ", comms);
        }
        return String.join(", ", comms.subList(0, SHARERS_NAMED - 2)) + ", \u2026, " + comms.get(comms.size() - 1)
                + " (" + comms.size() + " in all)";
    }

    /** {@code pending (async-fork)}: a PTE table whose copy the policy's fork deferred. */
    public static String pending(ForkPolicy pendingBy) {
        return pendingBy.pendingTableState();
    }

    /**
     * Whether a table's owner is named: only under a policy that shared the table and charges its
     * owner alone (under one that charges every sharer, the owner tells the user nothing).
     */
    public static boolean namesOwner(ForkPolicy sharedBy) {
        return sharedBy != null && !sharedBy.chargesEverySharer();
    }
}
