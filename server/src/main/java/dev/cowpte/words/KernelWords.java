package dev.cowpte.words;

import dev.cowpte.mm.FaultCounters;
import dev.cowpte.mm.Geometry;
import dev.cowpte.mm.Level;
import dev.cowpte.mm.Sizes;
import dev.cowpte.mm.VmaInfo;
import dev.cowpte.mm.Work;
import java.util.Map;

/** Amounts, counters and vmas in the words of the kernel's own reports, for hovers, hints and lenses. */
public final class KernelWords {
    /** The minus sign of a decrease, as typeset (not a hyphen). */
    public static final String MINUS = "\u2212";

    private KernelWords() {
    }

    /** {@code 12 KiB}, {@code 2.0 MiB}, {@code 1 GiB}. */
    public static String size(long bytes) {
        return Sizes.format(bytes).replace("-", MINUS);
    }

    /** {@code +12 KiB}, {@code −2 MiB}. */
    public static String signedSize(long bytes) {
        return bytes < 0 ? MINUS + Sizes.format(-bytes) : "+" + Sizes.format(bytes);
    }

    /** {@code 512 pages (2 MiB)}, {@code 1 page (4 KiB)}, {@code 0 pages}. */
    public static String pages(long pages) {
        String n = pages + (Math.abs(pages) == 1 ? " page" : " pages");
        return pages == 0 ? n : n + " (" + size(pages * Geometry.PAGE_SIZE) + ")";
    }

    /** {@code 1 table}, {@code 512 tables}. */
    public static String count(long n, String singular) {
        return Amounts.count(n, singular);
    }

    /** {@code pgd 1 · pud 1 · pmd 1 · pte 512}; p4d only on a 5-level machine. */
    public static String tables(Map<Level, Integer> counts) {
        return Counters.tables(counts, " · ");
    }

    /** {@code faults 3 (cow 1, zero 0, table 1)}. */
    public static String faults(FaultCounters f) {
        return Counters.faults(f);
    }

    /** The non-zero work counters: {@code 3 tables allocated, 512 tables shared, 262144 per-page updates}. */
    public static String work(Map<String, Long> work) {
        Map<String, Long> named = new java.util.LinkedHashMap<>();
        work.forEach((k, v) -> named.put(k.equals(Work.TLB_FLUSHES) ? "TLB flushes (2 MiB ranges)" : k, v));
        return Counters.work(named, "no page-table work");
    }

    /** /proc/pid/maps style: {@code buf 0x7eff…-0x7f00… rw-p 2 MiB dontfork}. */
    public static String vma(VmaInfo v) {
        return v.name() + " " + range(v) + " " + perms(v) + " " + size(v.length()) + flags(v);
    }

    /** {@code 0x7effffe00000-0x7f0000000000}: a vma's start and end as /proc/pid/maps gives them. */
    public static String range(VmaInfo v) {
        return hex(v.start()) + "-" + hex(v.end());
    }

    /** {@code rw-p}, {@code r--s}: a vma's permissions as /proc/pid/maps gives them. */
    public static String perms(VmaInfo v) {
        return "r" + (v.writable() ? "w" : "-") + "-" + (v.shared() ? "s" : "p");
    }

    /**
     * {@code  file libc dontfork wipeonfork hugepage}: the file a vma maps and the madvise flags set on
     * it, each after a space; empty when none.
     */
    public static String flags(VmaInfo v) {
        return (v.file() != null ? " file " + v.file() : "") + (v.dontfork() ? " dontfork" : "") + (v.wipeonfork() ? " wipeonfork" : "")
                + (v.hugepage() ? " hugepage" : "") + (v.nohugepage() ? " nohugepage" : "")
                + (v.hugetlb() != null ? " hugetlb " + v.hugetlb().label() : "")
                + (v.mshare() != null ? " mshare " + v.mshare() : "");
    }

    /** {@code 0x7f0000000000}. */
    public static String hex(long address) {
        return Amounts.hex(address);
    }
}
