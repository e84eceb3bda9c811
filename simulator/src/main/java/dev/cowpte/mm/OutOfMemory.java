package dev.cowpte.mm;

/** The machine's RAM cannot hold one more data frame or page-table page. */
public final class OutOfMemory extends MmFault {
    OutOfMemory(long memoryBytes) {
        super("out of memory: the machine's " + Sizes.format(memoryBytes)
                + " of RAM cannot hold another page");
    }
}
