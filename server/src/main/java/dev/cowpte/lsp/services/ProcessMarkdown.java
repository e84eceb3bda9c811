package dev.cowpte.lsp.services;

import dev.cowpte.mm.Geometry;
import dev.cowpte.mm.MmSummary;
import dev.cowpte.mm.VmaInfo;
import dev.cowpte.words.KernelWords;
import java.util.List;

/** A process's or a region's summary as Markdown. */
final class ProcessMarkdown {
    private ProcessMarkdown() {
    }

    static String process(MmSummary p, String when) {
        StringBuilder sb = new StringBuilder();
        sb.append("**process ").append(p.comm()).append("** (pid ").append(p.pid()).append(") ").append(when)
                .append("\n\n");
        sb.append("- rss ").append(KernelWords.pages(p.rssPages())).append(" (anon ").append(p.rssAnonPages())
                .append(", shmem ").append(p.rssShmemPages())
                .append(p.rssFilePages() == 0 ? "" : ", file " + p.rssFilePages()).append(")\n");
        sb.append("- pgtables_bytes ").append(KernelWords.size(p.pgtablesBytes())).append('\n');
        if (p.hugePmds() > 0) {
            sb.append("- AnonHugePages ").append(KernelWords.size(p.anonHugeBytes())).append(" (")
                    .append(KernelWords.count(p.hugePmds(), "huge PMD")).append(", each with a deposited PTE table)\n");
        }
        sb.append("- tables reached: ").append(KernelWords.tables(p.tables())).append("; ")
                .append(KernelWords.count(p.sharedPteTables(), "shared PTE table")).append('\n');
        sb.append("- ").append(KernelWords.faults(p.faults())).append('\n');
        for (VmaInfo v : p.vmas()) {
            sb.append("- vma ").append(KernelWords.vma(v)).append('\n');
        }
        return sb.toString();
    }

    /** A region (its vmas in one process, more than one after a partial munmap or mprotect). */
    static String region(String name, String process, List<VmaInfo> vmas, String when) {
        StringBuilder sb = new StringBuilder();
        sb.append("**region ").append(name).append("** of ").append(process).append(' ').append(when).append("\n\n");
        if (vmas.isEmpty()) {
            return sb.append("- no vma: unmapped, or not inherited by this process\n").toString();
        }
        for (VmaInfo v : vmas) {
            long ptes = (Math.floorDiv(v.end() - 1, Geometry.PMD_SIZE) - Math.floorDiv(v.start(), Geometry.PMD_SIZE)) + 1;
            sb.append("- ").append(KernelWords.hex(v.start())).append('-').append(KernelWords.hex(v.end())).append(' ')
                    .append(KernelWords.perms(v)).append(", ").append(KernelWords.size(v.length())).append(" (")
                    .append(dev.cowpte.words.Amounts.count(v.length() / Geometry.PAGE_SIZE, "page")).append("), ")
                    .append(v.file() != null ? (v.shared() ? "MAP_SHARED" : "MAP_PRIVATE") + " of file " + v.file()
                            : v.shared() ? "MAP_SHARED (shmem)" : "private anonymous")
                    .append(v.dontfork() ? ", dontfork" : "").append(v.wipeonfork() ? ", wipeonfork" : "")
                    .append(v.hugepage() ? ", MADV_HUGEPAGE" : "").append(v.nohugepage() ? ", MADV_NOHUGEPAGE" : "")
                    .append("; spans ").append(KernelWords.count(ptes, "PTE table")).append(" (2 MiB each)\n");
        }
        return sb.toString();
    }
}
