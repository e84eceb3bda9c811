package dev.cowpte.lang.ast;

import dev.cowpte.lang.SourceRange;

/** What an {@code expect} statement asserts. A null process means machine-wide. */
public sealed interface Expectation {
    SourceRange range();

    /** {@code expect pagetables [P] OP Q}: Q in pages of table memory (bare) or bytes (with unit). */
    record PageTables(Name process, Comparison op, Quantity expected, SourceRange range) implements Expectation {
    }

    /** Page-table levels as written in {@code expect tables}. */
    enum TableLevel { PGD, P4D, PUD, PMD, PTE }

    /** {@code expect tables [P] [LEVEL] OP N}; level null means all levels. */
    record Tables(Name process, TableLevel level, Comparison op, long expected, SourceRange range)
            implements Expectation {
    }

    record Rss(Name process, Comparison op, Quantity expected, SourceRange range) implements Expectation {
    }

    record Memory(Comparison op, Quantity expected, SourceRange range) implements Expectation {
    }

    record Refcount(Name process, Address address, Comparison op, long expected, SourceRange range)
            implements Expectation {
    }

    record Mapcount(Name process, Address address, Comparison op, long expected, SourceRange range)
            implements Expectation {
    }

    record Value(Name process, Address address, Comparison op, long expected, SourceRange range)
            implements Expectation {
    }

    enum FaultKind { COW, ZERO, TABLE }

    /** {@code expect faults [P] [cow|zero|table] OP N}; kind null means all faults. */
    record Faults(Name process, FaultKind kind, Comparison op, long expected, SourceRange range)
            implements Expectation {
    }

    record Shared(Name process, Name other, Address address, SourceRange range) implements Expectation {
    }

    record Private(Name process, Address address, SourceRange range) implements Expectation {
    }

    /** {@code expect thp [P] OP Q}: anonymous memory mapped by huge PMDs (AnonHugePages), P's or the machine's. */
    record Thp(Name process, Comparison op, Quantity expected, SourceRange range) implements Expectation {
    }

    /** {@code expect huge P ADDR}: a huge PMD maps ADDR in P (the walk has no PTE table). */
    record Huge(Name process, Address address, SourceRange range) implements Expectation {
    }

    /** {@code expect segv STATEMENT}: the access statement must hit a segmentation fault. */
    record Segv(Statement access, SourceRange range) implements Expectation {
    }
}
