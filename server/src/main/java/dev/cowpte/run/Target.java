package dev.cowpte.run;

/**
 * A resolved address or range: {@code address} is what an address form stands for (the first
 * page of a range), [{@code start}, {@code start + length}) the pages a range form covers.
 */
public record Target(long address, long start, long length) {
}
