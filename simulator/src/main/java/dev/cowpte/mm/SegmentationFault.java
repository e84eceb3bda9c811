package dev.cowpte.mm;

/** SIGSEGV: an access to an unmapped address or a write to a read-only one. The task was killed. */
public final class SegmentationFault extends MmFault {
    private final Mm mm;
    private final long address;

    SegmentationFault(Mm mm, long address, String why) {
        super(String.format("SIGSEGV in %s at %#x: %s; the process was killed", mm.comm, address, why));
        this.mm = mm;
        this.address = address;
    }

    public Mm mm() {
        return mm;
    }

    public long address() {
        return address;
    }
}
