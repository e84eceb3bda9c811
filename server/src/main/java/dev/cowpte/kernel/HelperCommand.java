package dev.cowpte.kernel;

import dev.cowpte.mm.Advice;
import dev.cowpte.mm.MapFlag;
import dev.cowpte.mm.Thp;
import dev.cowpte.run.MmCall;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The helper's command line for each kind of call the interpreter makes ({@code oracle/README.md}
 * gives the protocol), one case per kind of {@link MmCall}: a new kind of call does not compile
 * until it says how the kernel replays it.
 *
 * <p>The scenario's THP mode is played on the kernel's {@code madvise} (or {@code always}) mode
 * through each region's advice, which the helper gives every region it maps
 * ({@code MADV_HUGEPAGE} for {@code hugepage}, else {@code MADV_NOHUGEPAGE}): under
 * {@code thp always} every private region that is not {@code nohugepage} is mapped as
 * {@code hugepage}; under {@code thp never} none is, and {@code madvise hugepage} is sent as
 * {@code nohugepage}; under {@code thp madvise} the flags go as written.
 */
final class HelperCommand implements MmCall.Visitor<String> {
    private final String id;
    private final Thp thp;

    private HelperCommand(String id, Thp thp) {
        this.id = id;
        this.thp = thp;
    }

    /** The command that makes {@code call} in the helper's process {@code id}. */
    static String of(String id, MmCall call, Thp thp) {
        return call.accept(new HelperCommand(id, thp));
    }

    /** A process is started through {@link OracleProcess#spawn}, which keeps its pid. */
    @Override
    public String visit(MmCall.CreateProcess call) {
        throw new IllegalArgumentException("a process is started with OracleProcess.spawn, not a command line");
    }

    @Override
    public String visit(MmCall.Mmap call) {
        Set<MapFlag> given = EnumSet.noneOf(MapFlag.class);
        given.addAll(call.flags());
        boolean hugetlb = given.contains(MapFlag.HUGETLB) || given.contains(MapFlag.HUGETLB_1G);
        if (hugetlb) {
            // hugetlb memory takes no THP advice
            given.remove(MapFlag.HUGEPAGE);
            given.remove(MapFlag.NOHUGEPAGE);
        } else if (thp == Thp.ALWAYS && !given.contains(MapFlag.SHARED) && !given.contains(MapFlag.NOHUGEPAGE)
                && call.file() == null) {
            given.add(MapFlag.HUGEPAGE);
        } else if (thp == Thp.NEVER) {
            given.remove(MapFlag.HUGEPAGE);
        }
        StringJoiner flags = new StringJoiner(",");
        for (MapFlag flag : MapFlag.values()) {
            if (given.contains(flag)) {
                flags.add(flag.name().toLowerCase(Locale.ROOT));
            }
        }
        return "mmap " + id + " " + hex(call.start()) + " " + call.length() + " "
                + (flags.length() == 0 ? "-" : flags.toString()) + (call.file() == null ? "" : " " + call.file().name());
    }

    @Override
    public String visit(MmCall.Munmap call) {
        return "munmap " + id + " " + hex(call.start()) + " " + call.length();
    }

    /**
     * In place as the simulator left it, or moved to where it moved it: the helper asks for that
     * address ({@code MREMAP_FIXED}), since the kernel's free-range search is not the simulator's.
     */
    @Override
    public String visit(MmCall.Mremap call) {
        return "mremap " + id + " " + hex(call.start()) + " " + call.length() + " " + call.newLength()
                + (call.newStart() == call.start() ? "" : " " + hex(call.newStart()));
    }

    @Override
    public String visit(MmCall.Mprotect call) {
        return "mprotect " + id + " " + hex(call.start()) + " " + call.length() + (call.writable() ? " rw" : " ro");
    }

    @Override
    public String visit(MmCall.Madvise call) {
        String advice = call.advice() == Advice.HUGEPAGE && thp == Thp.NEVER ? "nohugepage"
                : call.advice().name().toLowerCase(Locale.ROOT);
        return "madvise " + id + " " + hex(call.start()) + " " + call.length() + " " + advice;
    }

    @Override
    public String visit(MmCall.Touch call) {
        return "touch " + id + " " + hex(call.start()) + " " + call.length() + (call.write() ? " write" : " read");
    }

    @Override
    public String visit(MmCall.Read call) {
        return "read " + id + " " + hex(call.address());
    }

    @Override
    public String visit(MmCall.Write call) {
        return "write " + id + " " + hex(call.start()) + " " + call.length() + " "
                + Long.toUnsignedString(call.value());
    }

    @Override
    public String visit(MmCall.Pin call) {
        return "pin " + id + " " + hex(call.start()) + " " + call.length();
    }

    @Override
    public String visit(MmCall.Unpin call) {
        return "unpin " + id + " " + hex(call.start()) + " " + call.length();
    }

    /** A fork goes through {@link OracleProcess#fork}, which keeps the child's pid and the fork's time. */
    @Override
    public String visit(MmCall.Fork call) {
        throw new IllegalArgumentException("a fork is made with OracleProcess.fork, not a command line");
    }

    @Override
    public String visit(MmCall.Exit call) {
        return "exit " + id;
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
