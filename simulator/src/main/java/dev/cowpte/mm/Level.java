package dev.cowpte.mm;

/** The levels of the x86-64 page-table tree, from the root down. */
public enum Level {
    PGD, P4D, PUD, PMD, PTE;

    /** Shift of the address bits that index a table of this level, for the given paging depth. */
    int shift(int levels) {
        switch (this) {
            case PGD: return levels == 5 ? 48 : 39;
            case P4D: return 39;
            case PUD: return 30;
            case PMD: return 21;
            default: return 12;
        }
    }

    /** The level below this one on a machine with the given paging depth. */
    Level below(int levels) {
        switch (this) {
            case PGD: return levels == 5 ? P4D : PUD;
            case P4D: return PUD;
            case PUD: return PMD;
            case PMD: return PTE;
            default: throw new IllegalStateException("no level below pte");
        }
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
