package dev.cowpte.words;

import dev.cowpte.mm.Geometry;
import dev.cowpte.mm.Level;
import dev.cowpte.mm.PageWalk;
import java.util.ArrayList;
import java.util.List;

/**
 * The one wording of a page walk, line by line, that {@code show} (plain text, {@link StateRenderer})
 * and the editor's hover (Markdown) both print: each table with the entry that points to it, its
 * refcount, its sharers, whether that entry is write-protected, and its owner only where the
 * policy that shared it charges the owner alone; then the page, or the huge PMD that maps a 2 MiB
 * page itself.
 */
public final class WalkLines {
    private WalkLines() {
    }

    /** {@code in vma buf 0x7effffe00000-0x7f0000000000 rw-p 2 MiB}, or {@code no vma}. */
    public static String where(PageWalk w) {
        return w.vma() == null ? "no vma" : "in vma " + StateRenderer.vma(w.vma());
    }

    /** One line per table, then the page's. */
    public static List<String> lines(PageWalk w) {
        List<String> out = new ArrayList<>();
        Level above = null;
        for (PageWalk.TableStep t : w.tables()) {
            StringBuilder sb = new StringBuilder();
            sb.append(t.level() == Level.PTE ? "PTE table" : t.level().label()).append(" #").append(t.id());
            if (above != null) {
                sb.append(" (").append(above.label()).append(" entry ").append(t.index())
                        .append(t.writeProtected() ? ", write-protected" : "").append(')');
            }
            sb.append(": refcount ").append(t.refcount());
            if (t.sharedBy() == null || t.refcount() > 1 || !t.sharedBy().sharesPteTablesAtFork()) {
                // a write-protected table with no other sharer left is not "private" yet: the policy's words say why
                sb.append(sharers(t.sharers(), t.refcount()));
            }
            if (t.sharedBy() != null) {
                sb.append(", ").append(SharingWords.writeProtected(t.sharedBy(), t.refcount()));
            }
            if (t.owner() != null && SharingWords.namesOwner(t.sharedBy())) {
                sb.append(", owner ").append(t.owner());
            }
            out.add(sb.toString());
            above = t.level();
        }
        out.add(page(w));
        return out;
    }

    private static String sharers(List<String> sharers, int refcount) {
        if (sharers.isEmpty()) {
            return "";
        }
        if (sharers.size() == 1 && refcount <= 1) {
            return ", private to " + sharers.get(0);
        }
        return ", sharers " + SharingWords.sharers(sharers);
    }

    /**
     * {@code hugetlb 2M page (pmd entry 5, no PTE table): hugetlb#3, a file page of the shared
     * mapping, mapcount 1, refcount 2, writable; 4 KiB page 7 of it: value 0}.
     */
    private static String hugetlb(PageWalk w, PageWalk.HugetlbInfo h) {
        StringBuilder sb = new StringBuilder("hugetlb ").append(h.size()).append(" page (").append(h.level().label())
                .append(" entry ").append(h.index()).append(h.level() == Level.PUD ? ", no pmd table" : ", no PTE table")
                .append("): ");
        if (!h.present()) {
            return sb.append("none (not faulted in)").toString();
        }
        long pageBytes = h.level() == Level.PUD ? Geometry.PUD_SIZE : Geometry.PMD_SIZE;
        sb.append(h.folioLabel()).append(h.shared() ? ", a page of the shared mapping's file" : ", private")
                .append(", mapcount ").append(h.mapcount()).append(", refcount ").append(h.refcount())
                .append(h.writable() ? ", writable" : h.shared() ? ", read-only" : ", read-only (COW on write)")
                .append("; 4 KiB page ").append((w.address() % pageBytes) / Geometry.PAGE_SIZE)
                .append(" of it: value ").append(h.value());
        return sb.toString();
    }

    private static String page(PageWalk w) {
        PageWalk.PteInfo e = w.pte();
        if (e == null && w.pending()) {
            return "no PTE table yet: " + SharingWords.pending(w.pendingBy());
        }
        if (w.hugetlb() != null) {
            return hugetlb(w, w.hugetlb());
        }
        if (w.huge() != null) {
            PageWalk.HugeInfo h = w.huge();
            StringBuilder sb = new StringBuilder("huge PMD (no PTE table; deposited table ")
                    .append(h.depositLabel()).append("): ");
            if (h.zeroPage()) {
                return sb.append("the huge zero page, read-only, value 0").toString();
            }
            sb.append("2 MiB page at pfn ").append(h.firstPfn()).append(", mapped by ")
                    .append(Amounts.count(h.pmdMapcount(), "huge PMD"))
                    .append(e.writable() ? ", writable" : ", read-only (COW on write: reuse, or split)");
            sb.append("; 4 KiB page ").append((w.address() / Geometry.PAGE_SIZE) % 512).append(" of it: pfn ")
                    .append(e.pfn()).append(", value ").append(e.value()).append(", mapcount ").append(e.mapcount())
                    .append(", refcount ").append(e.refcount());
            if (e.pincount() > 0) {
                sb.append(", pinned ×").append(e.pincount());
            }
            return sb.toString();
        }
        if (e == null) {
            return "no PTE table: the walk stops at an empty entry (nothing faulted in here yet)";
        }
        int index = (int) ((w.address() / Geometry.PAGE_SIZE) % 512);
        if (!e.present()) {
            return "pte entry " + index + ": none (not faulted in)";
        }
        StringBuilder sb = new StringBuilder("page (pte entry ").append(index).append("): ");
        if (e.zeroPage()) {
            return sb.append("the zero page, read-only, value 0").toString();
        }
        sb.append("pfn ").append(e.pfn()).append(", value ").append(e.value())
                .append(", mapcount ").append(e.mapcount()).append(", refcount ").append(e.refcount())
                .append(e.writable() ? ", writable" : ", read-only (COW on write)");
        if (e.pincount() > 0) {
            sb.append(", pinned ×").append(e.pincount());
        }
        if (e.folio() != null) {
            sb.append("; ").append(FolioWords.folio(e.folio()));
        }
        if (e.shmem()) {
            sb.append(", shmem");
        }
        if (e.file()) {
            sb.append(", a file's page (page cache)");
        }
        return sb.toString();
    }
}
