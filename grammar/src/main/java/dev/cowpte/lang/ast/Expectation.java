package dev.cowpte.lang.ast;

import dev.cowpte.lang.SourceRange;
import java.util.List;

/** What an {@code expect} statement asserts. A null process means machine-wide. */
public sealed interface Expectation {
    SourceRange range();

    /** Calls the visitor's method for this expectation's kind. */
    <R> R accept(Visitor<R> visitor);

    /** The process the expectation is about (the first one written); null when machine-wide or {@code segv}. */
    default Name subject() {
        return Operands.subject(this);
    }

    /** Every process the expectation names, in source order ({@code expect shared P Q ADDR}: P and Q). */
    default List<Name> processes() {
        return Operands.processes(this);
    }

    /** The address or range the expectation is about; null when it names none ({@code segv}: see its access). */
    default Address target() {
        return Operands.target(this);
    }

    /** One method per kind of expectation, none with a default (see {@link Statement.Visitor}). */
    interface Visitor<R> {
        R visit(PageTables x);

        R visit(Tables x);

        R visit(Rss x);

        R visit(Memory x);

        R visit(Refcount x);

        R visit(Mapcount x);

        R visit(Value x);

        R visit(Faults x);

        R visit(Shared x);

        R visit(Private x);

        R visit(Thp x);

        R visit(Hugetlb x);
        R visit(Mthp x);

        R visit(Huge x);

        R visit(Segv x);
    }

    /** {@code expect pagetables [P] OP Q}: Q in pages of table memory (bare) or bytes (with unit). */
    record PageTables(Name process, Comparison op, Quantity expected, SourceRange range) implements Expectation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Page-table levels as written in {@code expect tables}. */
    enum TableLevel { PGD, P4D, PUD, PMD, PTE }

    /** {@code expect tables [P] [LEVEL] OP N}; level null means all levels. */
    record Tables(Name process, TableLevel level, Comparison op, long expected, SourceRange range)
            implements Expectation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** The parts of resident memory, as /proc/PID/status splits VmRSS: RssAnon, RssFile, RssShmem. */
    enum RssKind { ANON, FILE, SHMEM }

    /** {@code expect rss P [anon|file|shmem] OP Q}; kind null means the whole of it (VmRSS). */
    record Rss(Name process, RssKind kind, Comparison op, Quantity expected, SourceRange range) implements Expectation {
        public Rss(Name process, Comparison op, Quantity expected, SourceRange range) {
            this(process, null, op, expected, range);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Memory(Comparison op, Quantity expected, SourceRange range) implements Expectation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Refcount(Name process, Address address, Comparison op, long expected, SourceRange range)
            implements Expectation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Mapcount(Name process, Address address, Comparison op, long expected, SourceRange range)
            implements Expectation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Value(Name process, Address address, Comparison op, long expected, SourceRange range)
            implements Expectation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    enum FaultKind { COW, ZERO, TABLE }

    /** {@code expect faults [P] [cow|zero|table] OP N}; kind null means all faults. */
    record Faults(Name process, FaultKind kind, Comparison op, long expected, SourceRange range)
            implements Expectation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Shared(Name process, Name other, Address address, SourceRange range) implements Expectation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Private(Name process, Address address, SourceRange range) implements Expectation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** {@code expect thp [P] OP Q}: anonymous memory mapped by huge PMDs (AnonHugePages), P's or the machine's. */
    record Thp(Name process, Comparison op, Quantity expected, SourceRange range) implements Expectation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** {@code expect hugetlb [P] OP Q}: hugetlb memory, P's HugetlbPages or the pools' pages in use. */
    record Hugetlb(Name process, Comparison op, Quantity expected, SourceRange range) implements Expectation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /**
     * {@code expect mthp SIZE STAT OP N}: one statistic of the machine's folios of SIZE, as
     * {@code /sys/kernel/mm/transparent_hugepage/hugepages-<size>kB/stats/<STAT>}.
     */
    record Mthp(Quantity size, String statistic, SourceRange statisticRange, Comparison op, long expected,
                SourceRange range) implements Expectation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** {@code expect huge P ADDR}: a huge PMD maps ADDR in P (the walk has no PTE table). */
    record Huge(Name process, Address address, SourceRange range) implements Expectation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** {@code expect segv STATEMENT}: the access statement must hit a segmentation fault. */
    record Segv(Statement access, SourceRange range) implements Expectation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }
}
