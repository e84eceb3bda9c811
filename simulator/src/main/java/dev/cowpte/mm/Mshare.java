package dev.cowpte.mm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mshare, as the posted series has it (Anthony Yznaga, "Add support for shared PTEs across
 * processes", v3 of August 2025; not merged): {@code mm/mshare.c}. An mshare region has its own
 * mm (the host mm) that holds its vma and page tables; a process maps the region with an
 * "mshare container" vma aligned to and a multiple of {@code mshare_align} (P4D_SIZE: 512 GiB on
 * x86-64 with 4 levels). A process's first fault in each 512 GiB of the container
 * ({@code find_shared_vma}) copies the host's p4d entry into its own, so its walk goes on
 * through the host's pud table, and returns {@code VM_FAULT_NOPAGE} before
 * {@code handle_mm_fault} (no fault counted for the task); faults after that are handled in
 * the host mm's vma ({@code handle_mm_fault} on the host vma), whose counters (rss, page tables)
 * carry what they map, while the task counts the fault. The container cannot be split or
 * protected in part ({@code mshare_vm_op_split}, {@code mshare_vm_op_mprotect}: EINVAL); unmap
 * and exit clear the process's p4d entries and leave the shared levels to the host
 * ({@code unmap_page_range} of the mshare vm_ops, {@code free_pgd_range}). Fork copies the
 * container vma and no entry, as for any shared file mapping: the child links at its first
 * fault. Where the posting leaves the region's life to userspace (the msharefs file lives
 * until it is unlinked), the simulator ends it when its last mapping goes.
 */
final class Mshare {
    /** {@code mshare_align}: P4D_SIZE, one pgd entry with 4 levels (512 GiB). */
    static final long ALIGN = 1L << 39;
    private final Machine m;
    private final Map<String, Region> regions = new LinkedHashMap<>();

    /** One mshare region: its host mm, its size, and the container vmas that map it. */
    static final class Region {
        final String name;
        final Mm host;
        final long size;
        final long hostBase;
        int users;

        Region(String name, Mm host, long size, long hostBase) {
            this.name = name;
            this.host = host;
            this.size = size;
            this.hostBase = hostBase;
        }
    }

    Mshare(Machine m) {
        this.m = m;
    }

    /** The host mms of the regions alive, whose tables the processes' walks reach. */
    Collection<Mm> hosts() {
        List<Mm> out = new ArrayList<>();
        for (Region r : regions.values()) {
            out.add(r.host);
        }
        return out;
    }

