package dev.cowpte.mm;

/**
 * The machine's RAM cannot hold one more data frame or page-table page, or the simulator's own
 * memory for them has filled the Java heap it may use ({@link #heapBudget()}).
 */
public final class OutOfMemory extends MmFault {
    private final boolean heapBudget;

    OutOfMemory(long memoryBytes) {
        super("out of memory: the machine's " + Sizes.format(memoryBytes)
                + " of RAM cannot hold another page");
        this.heapBudget = false;
    }

    private OutOfMemory(String message) {
        super(message);
        this.heapBudget = true;
    }

    static OutOfMemory heapFull() {
        return new OutOfMemory("the simulator's own memory has filled the Java heap it may use");
    }

    /** Whether the heap budget ran out, not the simulated RAM. */
    public boolean heapBudget() {
        return heapBudget;
    }
}
