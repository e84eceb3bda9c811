package dev.cowpte.words;

import dev.cowpte.mm.MachineConfig;
import dev.cowpte.mm.MachineSummary;
import dev.cowpte.mm.MmSummary;
import dev.cowpte.mm.PageWalk;
import dev.cowpte.mm.VmaInfo;
import java.util.List;

/** Renders machine, process and page-walk state as the text of {@code show} and of hovers. */
public final class StateRenderer {
    private StateRenderer() {
    }

    public static String machine(MachineSummary m, List<MmSummary> processes) {
        StringBuilder sb = new StringBuilder();
        sb.append("machine: ").append(config(m.config()))
                .append(m.config().thp() == dev.cowpte.mm.Thp.NEVER ? "" : ", thp " + m.config().thp().label())
                .append('\n');
        sb.append("  PageTables ").append(Amounts.bytes(m.pageTablesBytes())).append(" (")
                .append(Counters.tables(m.tables(), ", ")).append(")\n");
        sb.append("  data pages ").append(m.dataPages()).append(", memory in use ")
                .append(Amounts.bytes(m.memoryInUse())).append('\n');
        if (m.hugePages() > 0) {
            sb.append("  AnonHugePages ").append(Amounts.bytes(m.anonHugeBytes())).append(" (")
                    .append(m.hugePages()).append(" huge pages mapped by PMD entries)\n");
        }
        sb.append("  ").append(Counters.faults(m.faults())).append('\n');
        sb.append("  work so far: ").append(Counters.work(m.work().asMap(), "no work")).append('\n');
        for (MmSummary p : processes) {
            sb.append("  ").append(processLine(p)).append('\n');
        }
        return sb.toString();
    }

    /** {@code 1 GiB RAM, 4-level paging, pt-reclaim off}. */
    public static String config(MachineConfig c) {
        return Amounts.bytes(c.memoryBytes()) + " RAM, " + c.levels() + "-level paging, pt-reclaim "
                + (c.ptReclaim() ? "on" : "off");
    }

    public static String process(MmSummary p) {
        StringBuilder sb = new StringBuilder();
        sb.append(processLine(p)).append('\n');
        sb.append("  tables reached: ").append(Counters.tables(p.tables(), ", ")).append(", ").append(p.sharedPteTables())
                .append(" shared PTE tables\n");
        sb.append("  ").append(Counters.faults(p.faults())).append('\n');
        for (VmaInfo v : p.vmas()) {
            sb.append("  vma ").append(vma(v)).append('\n');
        }
        return sb.toString();
    }

    /** A walk as {@code show} prints it: the address, then {@link WalkLines}, one a line. */
    public static String walk(PageWalk w) {
        StringBuilder sb = new StringBuilder();
        sb.append(w.comm()).append(' ').append(Amounts.hex(w.address())).append(' ').append(WalkLines.where(w))
                .append('\n');
        for (String line : WalkLines.lines(w)) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    private static String processLine(MmSummary p) {
        return "process " + p.comm() + " (pid " + p.pid() + "): rss " + Amounts.pages(p.rssPages())
                + " (anon " + p.rssAnonPages() + ", shmem " + p.rssShmemPages()
                + (p.rssFilePages() == 0 ? "" : ", file " + p.rssFilePages()) + "), pgtables_bytes "
                + Amounts.bytes(p.pgtablesBytes())
                + (p.hugePmds() == 0 ? "" : ", AnonHugePages " + Amounts.bytes(p.anonHugeBytes()))
                + (p.hugetlbBytes() == 0 ? "" : ", HugetlbPages " + Amounts.bytes(p.hugetlbBytes()));
    }

    static String vma(VmaInfo v) {
        return v.name() + " " + KernelWords.range(v) + " " + KernelWords.perms(v) + " " + Amounts.bytes(v.length())
                + KernelWords.flags(v);
    }
}
