package dev.cowpte.mm;

/**
 * The machine's transparent huge page mode for private anonymous memory, as
 * {@code /sys/kernel/mm/transparent_hugepage/enabled}: never, only for regions with
 * {@code MADV_HUGEPAGE}, or for every region without {@code MADV_NOHUGEPAGE}.
 */
public enum Thp {
    NEVER, MADVISE, ALWAYS;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
