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

    /** Dispatches on the kind of call: one case per kind, so a new kind does not compile until every replayer handles it. */
    <R> R accept(Visitor<R> visitor);

    /** One method per kind of call, none with a default. */
    interface Visitor<R> {
        R visit(CreateProcess call);

        R visit(Mmap call);

        R visit(Munmap call);

        R visit(Mremap call);

        R visit(Mprotect call);

        R visit(Madvise call);

        R visit(Touch call);

        R visit(Read call);

        R visit(Write call);

        R visit(Pin call);

        R visit(Unpin call);

        R visit(Fork call);

        R visit(Exit call);
    }

    record CreateProcess(Mm mm) implements MmCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** A regular file a mapping maps from offset 0: its name and size. */
    record FileRef(String name, long bytes) {
    }

    /** {@code file} is null for anonymous memory. */
    record Mmap(Mm mm, long start, long length, Set<MapFlag> flags, FileRef file) implements MmCall {
        public Mmap(Mm mm, long start, long length, Set<MapFlag> flags) {
            this(mm, start, length, flags, null);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Munmap(Mm mm, long start, long length) implements MmCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /**
     * {@code mremap} of [start, start+length) to {@code newLength} bytes, which the simulator left
     * at {@code newStart} (the old start when it stayed in place); {@code fixed} when the scenario
     * gave the address ({@code MREMAP_FIXED}). Told after the call.
     */
    record Mremap(Mm mm, long start, long length, long newStart, long newLength, boolean fixed) implements MmCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Mprotect(Mm mm, long start, long length, boolean writable) implements MmCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Madvise(Mm mm, long start, long length, Advice advice) implements MmCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Touch(Mm mm, long start, long length, boolean write) implements MmCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Read(Mm mm, long address) implements MmCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Write(Mm mm, long start, long length, long value) implements MmCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Pin(Mm mm, long start, long length) implements MmCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Unpin(Mm mm, long start, long length) implements MmCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** {@code mm} is the parent. */
    record Fork(Mm mm, Mm child, ForkPolicy policy) implements MmCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record Exit(Mm mm) implements MmCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }
}
