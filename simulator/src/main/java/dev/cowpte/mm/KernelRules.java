package dev.cowpte.mm;

/**
 * The rules of one kernel version that the simulator follows where versions differ, as a
 * kernel profile gives them: whether fork copies a large folio's entries as one batch
 * ({@code copy_present_ptes} with {@code folio_pte_batch}, Linux 6.9) and whether a write fault
 * may reuse a page of a large folio in place when the folio is exclusive to the faulting mm
 * ({@code __wp_can_reuse_large_anon_folio}, Linux 6.15; before it a page of a large folio is
 * always copied), and whether a write to the huge zero page maps a new 2 MiB page
 * ({@code do_huge_zero_wp_pmd}, Linux 6.13; before it the huge zero PMD is split and the write
 * copies one 4 KiB page). {@link #VERSION_1_1} is the model's rules without a profile: fork counts every
 * entry, a write to the huge zero page maps a 2 MiB page, and large folios (which only multi-size THP lines make) are reused as on the newest kernel.
 */
public record KernelRules(boolean forkBatching, boolean largeFolioCowReuse, boolean hugeZeroWriteAllocates) {
    public static final KernelRules VERSION_1_1 = new KernelRules(false, true, true);
}
