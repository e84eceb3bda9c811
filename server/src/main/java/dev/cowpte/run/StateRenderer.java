package dev.cowpte.run;

import dev.cowpte.mm.FaultCounters;
import dev.cowpte.mm.Level;
import dev.cowpte.mm.MachineSummary;
import dev.cowpte.mm.MmSummary;
import dev.cowpte.mm.PageWalk;
import dev.cowpte.mm.VmaInfo;
import java.util.List;
import java.util.Map;

/** Renders machine, process and page-walk state as the text of {@code show} and of hovers. */
public final class StateRenderer {
    private StateRenderer() {
    }

    public static String machine(MachineSummary m, List<MmSummary> processes) {
        StringBuilder sb = new StringBuilder();
        sb.append("machine: ").append(Amounts.bytes(m.config().memoryBytes())).append(" RAM, ")
                .append(m.config().levels()).append("-level paging, pt-reclaim ")
                .append(m.config().ptReclaim() ? "on" : "off")
                .append(m.config().thp() == dev.cowpte.mm.Thp.NEVER ? "" : ", thp " + m.config().thp().label())
                .append('\n');
        sb.append("  PageTables ").append(Amounts.bytes(m.pageTablesBytes())).append(" (")
                .append(tables(m.tables())).append(")\n");
        sb.append("  data pages ").append(m.dataPages()).append(", memory in use ")
                .append(Amounts.bytes(m.memoryInUse())).append('\n');
        if (m.hugePages() > 0) {
            sb.append("  AnonHugePages ").append(Amounts.bytes(m.anonHugeBytes())).append(" (")
                    .append(m.hugePages()).append(" huge pages mapped by PMD entries)\n");
        }
        sb.append("  ").append(faults(m.faults())).append('\n');
        sb.append("  work so far: ").append(m.work()).append('\n');
        for (MmSummary p : processes) {
            sb.append("  ").append(processLine(p)).append('\n');
        }
        return sb.toString();
    }

    public static String process(MmSummary p) {
        StringBuilder sb = new StringBuilder();
        sb.append(processLine(p)).append('\n');
        sb.append("  tables reached: ").append(tables(p.tables())).append(", ").append(p.sharedPteTables())
                .append(" shared PTE tables\n");
        sb.append("  ").append(faults(p.faults())).append('\n');
        for (VmaInfo v : p.vmas()) {
            sb.append("  vma ").append(vma(v)).append('\n');
        }
        return sb.toString();
    }

    public static String walk(PageWalk w) {
        StringBuilder sb = new StringBuilder();
        sb.append(w.comm()).append(' ').append(Amounts.hex(w.address()));
        sb.append(w.vma() == null ? " (no vma)" : " in " + vma(w.vma())).append('\n');
        for (PageWalk.TableStep t : w.tables()) {
            sb.append("  ").append(t.label());
            if (t.level() != Level.PGD) {
                sb.append(" via entry ").append(t.index()).append(t.writeProtected() ? " (write-protected)" : "");
            }
            sb.append(": refcount ").append(t.refcount());
            if (t.sharers().size() > 1) {
                sb.append(", sharers ").append(String.join(" ", t.sharers()));
            }
            if (t.owner() != null) {
                sb.append(", owner ").append(t.owner());
            }
            if (t.sharedBy() != null) {
                sb.append(", ").append(t.sharedBy().writeProtectedState());
            }
            sb.append('\n');
        }
        PageWalk.PteInfo e = w.pte();
        if (e == null && w.pending()) {
            sb.append("  no PTE table yet: pending, copied from the parent before this process's first statement"
                    + " (async-fork)\n");
        } else if (w.huge() != null) {
            PageWalk.HugeInfo h = w.huge();
            sb.append("  huge pmd: ").append(h.zeroPage() ? "the huge zero page"
                    : "2 MiB page at pfn " + h.firstPfn() + ", mapped by " + h.pmdMapcount() + " huge PMD"
                    + (h.pmdMapcount() == 1 ? "" : "s"))
                    .append(e.writable() ? ", writable" : ", read-only")
                    .append(", deposited table ").append(h.depositLabel()).append('\n');
            sb.append("  4 KiB page: pfn ").append(e.pfn()).append(", value ").append(e.value())
                    .append(", mapcount ").append(e.mapcount()).append(", refcount ").append(e.refcount());
            if (e.pincount() > 0) {
                sb.append(", pinned ").append(e.pincount());
            }
            sb.append('\n');
        } else if (e == null) {
            sb.append("  no PTE table: the walk stops at an empty entry\n");
        } else if (!e.present()) {
            sb.append("  pte: none (not faulted in)\n");
        } else {
            sb.append("  pte: pfn ").append(e.pfn()).append(e.zeroPage() ? " (zero page)" : "")
                    .append(e.writable() ? ", writable" : ", read-only")
                    .append(", value ").append(e.value())
                    .append(", mapcount ").append(e.mapcount())
                    .append(", refcount ").append(e.refcount());
            if (e.pincount() > 0) {
                sb.append(", pinned ").append(e.pincount());
            }
            if (e.shmem()) {
                sb.append(", shmem");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String processLine(MmSummary p) {
        return "process " + p.comm() + " (pid " + p.pid() + "): rss " + Amounts.pages(p.rssPages())
                + " (anon " + p.rssAnonPages() + ", shmem " + p.rssShmemPages() + "), pgtables_bytes "
                + Amounts.bytes(p.pgtablesBytes())
                + (p.hugePmds() == 0 ? "" : ", AnonHugePages " + Amounts.bytes(p.anonHugeBytes()));
    }

    static String tables(Map<Level, Integer> counts) {
        StringBuilder sb = new StringBuilder();
        for (Level l : Level.values()) {
            Integer n = counts.get(l);
            if (n == null || (l == Level.P4D && n == 0)) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(l.label()).append(' ').append(n);
        }
        return sb.toString();
    }

    static String faults(FaultCounters f) {
        return "faults " + f.all() + " (cow " + f.cow() + ", zero " + f.zero() + ", table " + f.table() + ")";
    }

    private static String vma(VmaInfo v) {
        return v.name() + " " + Amounts.hex(v.start()) + "-" + Amounts.hex(v.end()) + " "
                + (v.writable() ? "rw-" : "r--") + (v.shared() ? "s" : "p") + " " + Amounts.bytes(v.length())
                + (v.dontfork() ? " dontfork" : "") + (v.wipeonfork() ? " wipeonfork" : "")
                + (v.hugepage() ? " hugepage" : "") + (v.nohugepage() ? " nohugepage" : "");
    }
}
