package dev.cowpte.mm;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An address space ({@code mm_struct}) with the task that owns it: vmas, page tables, counters. */
public final class Mm {
    final int pid;
    final String comm;
    PageTable pgd;
    final TreeMap<Long, Vma> vmas = new TreeMap<>();
    long rssAnon;
    long rssShmem;
    /** Pages of regular files mapped ({@code MM_FILEPAGES}, RssFile). */
    long rssFile;
    /** The kernel's {@code pgtables_bytes}: pud, pmd and PTE tables charged to this mm. */
    long pgtablesBytes;
    /** Huge PMD entries of this mm that map a 2 MiB anonymous page (not the huge zero page): AnonHugePages / 2 MiB. */
    long anonHuge;
    /** 4 KiB pages of hugetlb memory this mm's faults and forks mapped ({@code hugetlb_usage}, HugetlbPages). */
    long hugetlbPages;
    /** Tables this mm's walks reach, per level, shared or not. */
    private final int[] reached = new int[Level.values().length];
    final FaultCounters faults = new FaultCounters();
    /** Long-term pins taken by this task: virtual page number to the pinned pfn and pin count. */
    final TreeMap<Long, int[]> pins = new TreeMap<>();
    boolean alive = true;
    /** Work that forks left to do in this address space, each kept by its policy: see {@link DeferredWork}. */
    private final List<DeferredWork> deferredWork = new ArrayList<>(0);
    /**
     * Where the last top-down search placed a region: every gap above {@code topDownResume} was
     * too small for {@code topDownLength} bytes, so a search for as many or more starts there.
     * Reset (to no hint) when a munmap makes room.
     */
    long topDownResume = -1;
    long topDownLength;

    Mm(int pid, String comm) {
        this.pid = pid;
        this.comm = comm;
    }

    public int pid() {
        return pid;
    }

    public String comm() {
        return comm;
    }

    public boolean alive() {
        return alive;
    }

    public long rss() {
        return rssAnon + rssShmem + rssFile;
    }

    public long rssAnon() {
        return rssAnon;
    }

    public long rssShmem() {
        return rssShmem;
    }

    /** Pages of regular files this mm maps ({@code RssFile}). */
    public long rssFile() {
        return rssFile;
    }

    /** Anonymous memory mapped by huge PMDs, in bytes ({@code AnonHugePages} in smaps_rollup). */
    public long anonHugeBytes() {
        return anonHuge * Geometry.PMD_SIZE;
    }

    /** Hugetlb memory mapped by this mm's own faults and forks, in bytes ({@code HugetlbPages} in /proc/PID/status). */
    public long hugetlbBytes() {
        return hugetlbPages * Geometry.PAGE_SIZE;
    }

    public long pgtablesBytes() {
        return pgtablesBytes;
    }

    public int tables(Level level) {
        return reached[level.ordinal()];
    }

    public FaultCounters faults() {
        return faults;
    }

    public List<Vma> vmas() {
        return new ArrayList<>(vmas.values());
    }

    Vma findVma(long addr) {
        Map.Entry<Long, Vma> e = vmas.floorEntry(addr);
        if (e == null || e.getValue().end <= addr) {
            return null;
        }
        return e.getValue();
    }

    /** Whether any vma intersects [start, end). */
    public boolean mapsAny(long start, long end) {
        Map.Entry<Long, Vma> below = vmas.floorEntry(start);
        if (below != null && below.getValue().end > start) {
            return true;
        }
        Map.Entry<Long, Vma> above = vmas.higherEntry(start);
        return above != null && above.getKey() < end;
    }

    /** The vmas that intersect [start, end), in address order. */
    List<Vma> vmasIn(long start, long end) {
        List<Vma> out = new ArrayList<>();
        Map.Entry<Long, Vma> first = vmas.floorEntry(start);
        Long from = first != null && first.getValue().end > start ? first.getKey() : Long.valueOf(start);
        for (Vma v : vmas.tailMap(from, true).values()) {
            if (v.start >= end) {
                break;
            }
            if (v.end > start) {
                out.add(v);
            }
        }
        return out;
    }

    /** Whether this task holds a pin on a page in [start, end). */
    boolean pinsIn(long start, long end) {
        if (pins.isEmpty()) {
            return false;
        }
        Long first = pins.ceilingKey(start >>> Geometry.PAGE_SHIFT);
        return first != null && first < (end >>> Geometry.PAGE_SHIFT);
    }

    /** Whether a vma other than a plain private one lies over [start, end). */
    boolean onlyPlainPrivateIn(long start, long end) {
        Map.Entry<Long, Vma> e = vmas.floorEntry(start);
        Long from = e != null && e.getValue().end > start ? e.getKey() : Long.valueOf(start);
        for (Vma v : vmas.tailMap(from, true).values()) {
            if (v.start >= end) {
                break;
            }
            if (!v.plainPrivate()) {
                return false;
            }
        }
        return true;
    }

    /** The policy that deferred {@code work} makes this mm one of the address spaces it concerns. */
    void attach(DeferredWork work) {
        deferredWork.add(work);
    }

    /** {@code work} is done, as far as this mm is concerned. */
    void detach(DeferredWork work) {
        deferredWork.remove(work);
    }

    /** The work attached to this mm now, in the order it was attached (a copy: hooks may detach). */
    List<DeferredWork> deferredWork() {
        return deferredWork.isEmpty() ? List.of() : List.copyOf(deferredWork);
    }

    /** {@link #tables} for every level. */
    Map<Level, Integer> reached() {
        EnumMap<Level, Integer> out = new EnumMap<>(Level.class);
        for (Level l : Level.values()) {
            out.put(l, reached[l.ordinal()]);
        }
        return out;
    }

    void adjustReached(Level level, int delta) {
        reached[level.ordinal()] += delta;
    }

    @Override
    public String toString() {
        return comm + "[" + pid + "]";
    }
}
