package dev.cowpte.lsp.services;

import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.mm.ForkPolicy;
import java.util.Map;
import java.util.Optional;

/**
 * What a fork policy does: the simulator's one-line summary and its row of docs/MODEL.md's
 * table (where it comes from, what fork copies, what breaks a shared table, the accounting).
 */
final class PolicyMarkdown {
    private record Row(String design, String fork, String breaks, String accounting) {
    }

    /** docs/MODEL.md's "Fork policies" table, one row per policy. */
    private static final Map<String, Row> MODEL = Map.of(
            "classic", new Row("the kernel's fork (`copy_page_range`)",
                    "copies every table of every region with anon pages; per present entry: write-protect in "
                            + "parent and child, mapcount +1, ref +1, child rss +1",
                    "nothing is shared",
                    "`rss` N after fork of N pages; `pagetables` counts own tables"),
            "cow-pte", new Row("COW PTE v3–v5 (Chih-En Lin, 2022–23)",
                    "copies pgd/pud/pmd; PTE tables are shared: refcount +1, both pmd entries write-protected; "
                            + "the per-page work is done in place in the shared table (why v4 did not fork faster: "
                            + "Tatashin's measurement)",
                    "a write fault, mprotect, partial munmap, madvise or pin; refcount 1: reuse the table, "
                            + "else copy its 512 entries, no per-page work",
                    "`rss` N after fork of N pages; `pagetables` counts shared tables for every sharer"),
            "cow-pte-rfc", new Row("COW PTE RFC v1/v2 (2022)",
                    "same sharing, no per-page work at fork: the table's owner keeps the rss",
                    "any fault under a write-protected pmd; refcount 1: reuse, else copy, and the copier does "
                            + "the per-page work (RFC v2's `cow_pte_fallback` states)",
                    "`rss` 0 until the process breaks tables; `pagetables` counts the owner only"),
            "odf", new Row("On-Demand Fork (Zhao et al., EuroSys 2021)",
                    "shares only PTE tables that one region covers whole, with no per-page work; others as classic",
                    "any fault in a writable region, read or write; always copy (never reuse), per-page work on "
                            + "the copy; the last reference frees the old table",
                    "`rss` 0 until the process breaks tables; `pagetables` counts the owner only"));

    private PolicyMarkdown() {
    }

    static Optional<String> render(String name) {
        Optional<ForkPolicy> p = ForkPolicies.byName(name);
        if (p.isEmpty()) {
            return Optional.of("**policy " + name + "**: unknown; known: " + String.join(", ", ForkPolicies.names()));
        }
        StringBuilder sb = new StringBuilder();
        Row row = MODEL.get(name);
        sb.append("**policy ").append(name).append("**");
        if (row != null) {
            sb.append(" — ").append(row.design());
        }
        sb.append("\n\n").append(p.get().summary()).append("\n\n");
        if (row != null) {
            sb.append("- fork: ").append(row.fork()).append('\n');
            sb.append("- breaks a shared PTE table: ").append(row.breaks()).append('\n');
            sb.append("- accounting: ").append(row.accounting()).append('\n');
        }
        return Optional.of(sb.toString());
    }
}
