package dev.cowpte.run;

/**
 * A resolved address or range: {@code address} is what an address form stands for (the first
 * page of a range), [{@code start}, {@code start + length}) the pages a range form covers; a page
 * set ({@code buf[0.. step 16]}) has its pages in {@code set}, within that range, else null.
 */
public record Target(long address, long start, long length, PageRuns set) {
    public Target(long address, long start, long length) {
        this(address, start, length, null);
    }
}
