package dev.cowpte.lang.check;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kernel versions a scenario may name with {@code machine kernel VERSION}, each a list of the
 * behaviours that changed between them (docs/MODEL.md, "Kernel profiles", cites each one's
 * release and commit). The checker refuses a {@code machine} line the profile cannot have, the
 * interpreter sets the simulator's rules and defaults from it, and {@code cowpte kernel} names the
 * profile of the running kernel. The newest profile at or below a release is that release's.
 */
public enum KernelProfile {
    V6_1("6.1"),
    V6_6("6.6"),
    V6_12("6.12"),
    V6_18("6.18");

    /** A behaviour that changed between versions: the release that brought it and its commit. */
    public enum Behaviour {
        MTHP("multi-size THP: anonymous folios of 16 KiB to 1 MiB (hugepages-<size>kB/enabled)", 6, 8,
                "19eaf44954df mm: thp: support allocation of anonymous multi-size THP"),
        FORK_BATCHING("fork copies a large folio's entries as one batch (copy_present_ptes, folio_pte_batch)", 6, 9,
                "f8d937761d65 mm/memory: optimize fork() with PTE-mapped THP"),
        HUGE_ZERO_WRITE("a write to the huge zero page maps a new 2 MiB page (do_huge_zero_wp_pmd)", 6, 13,
                "1ced09e0331f mm: allocate THP on hugezeropage wp-fault"),
        PT_RECLAIM("madvise(MADV_DONTNEED) frees an emptied PTE table (CONFIG_PT_RECLAIM, default y on x86-64)", 6, 14,
                "6375e95f381e mm: pgtable: reclaim empty PTE page in madvise(MADV_DONTNEED)"),
        LARGE_FOLIO_COW_REUSE("a write fault reuses a page of a large folio exclusive to the mm (__wp_can_reuse_large_anon_folio)", 6, 15,
                "1da190f4d0a6 mm: Copy-on-Write (COW) reuse support for PTE-mapped THP");

        private final String what;
        private final int major;
        private final int minor;
        private final String commit;

        Behaviour(String what, int major, int minor, String commit) {
            this.what = what;
            this.major = major;
            this.minor = minor;
            this.commit = commit;
        }

        public String what() {
            return what;
        }

        /** The release that brought it: {@code 6.8}. */
        public String since() {
            return major + "." + minor;
        }

        public String commit() {
            return commit;
        }
    }

    private final String version;

    KernelProfile(String version) {
        this.version = version;
    }

    public String version() {
        return version;
    }

    /** Whether this version has the behaviour. */
    public boolean has(Behaviour b) {
        return compare(version, b.since()) >= 0;
    }

    /** The behaviours this version has. */
    public List<Behaviour> behaviours() {
        return Arrays.stream(Behaviour.values()).filter(this::has).toList();
    }

    /** The profile that {@code machine kernel VERSION} names, if any. */
    public static Optional<KernelProfile> named(String version) {
        return Arrays.stream(values()).filter(p -> p.version.equals(version)).findFirst();
    }

    /** The versions a scenario may name, oldest first. */
    public static List<String> versions() {
        return Arrays.stream(values()).map(KernelProfile::version).toList();
    }

    /**
     * The profile whose rules a kernel of {@code release} ({@code 6.18.3-arch1}) follows: the newest
     * profile at or below its major.minor, or empty for a release older than every profile.
     */
    public static Optional<KernelProfile> forRelease(String release) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)").matcher(release);
        if (!m.find()) {
            return Optional.empty();
        }
        String mm = m.group(1) + "." + m.group(2);
        KernelProfile best = null;
        for (KernelProfile p : values()) {
            if (compare(p.version, mm) <= 0) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int c = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return c != 0 ? c : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }
}
