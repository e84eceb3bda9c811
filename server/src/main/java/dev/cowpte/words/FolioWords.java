package dev.cowpte.words;

import dev.cowpte.mm.LargeFolioPages;
import dev.cowpte.mm.PageWalk;
import java.util.List;
import java.util.stream.Collectors;

/** A page's large folio (multi-size THP), in the words of hovers, {@code show} and the debugger. */
public final class FolioWords {
    private FolioWords() {
    }

    /** {@code page 3 of a 64 KiB folio (pfns 100–115, mapped by PTEs)}, and when partly unmapped, that it awaits a deferred split. */
    public static String folio(PageWalk.FolioInfo f) {
        return "page " + f.index() + " of a " + Amounts.bytes(f.sizeBytes()) + " folio (pfns " + f.firstPfn() + "–"
                + (f.firstPfn() + f.nrPages() - 1) + ", mapped by PTEs)"
                + (f.partiallyMapped() ? ", partially mapped: queued for a deferred split" : "");
    }

    /** {@code folio 64 KiB [3/16]}: the short form of the debugger's and the report's trees. */
    public static String shortly(PageWalk.FolioInfo f) {
        return "folio " + Amounts.bytes(f.sizeBytes()) + " [" + f.index() + "/" + f.nrPages() + "]"
                + (f.partiallyMapped() ? " partially mapped" : "");
    }

    /**
     * {@code 512 pages in 32 folios of 64 KiB}, one part per folio size: the pages of a PTE table
     * (or a run of them) that belong to large folios, as the report's tree boxes say.
     */
    public static String inTables(List<LargeFolioPages> sizes) {
        return sizes.stream().map(s -> Amounts.pages(s.pages()) + " in " + s.folios()
                        + (s.folios() == 1 ? " folio of " : " folios of ") + Amounts.bytes(s.sizeBytes()))
                .collect(Collectors.joining(", "));
    }
}
