package dev.cowpte.run;

import dev.cowpte.mm.Advice;
import dev.cowpte.mm.ForkPolicy;
import dev.cowpte.mm.MapFlag;
import dev.cowpte.mm.Mm;
import java.util.Set;

/**
 * One system call or access that a statement made on the simulated machine, with every name
 * and address resolved: what a {@link RunListener} needs to make the same call elsewhere (the
 * kernel oracle replays them on real processes). Calls that can fault are told before the
 * simulator makes them; those that create something (a process, a mapping, a fork) after.
 */
public sealed interface MmCall {
    /** The process the call acts in. */
    Mm mm();

    record CreateProcess(Mm mm) implements MmCall {
    }

    record Mmap(Mm mm, long start, long length, Set<MapFlag> flags) implements MmCall {
    }

    record Munmap(Mm mm, long start, long length) implements MmCall {
    }

    record Mprotect(Mm mm, long start, long length, boolean writable) implements MmCall {
    }

    record Madvise(Mm mm, long start, long length, Advice advice) implements MmCall {
    }

    record Touch(Mm mm, long start, long length, boolean write) implements MmCall {
    }

    record Read(Mm mm, long address) implements MmCall {
    }

    record Write(Mm mm, long start, long length, long value) implements MmCall {
    }

    record Pin(Mm mm, long start, long length) implements MmCall {
    }

    record Unpin(Mm mm, long start, long length) implements MmCall {
    }

    /** {@code mm} is the parent. */
    record Fork(Mm mm, Mm child, ForkPolicy policy) implements MmCall {
    }

    record Exit(Mm mm) implements MmCall {
    }
}
