package dev.cowpte.lang.ast;

/** The comparison of an expectation; {@code ≤ ≥ ≠} parse to LE, GE, NE. */
public enum Comparison {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean test(long actual, long expected) {
        return switch (this) {
            case EQ -> actual == expected;
            case NE -> actual != expected;
            case LT -> actual < expected;
            case LE -> actual <= expected;
            case GT -> actual > expected;
            case GE -> actual >= expected;
        };
    }
}