    /** Whether {@code t} is a pud table of a host mm, which processes link to. */
    boolean isHostTable(PageTable t) {
        if (t.level != Level.PUD) {
            return false;
        }
        for (Region r : regions.values()) {
            if (r.host.pgd != null) {
                for (PageTable p : r.host.pgd.next) {
                    if (p == t) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The region a container of {@code length} bytes maps: made by the first mapping (its host mm
     * and one shared anonymous vma of the whole size, as {@code MSHAREFS_CREATE_MAPPING} would map
     * it at the host's base), found by the next ones, which must give the same size.
     */
    Region attach(String name, long length, long at) {
        if (length % ALIGN != 0) {
            throw new MmError("mmap of mshare " + name + ": " + Sizes.format(length) + " is not a multiple of"
                    + " mshare_align, 512 GiB (P4D_SIZE); mshare regions are 512 GiB-aligned and sized (EINVAL)");
        }
        if (at % ALIGN != 0) {
            throw new MmError(String.format("mmap of mshare %s at %#x: not 512 GiB-aligned (EINVAL)", name, at));
        }
        Region r = regions.get(name);
        if (r != null) {
            if (r.size != length) {
                throw new MmError("mmap of mshare " + name + ": it was created with " + Sizes.format(r.size)
                        + ", not " + Sizes.format(length) + " (EINVAL)");
            }
            r.users++;
            return r;
        }
        m.reservePages(1);
        Mm host = new Mm(0, "mshare " + name);
        host.pgd = m.pageTables.allocPgd(host);
        Region made = new Region(name, host, length, ALIGN);
        regions.put(name, made);
        m.mmap(host, name, length, ALIGN, java.util.Set.of(MapFlag.SHARED));
        made.users = 1;
        return made;
    }

    private int pgdIndex(long addr) {
        return PageTables.index(Level.PGD, addr, m.pageTables.levels());
    }

    /**
     * Accesses [start, end) of a container vma of mm: for each 512 GiB, links mm's pgd entry to the
     * host's pud table where it does not yet ({@code find_shared_vma}, no fault counted), then
     * accesses the host's pages as a fault handled in the host vma would, the faults counted in mm.
     */
    void accessRange(Mm mm, Vma vma, long start, long end, boolean write, boolean store, long value) {
        Region r = vma.mshare;
        for (long a = start; a < end; ) {
            long chunkEnd = Math.min(end, (a & ~(ALIGN - 1)) + ALIGN);
            long hostAddr = a - vma.start + r.hostBase + (vma.pgoff << Geometry.PAGE_SHIFT);
            link(mm, r, a, hostAddr);
            FaultCounters before = r.host.faults.snapshot();
            m.faultHandler.accessRange(r.host, hostAddr, hostAddr + (chunkEnd - a), write, store, value);
            moveFaults(r.host, mm, before);
            a = chunkEnd;
        }
    }

    /** The value a load at {@code addr} of the container would read, without faulting. */
    long peek(Mm mm, Vma vma, long addr) {
        Region r = vma.mshare;
        return m.peek(r.host, addr - vma.start + r.hostBase + (vma.pgoff << Geometry.PAGE_SHIFT));
    }

    /** Per host pud table: the host's table bytes when last counted, then the pmd and PTE tables below it. */
    private final java.util.IdentityHashMap<PageTable, long[]> below = new java.util.IdentityHashMap<>();

    /**
     * The host tables mm's walks reach through its pgd entries that point to host pud tables: the
     * pmd and PTE tables below each (its pud tables are in mm's own count, {@link #link}). Counted
     * again only when the host's page-table bytes changed: a region's tables only grow while it
     * lives (no part of the container can be unmapped, protected or advised).
     */
    Map<Level, Integer> reachedThroughLinks(Mm mm) {
        int pmds = 0;
        int ptes = 0;
        for (Vma v : mm.vmas.values()) {
            if (v.mshare == null || mm.pgd == null) {
                continue;
            }
            Region r = v.mshare;
            for (long a = v.start; a < v.end; a += ALIGN) {
                PageTable t = mm.pgd.next[pgdIndex(a)];
                long hostAddr = a - v.start + r.hostBase + (v.pgoff << Geometry.PAGE_SHIFT);
                if (t == null || t != m.pageTables.pudTable(r.host, hostAddr, false)) {
                    continue;
                }
                long[] c = below.get(t);
                if (c == null || c[0] != r.host.pgtablesBytes) {
                    c = countBelow(t, r.host.pgtablesBytes);
                    below.put(t, c);
                }
                pmds += (int) c[1];
                ptes += (int) c[2];
            }
        }
        return pmds == 0 ? Map.of() : Map.of(Level.PMD, pmds, Level.PTE, ptes);
    }

    /** The pmd tables below {@code pud} and the PTE tables below them (a run's 512 counted, not made). */
    private static long[] countBelow(PageTable pud, long hostBytes) {
        long pmds = 0;
        long ptes = 0;
        for (PageTable pmd : pud.next) {
            if (pmd == null) {
                continue;
            }
            pmds++;
            if (pmd.hasRun()) {
                ptes += Geometry.PTRS_PER_TABLE;
                continue;
            }
            for (PageTable pte : pmd.next) {
                if (pte != null) {
                    ptes++;
                }
            }
        }
        return new long[] {hostBytes, pmds, ptes};
    }

    /** One load, as {@link #accessRange} of one page; returns the value. */
    long read(Mm mm, Vma vma, long addr) {
        Region r = vma.mshare;
        long hostAddr = addr - vma.start + r.hostBase + (vma.pgoff << Geometry.PAGE_SHIFT);
        link(mm, r, addr, hostAddr);
        FaultCounters before = r.host.faults.snapshot();
        long v = m.frames.value(m.faultHandler.access(r.host, Geometry.pageDown(hostAddr), false));
        moveFaults(r.host, mm, before);
        return v;
    }

    private static void moveFaults(Mm host, Mm task, FaultCounters before) {
        FaultCounters now = host.faults;
        task.faults.all += now.all - before.all;
        task.faults.cow += now.cow - before.cow;
        task.faults.zero += now.zero - before.zero;
        task.faults.table += now.table - before.table;
        now.all = before.all;
        now.cow = before.cow;
        now.zero = before.zero;
        now.table = before.table;
    }

    /** {@code find_shared_vma}: mm's pgd entry for {@code addr} becomes the host's for {@code hostAddr}. */
    private void link(Mm mm, Region r, long addr, long hostAddr) {
        PageTable hostPud = m.pageTables.pudTable(r.host, hostAddr, true);
        int i = pgdIndex(addr);
        if (mm.pgd.next[i] == hostPud) {
            return;
        }
        if (mm.pgd.next[i] != null) {
            throw new IllegalStateException(mm + " has its own pud table where its mshare container lies");
        }
        mm.pgd.next[i] = hostPud;
        hostPud.refcount++;
        hostPud.addSharer(mm);
        mm.adjustReached(Level.PUD, 1);
        m.work.tablesShared++;
    }

    /**
     * The container vma of mm goes (munmap, exit): mm's pgd entries that point to the host's pud
     * tables are cleared, the host keeps its tables; the region ends with its last mapping.
     */
    void detach(Mm mm, Vma vma) {
        Region r = vma.mshare;
        for (long a = vma.start; a < vma.end; a += ALIGN) {
            int i = pgdIndex(a);
            PageTable t = mm.pgd.next[i];
            if (t != null && isHostTable(t)) {
                mm.pgd.next[i] = null;
                t.refcount--;
                t.removeSharer(mm);
                mm.adjustReached(Level.PUD, -1);
                m.work.tlbFlushes++;
            }
        }
        if (--r.users == 0) {
            regions.remove(r.name);
            below.clear(); // counts of the gone host's pud tables
            m.exit(r.host);
        }
    }

    /** A container vma cannot be split, protected or advised in part or whole ({@code mshare_vm_op_split}). */
    static MmError refused(Vma vma, String what) {
        return new MmError(what + " of the mshare region " + vma.mshare.name + " (" + vma.name
                + "): the container vma cannot be split or changed (EINVAL); map or unmap it whole");
    }
}
