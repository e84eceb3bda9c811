package dev.cowpte.lang.ast;

import dev.cowpte.lang.SourceRange;
import java.util.List;

/** One statement of a scenario. Every node carries the range of its source text. */
public sealed interface Statement {
    SourceRange range();

    /** Calls the visitor's method for this statement's kind. */
    <R> R accept(Visitor<R> visitor);

    /** The statements of the block this one opens (a repeat's body); empty for a statement that opens none. */
    default List<Statement> children() {
        return List.of();
    }

    /** Whether this statement opens a block of statements ({@code repeat}). */
    default boolean isBlock() {
        return false;
    }

    /**
     * One method per kind of statement, none with a default: code that handles statements implements
     * it, so a new kind of statement does not compile until every such place says what it does.
     */
    interface Visitor<R> {
        R visit(ScenarioTitle s);

        R visit(Policy s);

        R visit(MachineMemory s);

        R visit(MachineLevels s);

        R visit(MachinePtReclaim s);

        R visit(MachineFaultAround s);

        R visit(MachineThp s);

        R visit(MachineSeed s);
        R visit(MachineHugetlb s);
        R visit(MachineKernel s);

        R visit(Process s);

        R visit(File s);

        R visit(Mmap s);

        R visit(Munmap s);

        R visit(Mremap s);

        R visit(Mprotect s);

        R visit(Madvise s);

        R visit(Touch s);

        R visit(Read s);

        R visit(Write s);

        R visit(Fork s);

        R visit(Exit s);

        R visit(Pin s);

        R visit(Unpin s);

        R visit(Repeat s);

        R visit(Show s);

        R visit(Expect s);
    }

    /**
     * A visitor for code that cares about a few kinds only, every other kind giving {@link #otherwise}:
     * for use where "any other statement: nothing" is what is meant, never for a layer's main dispatch.
     */
    abstract class Partial<R> implements Visitor<R> {
        /** The result for a kind this visitor does not handle. */
        protected abstract R otherwise(Statement s);

        @Override
        public R visit(ScenarioTitle s) {
            return otherwise(s);
        }

        @Override
        public R visit(Policy s) {
            return otherwise(s);
        }

        @Override
        public R visit(MachineMemory s) {
            return otherwise(s);
        }

        @Override
        public R visit(MachineLevels s) {
            return otherwise(s);
        }

        @Override
        public R visit(MachinePtReclaim s) {
            return otherwise(s);
        }

        @Override
        public R visit(MachineFaultAround s) {
            return otherwise(s);
        }

        @Override
        public R visit(MachineThp s) {
            return otherwise(s);
        }

        @Override
        public R visit(MachineSeed s) {
            return otherwise(s);
        }

        @Override
        public R visit(MachineHugetlb s) {
            return otherwise(s);
        }

        @Override
        public R visit(MachineKernel s) {
            return otherwise(s);
        }

        @Override
        public R visit(Process s) {
            return otherwise(s);
        }

        @Override
        public R visit(File s) {
            return otherwise(s);
        }

        @Override
        public R visit(Mmap s) {
            return otherwise(s);
        }

        @Override
        public R visit(Munmap s) {
            return otherwise(s);
        }

        @Override
        public R visit(Mremap s) {
            return otherwise(s);
        }

        @Override
        public R visit(Mprotect s) {
            return otherwise(s);
        }

        @Override
        public R visit(Madvise s) {
            return otherwise(s);
        }

        @Override
        public R visit(Touch s) {
            return otherwise(s);
        }

        @Override
        public R visit(Read s) {
            return otherwise(s);
        }

        @Override
        public R visit(Write s) {
            return otherwise(s);
        }

        @Override
        public R visit(Fork s) {
            return otherwise(s);
        }

        @Override
        public R visit(Exit s) {
            return otherwise(s);
        }

        @Override
        public R visit(Pin s) {
            return otherwise(s);
        }

        @Override
        public R visit(Unpin s) {
            return otherwise(s);
        }

        @Override
        public R visit(Repeat s) {
            return otherwise(s);
        }

        @Override
        public R visit(Show s) {
            return otherwise(s);
        }

        @Override
        public R visit(Expect s) {
            return otherwise(s);
        }
    }

    record ScenarioTitle(String title, SourceRange range) implements Statement {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** {@code policy NAME}; {@code nameRange} covers the name alone. */
    record Policy(String name, SourceRange nameRange, SourceRange range) implements Statement {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /**
     * {@code machine memory SIZE} / {@code machine levels 4|5} / {@code machine pt-reclaim on|off} /
     * {@code machine fault-around on|off} / {@code machine thp never|madvise|always}.
     */
    record MachineMemory(Quantity size, SourceRange range) implements Statement {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record MachineLevels(int levels, SourceRange range) implements Statement {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record MachinePtReclaim(boolean on, SourceRange range) implements Statement {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record MachineFaultAround(boolean on, SourceRange range) implements Statement {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /**
     * Transparent huge page modes, as {@code /sys/kernel/mm/transparent_hugepage/enabled}; INHERIT
     * only for one size ({@code hugepages-<size>kB/enabled}), which then follows the top-level mode.
     */
    enum ThpMode { NEVER, MADVISE, ALWAYS, INHERIT }

