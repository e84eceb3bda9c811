package dev.cowpte.mm;

/**
 * The pages of one size of large folio (multi-size THP, below 2 MiB) that a range of a process
 * maps by PTEs: how many pages, and in how many distinct folios of that size.
 *
 * @param sizeBytes the folio size (16 KiB to 1 MiB)
 * @param pages     pages of the range that belong to folios of that size
 * @param folios    the distinct folios those pages belong to
 */
public record LargeFolioPages(long sizeBytes, long pages, int folios) {
}
