package dev.cowpte.words;

import dev.cowpte.mm.PageTableTree;
import dev.cowpte.mm.PageWalk;

/**
 * A PTE table of a page-table tree and a page it maps, each on one line, as the debugger shows
 * them beside their own fields: shorter than a walk's lines ({@link WalkLines}), which say why.
 */
public final class TreeWords {
    private TreeWords() {
    }

    /** {@code refcount 2, sharers parent child, write-protected, 512 pages}: sharers only when shared. */
    public static String pteTable(PageTableTree.Node n) {
        StringBuilder v = new StringBuilder("refcount ").append(n.refcount());
        if (n.sharers().size() > 1) {
            v.append(", sharers ").append(String.join(" ", n.sharers()));
        }
        if (n.writeProtected()) {
            v.append(", write-protected");
        }
        if (n.owner() != null) {
            v.append(", owner ").append(n.owner());
        }
        v.append(", ").append(Amounts.count(n.mappedPages(), "page"));
        return v.toString();
    }

    /** {@code pfn 42, mapcount 2, value 7, read-only, pinned 1, shmem}; the zero page says so after its pfn. */
    public static String page(PageWalk.PteInfo e) {
        StringBuilder v = new StringBuilder("pfn ").append(e.pfn());
        if (e.zeroPage()) {
            v.append(" (zero page)");
        }
        v.append(", mapcount ").append(e.mapcount()).append(", value ").append(e.value())
                .append(e.writable() ? ", writable" : ", read-only");
        if (e.pincount() > 0) {
            v.append(", pinned ").append(e.pincount());
        }
        if (e.folio() != null) {
            v.append(", ").append(FolioWords.shortly(e.folio()));
        }
        if (e.shmem()) {
            v.append(", shmem");
        }
        if (e.file()) {
            v.append(", file");
        }
        return v.toString();
    }
}
