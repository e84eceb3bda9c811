package dev.cowpte.mm;

/** The levels of the x86-64 page-table tree, from the root down. */
public enum Level {
    PGD(39), P4D(39), PUD(30), PMD(21), PTE(12);

    private static final Level[] ALL = values();

    /** Shift of the address bits that index a table of this level with 4 paging levels. */
    private final int shift;

    Level(int shift) {
        this.shift = shift;
    }

    /** Shift of the address bits that index a table of this level, for the given paging depth. */
    int shift(int levels) {
        return this == PGD && levels == 5 ? 48 : shift;
    }

    /** The level below this one on a machine with the given paging depth. */
    Level below(int levels) {
        if (this == PTE) {
            throw new IllegalStateException("no level below pte");
        }
        return this == PGD && levels != 5 ? PUD : ALL[ordinal() + 1];
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
