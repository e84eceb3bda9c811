package dev.cowpte.lsp.services;

import dev.cowpte.mm.Geometry;
import dev.cowpte.mm.Level;
import dev.cowpte.mm.PageWalk;
import java.util.List;

/**
 * A page walk as Markdown, pgd down to the page: each table with the entry that points to it, its
 * refcount, its sharers, whether that entry is write-protected (a shared PTE table) and the owner
 * under owner accounting; then the PTE and the page it maps, or the huge PMD that maps a 2 MiB
 * page itself (with the PTE table deposited beside it).
 */
final class WalkMarkdown {
    private WalkMarkdown() {
    }

    static String render(String written, PageWalk w) {
        StringBuilder sb = new StringBuilder();
        sb.append("**").append(w.comm()).append(' ').append(written).append("** `").append(KernelWords.hex(w.address()))
                .append('`');
        sb.append(w.vma() == null ? " — no vma" : " in vma " + KernelWords.vma(w.vma())).append("\n\n");
        Level above = null;
        for (PageWalk.TableStep t : w.tables()) {
            sb.append("- ").append(t.level() == Level.PTE ? "PTE table" : t.level().label()).append(" #").append(t.id());
            if (above != null) {
                sb.append(" (").append(above.label()).append(" entry ").append(t.index())
                        .append(t.writeProtected() ? ", write-protected" : "").append(')');
            }
            sb.append(": refcount ").append(t.refcount());
            sb.append(sharers(t.sharers(), t.refcount()));
            if (t.sharedBy() != null) {
                sb.append(", ").append(t.sharedBy().writeProtectedState());
            }
            if (t.owner() != null && (t.sharedBy() != null || t.refcount() > 1)) {
                sb.append(", owner ").append(t.owner());
            }
            sb.append('\n');
            above = t.level();
        }
        sb.append(pte(w));
        return sb.toString();
    }

    private static String sharers(List<String> sharers, int refcount) {
        if (sharers.isEmpty()) {
            return "";
        }
        if (sharers.size() == 1 && refcount <= 1) {
            return ", private to " + sharers.get(0);
        }
        return ", sharers " + String.join(", ", sharers);
    }

    private static String pte(PageWalk w) {
        PageWalk.PteInfo e = w.pte();
        if (e == null && w.pending()) {
            return "- no PTE table yet: pending (async-fork); this process copies it from its parent before its "
                    + "first statement\n";
        }
        if (w.huge() != null) {
            PageWalk.HugeInfo h = w.huge();
            StringBuilder sb = new StringBuilder("- huge PMD (no PTE table; deposited table ")
                    .append(h.depositLabel()).append("): ");
            if (h.zeroPage()) {
                return sb.append("the huge zero page, read-only, value 0\n").toString();
            }
            sb.append("2 MiB page at pfn ").append(h.firstPfn()).append(", mapped by ").append(h.pmdMapcount())
                    .append(" huge PMD").append(h.pmdMapcount() == 1 ? "" : "s")
                    .append(e.writable() ? ", writable" : ", read-only (COW on write: reuse, or split)").append('\n');
            sb.append("- 4 KiB page ").append((w.address() / Geometry.PAGE_SIZE) % 512).append(" of it: pfn ")
                    .append(e.pfn()).append(", value ").append(e.value()).append(", mapcount ").append(e.mapcount())
                    .append(", refcount ").append(e.refcount());
            if (e.pincount() > 0) {
                sb.append(", pinned ×").append(e.pincount());
            }
            return sb.append('\n').toString();
        }
        if (e == null) {
            return "- no PTE table: the walk stops at an empty entry (nothing faulted in here yet)\n";
        }
        int index = (int) ((w.address() / Geometry.PAGE_SIZE) % 512);
        if (!e.present()) {
            return "- pte entry " + index + ": none (not faulted in)\n";
        }
        StringBuilder sb = new StringBuilder("- page (pte entry ").append(index).append("): ");
        if (e.zeroPage()) {
            sb.append("the zero page, read-only, value 0");
            return sb.append('\n').toString();
        }
        sb.append("pfn ").append(e.pfn()).append(", value ").append(e.value())
                .append(", mapcount ").append(e.mapcount()).append(", refcount ").append(e.refcount())
                .append(e.writable() ? ", writable" : ", read-only (COW on write)");
        if (e.pincount() > 0) {
            sb.append(", pinned ×").append(e.pincount());
        }
        if (e.shmem()) {
            sb.append(", shmem");
        }
        return sb.append('\n').toString();
    }
}
