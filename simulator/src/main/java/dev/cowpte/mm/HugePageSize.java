package dev.cowpte.mm;

/** The page sizes of hugetlb pools on x86-64: 2 MiB (mapped by a PMD entry) and 1 GiB (by a PUD entry). */
public enum HugePageSize {
    SIZE_2M(Geometry.PMD_SIZE, "2M"),
    SIZE_1G(Geometry.PUD_SIZE, "1G");

    private final long bytes;
    private final String label;

    HugePageSize(long bytes, String label) {
        this.bytes = bytes;
        this.label = label;
    }

    public long bytes() {
        return bytes;
    }

    /** The size as scenarios write it: {@code 2M} or {@code 1G}. */
    public String label() {
        return label;
    }

    /** 4 KiB pages in one huge page ({@code pages_per_huge_page}). */
    public long basePages() {
        return bytes >>> Geometry.PAGE_SHIFT;
    }

    /** The table level whose entries map a page of this size. */
    public Level leafLevel() {
        return this == SIZE_2M ? Level.PMD : Level.PUD;
    }

    /** The size a scenario writes ({@code 2M}, {@code 1G}), or null for any other. */
    public static HugePageSize of(long bytes) {
        for (HugePageSize s : values()) {
            if (s.bytes == bytes) {
                return s;
            }
        }
        return null;
    }
}