    /**
     * {@code machine thp never|madvise|always}, or with a size ({@code machine thp 64K always}) the
     * mode of that folio size (multi-size THP); {@code size} null for the top-level line.
     */
    record MachineThp(ThpMode mode, Quantity size, SourceRange range) implements Statement {
        public MachineThp(ThpMode mode, SourceRange range) {
            this(mode, null, range);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** {@code machine kernel VERSION}: the kernel profile the simulation follows; {@code version} as written. */
    record MachineKernel(String version, SourceRange versionRange, SourceRange range) implements Statement {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** {@code machine seed N}: the seed of every {@code random} page set. */
    record MachineSeed(long seed, SourceRange range) implements Statement {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** {@code machine hugetlb 2M|1G COUNT}: the hugetlb pool of that page size ({@code nr_hugepages}). */
    record MachineHugetlb(long pageSize, long count, SourceRange range) implements Statement {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Process(Name name, SourceRange range) implements Statement {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /**
     * {@code file F SIZE}: a regular file on a disk file system, its pages in the page cache. Its name
     * is its own namespace (a file and a process may have the same name).
     */
    record File(Name name, Quantity size, SourceRange range) implements Statement {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** The options of mmap; {@code HUGETLB} is {@code hugetlb} or {@code hugetlb 2M}, {@code HUGETLB_1G} {@code hugetlb 1G}. */
    enum MapOption { SHARED, READONLY, DONTFORK, WIPEONFORK, HUGEPAGE, NOHUGEPAGE, HUGETLB, HUGETLB_1G }

    /**
     * {@code mmap P R SIZE [at ADDR] [file F] [shared] [readonly] [dontfork] [wipeonfork] [hugepage|nohugepage]};
     * {@code at} may be null, and {@code file} is null for anonymous memory.
     */
    record Mmap(Name process, Name region, Quantity size, Long at, Name file, List<MapOption> options,
                SourceRange range, String mshare) implements Statement {
        public Mmap(Name process, Name region, Quantity size, Long at, List<MapOption> options, SourceRange range) {
            this(process, region, size, at, null, options, range, null);
        }

        public Mmap(Name process, Name region, Quantity size, Long at, Name file, List<MapOption> options,
                    SourceRange range) {
            this(process, region, size, at, file, options, range, null);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /**
     * The statements shaped alike: a process and an address or range in it (munmap, mprotect,
     * madvise, touch, read, write, pin, unpin).
     */
    sealed interface AtAddress extends Statement {
        Name process();

        Address target();
    }

    record Munmap(Name process, Address target, SourceRange range) implements AtAddress {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /**
     * {@code mremap P R SIZE [at ADDR]}: region R of P to SIZE, in place or moved ({@code at}: to
     * ADDR, null when not given); R names the new range afterwards.
     */
    record Mremap(Name process, Name region, Quantity size, Long at, SourceRange range) implements Statement {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Mprotect(Name process, Address target, boolean writable, SourceRange range) implements AtAddress {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    enum Advice { DONTNEED, DONTFORK, DOFORK, WIPEONFORK, KEEPONFORK, HUGEPAGE, NOHUGEPAGE }

    record Madvise(Name process, Address target, Advice advice, SourceRange range) implements AtAddress {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** {@code touch P RANGE [read|write]}; write is the default. */
    record Touch(Name process, Address target, boolean write, SourceRange range) implements AtAddress {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Read(Name process, Address target, SourceRange range) implements AtAddress {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** {@code write P RANGE [= VALUE]}; the value defaults to 1. */
    record Write(Name process, Address target, long value, SourceRange range) implements AtAddress {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** {@code fork P -> C [policy NAME]}; policy null means the current one. */
    record Fork(Name parent, Name child, String policy, SourceRange policyRange, SourceRange range)
            implements Statement {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Exit(Name process, SourceRange range) implements Statement {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Pin(Name process, Address target, SourceRange range) implements AtAddress {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Unpin(Name process, Address target, SourceRange range) implements AtAddress {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** {@code repeat N [as i] { ... }}; variable may be null. */
    record Repeat(long count, String variable, SourceRange variableRange, List<Statement> body, SourceRange range)
            implements Statement {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }

        @Override
        public List<Statement> children() {
            return body;
        }

        @Override
        public boolean isBlock() {
            return true;
        }
    }

    /** {@code show}, {@code show P}, {@code show P ADDR}; process and address may be null. */
    record Show(Name process, Address address, SourceRange range) implements Statement {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Expect(Expectation expectation, SourceRange range) implements Statement {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }
}
