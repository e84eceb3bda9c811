package dev.cowpte.lang.ast;

import dev.cowpte.lang.SourceRange;
import java.util.List;

/** One statement of a scenario. Every node carries the range of its source text. */
public sealed interface Statement {
    SourceRange range();

    record ScenarioTitle(String title, SourceRange range) implements Statement {
    }

    /** {@code policy NAME}; {@code nameRange} covers the name alone. */
    record Policy(String name, SourceRange nameRange, SourceRange range) implements Statement {
    }

    /**
     * {@code machine memory SIZE} / {@code machine levels 4|5} / {@code machine pt-reclaim on|off} /
     * {@code machine fault-around on|off} / {@code machine thp never|madvise|always}.
     */
    record MachineMemory(Quantity size, SourceRange range) implements Statement {
    }

    record MachineLevels(int levels, SourceRange range) implements Statement {
    }

    record MachinePtReclaim(boolean on, SourceRange range) implements Statement {
    }

    record MachineFaultAround(boolean on, SourceRange range) implements Statement {
    }

    /** Transparent huge page modes, as {@code /sys/kernel/mm/transparent_hugepage/enabled}. */
    enum ThpMode { NEVER, MADVISE, ALWAYS }

    /** {@code machine thp never|madvise|always}. */
    record MachineThp(ThpMode mode, SourceRange range) implements Statement {
    }

    record Process(Name name, SourceRange range) implements Statement {
    }

    enum MapOption { SHARED, READONLY, DONTFORK, WIPEONFORK, HUGEPAGE, NOHUGEPAGE }

    /**
     * {@code mmap P R SIZE [at ADDR] [shared] [readonly] [dontfork] [wipeonfork] [hugepage|nohugepage]};
     * {@code at} may be null.
     */
    record Mmap(Name process, Name region, Quantity size, Long at, List<MapOption> options, SourceRange range)
            implements Statement {
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
    }

    record Mprotect(Name process, Address target, boolean writable, SourceRange range) implements AtAddress {
    }

    enum Advice { DONTNEED, DONTFORK, DOFORK, WIPEONFORK, KEEPONFORK, HUGEPAGE, NOHUGEPAGE }

    record Madvise(Name process, Address target, Advice advice, SourceRange range) implements AtAddress {
    }

    /** {@code touch P RANGE [read|write]}; write is the default. */
    record Touch(Name process, Address target, boolean write, SourceRange range) implements AtAddress {
    }

    record Read(Name process, Address target, SourceRange range) implements AtAddress {
    }

    /** {@code write P RANGE [= VALUE]}; the value defaults to 1. */
    record Write(Name process, Address target, long value, SourceRange range) implements AtAddress {
    }

    /** {@code fork P -> C [policy NAME]}; policy null means the current one. */
    record Fork(Name parent, Name child, String policy, SourceRange policyRange, SourceRange range)
            implements Statement {
    }

    record Exit(Name process, SourceRange range) implements Statement {
    }

    record Pin(Name process, Address target, SourceRange range) implements AtAddress {
    }

    record Unpin(Name process, Address target, SourceRange range) implements AtAddress {
    }

    /** {@code repeat N [as i] { ... }}; variable may be null. */
    record Repeat(long count, String variable, SourceRange variableRange, List<Statement> body, SourceRange range)
            implements Statement {
    }

    /** {@code show}, {@code show P}, {@code show P ADDR}; process and address may be null. */
    record Show(Name process, Address address, SourceRange range) implements Statement {
    }

    record Expect(Expectation expectation, SourceRange range) implements Statement {
    }
}
