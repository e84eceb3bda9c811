package dev.cowpte.mm;

import static dev.cowpte.mm.Geometry.PAGE_SIZE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One simulated machine: physical frames, page tables and processes, driven through the
 * system calls and accesses a scenario makes. Operations that a scenario can get wrong throw
 * {@link MmError} (refused, nothing changed), {@link SegmentationFault} (the task was killed)
 * or {@link OutOfMemory} (RAM is full; what was done before the allocation stays done, except
 * fork, which tears the half-made child down as the kernel does).
 */
public final class Machine {
    private final MachineConfig config;
    final FrameTable frames;
    /**
     * Whether alike things are held as runs (frames of a block without columns, PTE tables that
     * map a block without an array, faults and copies of whole tables at once): on, except in
     * the page-by-page machine ({@link #pageByPage}) that tests compare with.
     */
    final boolean runs;
    final PageTables pageTables;
    final FaultHandler faultHandler;
    final Zap zap;
    final HugePmd huge;
    final Hugetlb hugetlb;
    final Mshare mshare;
    /** Large folios below 2 MiB (multi-size THP) and their statistics. */
    final LargeFolios folios;
    final AnonFolioFault anonFolio;
    private final Fork fork;
    private final Mremap mremap;
    final List<Mm> mms = new ArrayList<>();
    final int[] tableCount = new int[Level.values().length];
    /** Every table page on the machine, all levels: the sum of {@link #tableCount}. */
    int totalTableCount;
    long nextTableId = 1;
    private int nextPid = 1;
    private long nextShmemId = 1;
    /** The regular files in the page cache, by name, in the order they were created. */
    final Map<String, Shmem> files = new java.util.LinkedHashMap<>();
    final Work work = new Work();
    /** The part of {@link #work} done inside fork() calls. */
    final Work atFork = new Work();
    /** The part of {@link #work} that forks deferred (see {@link Work}). */
    final Work deferred = new Work();
    final FaultCounters faults = new FaultCounters();
    private final long limitPages;

    public Machine(MachineConfig config) {
        this(config, true);
    }

    /**
     * A machine that holds every frame's counts and every PTE table's entries one by one: the
     * reference model. It gives every number a {@link #Machine(MachineConfig)} gives, slower and
     * in more memory; tests run scenarios on both and compare.
     */
    public static Machine pageByPage(MachineConfig config) {
        return new Machine(config, false);
    }

    private Machine(MachineConfig config, boolean runs) {
        if (!config.memoryFits()) {
            throw new IllegalArgumentException("machine memory of " + Sizes.format(config.memoryBytes())
                    + " is over the limit of " + Sizes.format(MachineConfig.maxMemory(config.levels()))
                    + " with " + config.levels() + " paging levels");
        }
        this.config = config;
        this.runs = runs;
        this.frames = new FrameTable(runs);
        this.limitPages = config.memoryBytes() / PAGE_SIZE;
        this.pageTables = new PageTables(this);
        this.faultHandler = new FaultHandler(this);
        this.zap = new Zap(this);
        this.huge = new HugePmd(this);
        this.hugetlb = new Hugetlb(this);
        this.mshare = new Mshare(this);
        this.folios = new LargeFolios(this);
        this.anonFolio = new AnonFolioFault(this);
        this.fork = new Fork(this);
        this.mremap = new Mremap(this);
    }

    public Machine() {
        this(MachineConfig.defaults());
    }

    public MachineConfig config() {
        return config;
    }

    /** Fails with out of memory unless {@code n} more pages fit in RAM and the JVM's heap has room. */
    void reservePages(long n) {
        if (!hasRoomFor(n)) {
            throw new OutOfMemory(config.memoryBytes());
        }
        if (frames.limit() + n > FrameTable.MAX_PFN) {
            // pfns are ints: past 2^31 frames (8 TiB in use) the simulator itself is full, as its heap would be
            throw OutOfMemory.heapFull();
        }
        if (heapGuard != null && (++reservations & (HEAP_CHECK_EVERY - 1)) == 0 && heapGuard.getAsBoolean()) {
            throw OutOfMemory.heapFull();
        }
    }

    /** Reservations between two looks at the heap guard: each grows the heap by at most a few KiB. */
    private static final int HEAP_CHECK_EVERY = 64;
    private java.util.function.BooleanSupplier heapGuard;
    private long reservations;

    /**
     * Asks {@code full} every few allocations whether the JVM's heap is too full to go on: when it
     * says so, the allocation fails with {@link OutOfMemory#heapBudget()} before anything changes,
     * as one past the simulated RAM does, so the caller can drop the machine while the JVM is safe.
     */
    public void heapGuard(java.util.function.BooleanSupplier full) {
        this.heapGuard = full;
    }

    /** Whether n more pages (frames or tables) fit in the machine's memory. */
    boolean hasRoomFor(long n) {
        return frames.used() + totalTables() + hugetlb.poolPages() + n <= limitPages;
    }

    SegmentationFault segv(Mm mm, long addr, String why) {
        SegmentationFault f = new SegmentationFault(mm, addr, why);
        exit(mm);
        return f;
    }

    // ---- processes ----

    /** A new process with an empty address space (only its pgd). */
    public Mm createProcess(String comm) {
        reservePages(1);
        Mm mm = new Mm(nextPid++, comm);
        mm.pgd = pageTables.allocPgd(mm);
        mms.add(mm);
        return mm;
    }

    /** Forks {@code parent}: the child gets a copy of its address space, made by {@code policy}. */
    public Mm fork(Mm parent, String childComm, ForkPolicy policy) {
        act(parent);
        for (DeferredWork w : parent.deferredWork()) {
            w.beforeFork(this, parent);
        }
        Work before = work.snapshot();
        try {
            Mm child = createProcess(childComm);
            try {
                fork.dupMmap(parent, child, policy);
            } catch (OutOfMemory e) {
                for (DeferredWork w : parent.deferredWork()) {
                    w.forkFailed(this, parent, child);
                }
                exit(child);
                throw e;
            }
            return child;
        } finally {
            atFork.add(work.since(before));
        }
    }

    /** The task exits: its pins are released and its address space torn down. */
    public void exit(Mm mm) {
        act(mm);
        for (DeferredWork w : mm.deferredWork()) {
            w.beforeExit(this, mm);
        }
        releasePins(mm, 0, Long.MAX_VALUE);
        List<Vma> gone = new ArrayList<>(mm.vmas.values());
        mm.vmas.clear();
        for (Vma v : gone) {
            unmapHugetlbAndMshare(mm, v);
            zap.range(mm, v.start, v.end, true);
        }
        pageTables.freeUnused(mm, mm.pgd, 0, Geometry.taskSize(config.levels()));
        dropShmem(gone);
        pageTables.freePgd(mm);
        mm.alive = false;
    }

    // ---- mappings ----

    /**
     * A regular file of {@code bytes} bytes (rounded up to pages) on a disk file system, every
     * page in the page cache and holding 0, as after it was written: its frames are in use from
     * now on, mapped or not, and hold the cache's reference.
     */
    public void createFile(String name, long bytes) {
        if (files.containsKey(name)) {
            throw new MmError("file " + name + " exists already");
        }
        if (bytes <= 0) {
            throw new MmError("file " + name + " of " + bytes + " bytes: the size must be positive");
        }
        long pages = (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
        reservePages(pages);
        Shmem file = Shmem.file(nextShmemId++, name, pages);
        for (long i = 0; i < pages; i++) {
            int pfn = frames.alloc(0, false);
            frames.markFile(pfn);
            frames.get(pfn);
            file.pages.put(i, pfn);
        }
        files.put(name, file);
    }

    /** The size in bytes of the file {@code name} in the page cache, or -1 when there is none. */
    public long fileBytes(String name) {
        Shmem f = files.get(name);
        return f == null ? -1 : f.filePages * PAGE_SIZE;
    }

    /**
     * Maps the file {@code file} from offset 0 ({@code mmap} with a file descriptor): private, a
     * write copies the page into anonymous memory; {@link MapFlag#SHARED}, writes reach the file.
     */
    public Vma mmapFile(Mm mm, String name, long length, Long at, Set<MapFlag> flags, String file) {
        Shmem f = files.get(file);
        if (f == null) {
            throw new MmError("mmap of file " + file + ": there is no such file (ENOENT)");
        }
        if (length > f.filePages * PAGE_SIZE) {
            throw new MmError("mmap of " + Sizes.format(length) + " of file " + file + ": past its end at "
                    + Sizes.format(f.filePages * PAGE_SIZE) + " (an access there is SIGBUS)");
        }
        if (flags.contains(MapFlag.WIPEONFORK)) {
            throw new MmError("wipeonfork applies to private anonymous mappings only (EINVAL)");
        }
        return map(mm, name, length, at, flags, f);
    }

    /**
     * Maps the mshare region {@code region} into mm (the posted mshare series): the first mapping
     * creates the region with {@code length} bytes, later ones give the same; the container is
     * 512 GiB-aligned and sized. See {@link Mshare}.
     */
    public Vma mmapMshare(Mm mm, String name, long length, Long at, String region) {
        act(mm);
        if (config.levels() != 4) {
            throw new MmError("mshare is modelled with 4 paging levels (its region is one pgd entry of 512 GiB)");
        }
        if (length <= 0 || length % Mshare.ALIGN != 0) {
            throw new MmError("mmap of mshare " + region + ": " + Sizes.format(Math.max(0, length)) + " is not a"
                    + " multiple of mshare_align, 512 GiB (P4D_SIZE): an mshare region and its mappings are"
                    + " 512 GiB-aligned and sized (EINVAL)");
        }
        long taskSize = Geometry.taskSize(config.levels());
        long start;
        if (at != null) {
            start = at;
            if (start % Mshare.ALIGN != 0 || start + length > taskSize || start < 0) {
                throw new MmError(String.format("mmap of mshare %s at %#x: not a 512 GiB-aligned range of user"
                        + " space (EINVAL)", region, start));
            }
            if (!mm.vmasIn(start, start + length).isEmpty()) {
                throw new MmError(String.format("mmap at %#x of %s overlaps %s", start, Sizes.format(length),
                        mm.vmasIn(start, start + length).get(0)));
            }
        } else {
            start = placeTopDown(mm, length, Mshare.ALIGN);
        }
        for (long a = start; a < start + length; a += Mshare.ALIGN) {
            if (mm.pgd.next[PageTables.index(Level.PGD, a, config.levels())] != null) {
                throw new MmError(String.format("mmap of mshare %s at %#x: the 512 GiB there already holds %s's own"
                        + " page tables", region, a, mm.comm));
            }
        }
        beforeVmaChange(mm, start, start + length);
        Mshare.Region r = mshare.attach(region, length, Mshare.ALIGN);
        Shmem container = new Shmem(nextShmemId++);
        container.users = 1;
        Vma v = new Vma(start, start + length, name, true, true, container, 0);
        v.mshare = r;
        mm.vmas.put(start, v);
        return v;
    }

    /**
     * Sets the hugetlb pool of {@code size} to {@code count} pages ({@code nr_hugepages}): the
     * pages are taken from RAM now, whether used or not.
     */
    public void setHugetlbPool(HugePageSize size, long count) {
        hugetlb.setPool(size, count);
    }

    /** The hugetlb pool of {@code size}: {@code nr_hugepages}. */
    public long hugetlbPool(HugePageSize size) {
        return hugetlb.pool(size).total;
    }

    /** Pages of the hugetlb pool of {@code size} in use ({@code HugePages_Total - HugePages_Free}). */
    public long hugetlbInUse(HugePageSize size) {
        return hugetlb.inUse(size);
    }

    /** Hugetlb memory in use on the machine, every size, in bytes. */
    public long hugetlbInUseBytes() {
        long n = 0;
        for (HugePageSize s : HugePageSize.values()) {
            n += hugetlb.inUse(s) * s.bytes();
        }
        return n;
    }

    /** Maps an anonymous region of {@code length} bytes (rounded up to pages), at {@code at} or top-down. */
    public Vma mmap(Mm mm, String name, long length, Long at, Set<MapFlag> flags) {
        return map(mm, name, length, at, flags, null);
    }

    private Vma map(Mm mm, String name, long length, Long at, Set<MapFlag> flags, Shmem file) {
        act(mm);
        long taskSize = Geometry.taskSize(config.levels());
        if (length <= 0) {
            throw new MmError("mmap of " + length + " bytes: the length must be positive");
        }
        if (length > taskSize) {
            throw new MmError("mmap of " + Sizes.format(length) + " is larger than the "
                    + Sizes.format(taskSize + PAGE_SIZE) + " user address space");
        }
        long len = (length + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
        HugePageSize hugetlbSize = flags.contains(MapFlag.HUGETLB_1G) ? HugePageSize.SIZE_1G
                : flags.contains(MapFlag.HUGETLB) ? HugePageSize.SIZE_2M : null;
        long align = Geometry.PMD_SIZE;
        if (hugetlbSize != null) {
            align = Math.max(align, hugetlbSize.bytes());
            if (length % hugetlbSize.bytes() != 0) {
                throw new MmError("mmap of " + Sizes.format(length) + " hugetlb: the length must be a multiple of the "
                        + hugetlbSize.label() + " page size");
            }
            if (at != null && at % hugetlbSize.bytes() != 0) {
                throw new MmError(String.format("mmap hugetlb at %#x: the address is not aligned to the %s page size "
                        + "(EINVAL)", at, hugetlbSize.label()));
            }
        }
        long start;
        if (at != null) {
            start = at;
            if (!Geometry.pageAligned(start)) {
                throw new MmError(String.format("mmap at %#x: the address is not page-aligned", start));
            }
            if (start < Geometry.MMAP_MIN_ADDR || start + len > taskSize || start + len < start) {
                throw new MmError(String.format("mmap at %#x of %s: outside user space [%#x, %#x)",
                        start, Sizes.format(len), Geometry.MMAP_MIN_ADDR, taskSize));
            }
            List<Vma> clash = mm.vmasIn(start, start + len);
            if (!clash.isEmpty()) {
                throw new MmError(String.format("mmap at %#x of %s overlaps %s", start, Sizes.format(len),
                        clash.get(0)));
            }
        } else {
            start = placeTopDown(mm, len, align);
        }
        beforeVmaChange(mm, start, start + len);
        EnumSet<MapFlag> f = flags.isEmpty() ? EnumSet.noneOf(MapFlag.class) : EnumSet.copyOf(flags);
        boolean shared = f.contains(MapFlag.SHARED);
        if (shared && f.contains(MapFlag.WIPEONFORK)) {
            throw new MmError("wipeonfork applies to private mappings only (EINVAL)");
        }
        if (hugetlbSize != null && (f.contains(MapFlag.HUGEPAGE) || f.contains(MapFlag.NOHUGEPAGE))) {
            throw new MmError("hugepage and nohugepage are for transparent huge pages, not hugetlb memory");
        }
        if (hugetlbSize != null && file != null) {
            throw new MmError("a mapping of a regular file is of the page cache, not of the hugetlb pool");
        }
        HugetlbMapping hugetlbMapping = hugetlbSize == null ? null : hugetlb.reserve(hugetlbSize, shared, start, len);
        Shmem shmem = file;
        if (shared && file == null) {
            shmem = new Shmem(nextShmemId++);
            shmem.users = 1;
        } else if (shared) {
            file.users++;
        }
        if (f.contains(MapFlag.HUGEPAGE) && f.contains(MapFlag.NOHUGEPAGE)) {
            throw new MmError("hugepage and nohugepage exclude each other");
        }
        Vma v = new Vma(start, start + len, name, !f.contains(MapFlag.READONLY), shared, shmem, 0);
        v.hugepage = f.contains(MapFlag.HUGEPAGE);
        v.nohugepage = f.contains(MapFlag.NOHUGEPAGE);
        v.hugetlb = hugetlbMapping;
        mm.vmas.put(start, v);
        // The vma merges with its neighbours once madvise gave it its THP flag; then madvise sets
        // dontfork/wipeonfork and splits it off again: the anon_vma it shared stays shared.
        mergeNeighbours(mm, v);
        v.dontfork = f.contains(MapFlag.DONTFORK);
        v.wipeonfork = f.contains(MapFlag.WIPEONFORK);
        if (shared) {
            // Shared regions are never in a shared PTE table: a new one inside the 2 MiB of a table
            // that a fork shared breaks the table first (MODEL.md), as mprotect does.
            pageTables.forEachPte(mm, start, start + len, (pmd, idx, pte) -> {
                if (pmd.writeProtected(idx)) {
                    pte.sharedBy.breakCowPte(this, mm, pmd, idx);
                }
            });
        }
        return v;
    }

    /**
     * The highest 2 MiB-aligned free range of {@code len} below {@link Geometry#MMAP_BASE}: the
     * first region ends at the base, each next one below the previous one's start.
     */
    private long placeTopDown(Mm mm, long len, long align) {
        // Gaps only shrink while nothing is unmapped, so a search for at least the last length
        // resumes where the last one ended: a million mmaps cost a million steps, not n^2/2.
        // A search for a larger alignment (1 GiB hugetlb pages) neither resumes nor is remembered.
        if (align != Geometry.PMD_SIZE) {
            long top = Geometry.MMAP_BASE;
            for (Vma v : mm.vmas.headMap(top, false).descendingMap().values()) {
                long candidate = (top - len) & ~(align - 1);
                if (top - len >= 0 && candidate >= v.end) {
                    return candidate;
                }
                top = Math.min(top, v.start);
            }
            long candidate = (top - len) & ~(align - 1);
            if (top - len < Geometry.MMAP_MIN_ADDR || candidate < Geometry.MMAP_MIN_ADDR) {
                throw new MmError("mmap of " + Sizes.format(len) + ": no free range this large below "
                        + String.format("%#x (ENOMEM)", Geometry.MMAP_BASE));
            }
            return candidate;
        }
        boolean resume = mm.topDownResume >= 0 && len >= mm.topDownLength;
        long top = resume ? mm.topDownResume : Geometry.MMAP_BASE;
        for (Vma v : mm.vmas.headMap(top, false).descendingMap().values()) {
            long candidate = Geometry.pmdDown(top - len);
            if (top - len >= 0 && candidate >= v.end) {
                remember(mm, top, len);
                return candidate;
            }
            top = Math.min(top, v.start);
        }
        long candidate = Geometry.pmdDown(top - len);
        if (top - len < Geometry.MMAP_MIN_ADDR || candidate < Geometry.MMAP_MIN_ADDR) {
            throw new MmError("mmap of " + Sizes.format(len) + ": no free range this large below "
                    + String.format("%#x (ENOMEM)", Geometry.MMAP_BASE));
        }
        remember(mm, top, len);
        return candidate;
    }

    /** Every gap above {@code top} is now known too small for {@code len} bytes or more. */
    private static void remember(Mm mm, long top, long len) {
        mm.topDownResume = top;
        mm.topDownLength = len;
    }

    /** Unmaps [start, start+length): vmas are split or removed, pages zapped, unused tables freed. */
    public void munmap(Mm mm, long start, long length) {
        act(mm);
        long end = checkRange(start, length);
        requireHugetlbAligned(mm, start, end);
        requireMshareWhole(mm, start, end, "munmap of part");
        beforeVmaChange(mm, start, end);
        splitAt(mm, start);
        splitAt(mm, end);
        List<Vma> gone = mm.vmasIn(start, end);
        for (Vma v : gone) {
            mm.vmas.remove(v.start);
        }
        mm.topDownResume = -1;
        releasePins(mm, start, end);
        for (Vma v : gone) {
            unmapHugetlbAndMshare(mm, v);
        }
        zap.range(mm, start, end, true);
        pageTables.freeUnused(mm, mm.pgd, Geometry.pmdDown(start), Geometry.pmdUp(end));
        dropShmem(gone);
    }

    /**
     * {@code mremap} of the mapping [start, start+oldLength), which one vma must hold: to
     * {@code newLength} bytes, in place where it can (a shrink unmaps the tail; a growth takes the
     * free range after it), else moved top-down ({@code MREMAP_MAYMOVE}); with {@code to}, moved
     * there ({@code MREMAP_FIXED}, whatever was mapped there unmapped first). Returns the vma of
     * the new range. A move carries the page tables over ({@link Mremap}) and takes no fault.
     */
    public Vma mremap(Mm mm, long start, long oldLength, long newLength, Long to) {
        act(mm);
        long oldEnd = checkRange(start, oldLength);
        long newLen = checkRange(start, newLength) - start;
        long oldLen = oldEnd - start;
        Vma v = mm.findVma(start);
        if (v == null || v.end < oldEnd) {
            throw new MmError(String.format("mremap of %#x-%#x: not one mapping (EFAULT)", start, oldEnd));
        }
        if (v.mshare != null) {
            // the container's tables are the host mm's: moving them would move every user's
            throw Mshare.refused(v, "mremap");
        }
        if (v.hugetlb != null) {
            // move_hugetlb_page_tables (unsharing shared pmd tables first) is not modelled; the
            // page-table moves of Mremap would carry a pmd table other mms share
            throw new MmError(String.format("mremap of the hugetlb mapping %s at %#x: moving or resizing hugetlb "
                    + "memory is not modelled (unmap and map it again)", v.name, start));
        }
        if (v.shmem != null && v.shmem.file() && v.pgoff + ((start - v.start + newLen) >>> Geometry.PAGE_SHIFT)
                > v.shmem.filePages) {
            throw new MmError("mremap to " + Sizes.format(newLen) + " of a mapping of file " + v.shmem.fileName
                    + ": past its end (an access there is SIGBUS)");
        }
        if (to != null) {
            if (!Geometry.pageAligned(to)) {
                throw new MmError(String.format("mremap to %#x: the address is not page-aligned (EINVAL)", to));
            }
            long taskSize = Geometry.taskSize(config.levels());
            if (to < Geometry.MMAP_MIN_ADDR || to + newLen > taskSize || to + newLen < to) {
                throw new MmError(String.format("mremap to %#x of %s: outside user space (EINVAL)", to,
                        Sizes.format(newLen)));
            }
            if (to < oldEnd && start < to + newLen) {
                throw new MmError(String.format("mremap to %#x: the new range overlaps the old one (EINVAL)", to));
            }
            // mremap_to: whatever is at the destination goes first, then a shrink drops the tail
            munmap(mm, to, newLen);
            if (newLen < oldLen) {
                munmap(mm, start + newLen, oldLen - newLen);
                oldLen = newLen;
            }
            return move(mm, start, oldLen, to, newLen);
        }
        if (newLen <= oldLen) {
            if (newLen < oldLen) {
                munmap(mm, start + newLen, oldLen - newLen);
            }
            return mm.findVma(start);
        }
        long taskSize = Geometry.taskSize(config.levels());
        if (oldEnd == v.end && start + newLen <= taskSize && !mm.mapsAny(oldEnd, start + newLen)) {
            // vma_expand: the free range after the mapping is taken in place
            beforeVmaChange(mm, oldEnd, start + newLen);
            v.end = start + newLen;
            mm.topDownResume = -1;
            return v;
        }
        return move(mm, start, oldLen, placeTopDown(mm, newLen, Geometry.PMD_SIZE), newLen);
    }

    /** {@code move_vma}: a new vma of newLen at {@code to}, the tables of the old oldLen moved to it, the old range unmapped. */
    private Vma move(Mm mm, long start, long oldLen, long to, long newLen) {
        long oldEnd = start + oldLen;
        beforeVmaChange(mm, start, oldEnd);
        beforeVmaChange(mm, to, to + newLen);
        splitAt(mm, start);
        splitAt(mm, oldEnd);
        Vma old = mm.findVma(start);
        Vma moved = old.copy();
        moved.start = to;
        moved.end = to + newLen;
        if (moved.shared) {
            moved.shmem.users++;
        }
        mremap.movePageTables(mm, start, to, oldLen);
        movePins(mm, start, oldEnd, to);
        mm.vmas.remove(old.start);
        mm.vmas.put(moved.start, moved);
        mm.topDownResume = -1;
        zap.range(mm, start, oldEnd, true);
        pageTables.freeUnused(mm, mm.pgd, Geometry.pmdDown(start), Geometry.pmdUp(oldEnd));
        dropShmem(List.of(old));
        mergeNeighbours(mm, moved);
        return mm.findVma(to);
    }

    /** The pins on [start, end) follow their pages to {@code to}: the entries moved, the pages stay pinned. */
    private static void movePins(Mm mm, long start, long end, long to) {
        Map<Long, int[]> moved = new java.util.TreeMap<>(mm.pins.subMap(start >>> Geometry.PAGE_SHIFT,
                end >>> Geometry.PAGE_SHIFT));
        long delta = (to - start) >> Geometry.PAGE_SHIFT;
        for (Long vpn : moved.keySet()) {
            mm.pins.remove(vpn);
        }
        moved.forEach((vpn, pin) -> mm.pins.put(vpn + delta, pin));
    }

    /** Makes [start, start+length) read-only or read-write. Every page of it must be mapped. */
    public void mprotect(Mm mm, long start, long length, boolean writable) {
        act(mm);
        long end = checkRange(start, length);
        requireMapped(mm, start, end, "mprotect");
        requireMshareWhole(mm, start, end, null);
        requireHugetlbAligned(mm, start, end);
        beforeVmaChange(mm, start, end);
        splitAt(mm, start);
        splitAt(mm, end);
        List<Vma> changed = mm.vmasIn(start, end);
        for (Vma v : changed) {
            v.writable = writable;
            if (v.hugetlb != null) {
                hugetlb.protect(mm, v, v.start, v.end, writable);
            }
        }
        mergeAll(mm, changed);
        pageTables.forEachPmd(mm, start, end, (pmd, idx, lo, hi) -> {
            // change_pmd_range: a huge PMD wholly in the range changes as one entry, else it is split
            if (pmd.huge(idx)) {
                if (hi - lo == Geometry.PMD_SIZE) {
                    huge.protect(pmd, idx, writable);
                    return;
                }
                huge.split(mm, pmd, idx);
            }
            PageTable pte = pmd.next[idx];
            if (pmd.writeProtected(idx)) {
                pte = pte.sharedBy.breakShared(this, mm, pmd, idx);
            }
            int from = PageTables.pteIndex(lo);
            int to = PageTables.pteIndex(hi - 1);
            if (writable) {
                makeWritable(pte, from, to);
                return;
            }
            boolean flush = false;
            for (int i = from; i <= to; i++) {
                int e = pte.pte(i);
                if (PageTable.writable(e)) {
                    pte.setPte(i, PageTable.wrprotect(e));
                    if (!frames.pageCache(PageTable.pfn(e))) {
                        pte.setExclusiveRo(i); // a writable anonymous page is exclusive, and stays so
                    }
                    flush = true;
                }
            }
            if (flush) {
                work.tlbFlushes++;
            }
        });
    }

    /**
     * mprotect back to writable, as {@code change_pte_range} does with
     * {@code MM_CP_TRY_CHANGE_WRITABLE}: a shmem entry takes the vma's new protection, writable
     * (a shared vma needs no write-notify here); an anonymous entry becomes writable at once when
     * {@code can_change_pte_writable} finds its page exclusive ({@code PageAnonExclusive}), so the
     * next write takes no fault. The zero page and pages fork shared stay write-protected. Adding
     * the write bit flushes no TLB.
     */
    private void makeWritable(PageTable pte, int from, int to) {
        for (int i = from; i <= to; i++) {
            int e = pte.pte(i);
            if (!PageTable.present(e) || PageTable.writable(e)) {
                continue;
            }
            int pfn = PageTable.pfn(e);
            if (pte.exclusiveRo(i) || (pfn != FrameTable.ZERO_PFN && frames.shmem(pfn))) {
                pte.setPte(i, e | PageTable.WRITE);
            }
        }
    }

    /** madvise over [start, start+length). Every page of it must be mapped. */
    public void madvise(Mm mm, long start, long length, Advice advice) {
        act(mm);
        long end = checkRange(start, length);
        requireMapped(mm, start, end, "madvise");
        requireMshareWhole(mm, start, end, null);
        requireHugetlbAligned(mm, start, end);
        beforeVmaChange(mm, start, end);
        if (advice == Advice.DONTNEED) {
            releasePins(mm, start, end);
            for (Vma v : mm.vmasIn(start, end)) {
                if (v.hugetlb != null) {
                    hugetlb.zap(mm, v, Math.max(start, v.start), Math.min(end, v.end));
                }
            }
            zap.range(mm, start, end, false);
            if (config.ptReclaim()) {
                for (Vma v : mm.vmasIn(start, end)) {
                    zap.reclaimEmpty(mm, Math.max(start, v.start), Math.min(end, v.end));
                }
            }
            return;
        }
        if (advice == Advice.WIPEONFORK) {
            for (Vma v : mm.vmasIn(start, end)) {
                if (v.shared) {
                    throw new MmError("madvise wipeonfork on shared mapping " + v.name
                            + ": private mappings only (EINVAL)");
                }
            }
        }
        splitAt(mm, start);
        splitAt(mm, end);
        for (Vma v : mm.vmasIn(start, end)) {
            switch (advice) {
                case DONTFORK -> v.dontfork = true;
                case DOFORK -> v.dontfork = false;
                case WIPEONFORK -> v.wipeonfork = true;
                case KEEPONFORK -> v.wipeonfork = false;
                case HUGEPAGE -> {
                    // hugepage_madvise; khugepaged, which would collapse the range later, is not modelled
                    v.hugepage = true;
                    v.nohugepage = false;
                }
                case NOHUGEPAGE -> {
                    // existing huge PMDs stay
                    v.nohugepage = true;
                    v.hugepage = false;
                }
                default -> throw new IllegalStateException();
            }
        }
        mergeAll(mm, mm.vmasIn(start, end));
    }

    // ---- accesses ----

    /** Loads from the page holding {@code addr}, faulting it in as a read would. */
    public long read(Mm mm, long addr) {
        act(mm);
        Vma v = mm.findVma(addr);
        if (v != null && v.hugetlb != null) {
            return hugetlb.access(mm, v, addr, false).value(addr & (v.hugetlb.size.bytes() - 1));
        }
        if (v != null && v.mshare != null) {
            return mshare.read(mm, v, addr);
        }
        return frames.value(faultHandler.access(mm, addr, false));
    }

    /** Stores {@code value} into every page of [start, start+length). */
    public void write(Mm mm, long start, long length, long value) {
        act(mm);
        long s = Geometry.pageDown(start);
        faultHandler.accessRange(mm, s, checkRange(s, length), true, true, value);
    }

    /** Accesses every page of [start, start+length) once: a write stores 0, as memset does. */
    public void touch(Mm mm, long start, long length, boolean write) {
        act(mm);
        long s = Geometry.pageDown(start);
        faultHandler.accessRange(mm, s, checkRange(s, length), write, write, 0);
    }

    /** What a load from {@code addr} would return, without faulting anything in. */
    public long peek(Mm mm, long addr) {
        requireAlive(mm);
        Vma v = mm.findVma(addr);
        if (v == null) {
            throw new MmError(String.format("%s has no mapping at %#x", mm.comm, addr));
        }
        if (v.hugetlb != null) {
            return hugetlb.peek(mm, v, addr);
        }
        if (v.mshare != null) {
            return mshare.peek(mm, v, addr);
        }
        int pfn = pageTables.leafPfn(mm, addr);
        if (pfn < 0) {
            // a table deferred work will give mm: a load reads what mm will find there
            for (DeferredWork w : mm.deferredWork()) {
                PageTable pending = w.tableFor(mm, addr);
                if (pending != null) {
                    int e = pending.pte(PageTables.pteIndex(addr));
                    pfn = PageTable.present(e) ? PageTable.pfn(e) : -1;
                    break;
                }
            }
        }
        if (pfn >= 0) {
            return frames.value(pfn);
        }
        if (v.shmem != null) {
            Integer page = v.shmem.pages.get(v.shmemIndex(addr));
            return page == null ? 0 : frames.value(page);
        }
        return 0;
    }

    // ---- pins ----

    /** Takes a long-term pin on every page of the range, faulting each in exclusive first. */
    public void pin(Mm mm, long start, long length) {
        act(mm);
        long end = checkRange(Geometry.pageDown(start), length);
        requireMapped(mm, Geometry.pageDown(start), end, "pin");
        for (Vma v : mm.vmasIn(Geometry.pageDown(start), end)) {
            if (v.hugetlb != null) {
                throw new MmError("pin of hugetlb memory (" + v.name + ") is not modelled");
            }
            if (v.mshare != null) {
                throw new MmError("pin of the mshare region " + v.mshare.name + " (" + v.name + ") is not modelled");
            }
        }
        for (long a = Geometry.pageDown(start); a < end; a += PAGE_SIZE) {
            int pfn = faultHandler.faultForPin(mm, a);
            frames.pin(pfn);
            int[] rec = mm.pins.computeIfAbsent(a >>> Geometry.PAGE_SHIFT, k -> new int[] {pfn, 0});
            rec[1]++;
        }
    }

    /** Drops one pin from every page of the range; each must be pinned by this task. */
    public void unpin(Mm mm, long start, long length) {
        act(mm);
        long end = checkRange(Geometry.pageDown(start), length);
        for (long a = Geometry.pageDown(start); a < end; a += PAGE_SIZE) {
            if (!mm.pins.containsKey(a >>> Geometry.PAGE_SHIFT)) {
                throw new MmError(String.format("unpin at %#x: %s holds no pin on this page", a, mm.comm));
            }
        }
        for (long a = Geometry.pageDown(start); a < end; a += PAGE_SIZE) {
            long vpn = a >>> Geometry.PAGE_SHIFT;
            int[] rec = mm.pins.get(vpn);
            frames.unpin(rec[0]);
            if (--rec[1] == 0) {
                mm.pins.remove(vpn);
            }
        }
    }

    private void releasePins(Mm mm, long start, long end) {
        long s = start >>> Geometry.PAGE_SHIFT;
        long e = end == Long.MAX_VALUE ? Long.MAX_VALUE : end >>> Geometry.PAGE_SHIFT;
        mm.pins.entrySet().removeIf(p -> {
            if (p.getKey() < s || p.getKey() >= e) {
                return false;
            }
            for (int i = 0; i < p.getValue()[1]; i++) {
                frames.unpin(p.getValue()[0]);
            }
            return true;
        });
    }

    // ---- helpers ----

    /**
     * mm is about to do something (a statement whose acting process it is): it must be alive,
     * and the work forks deferred in it does what must come first (an async-fork child copies
     * its pending tables).
     */
    private void act(Mm mm) {
        folios.settle();
        requireAlive(mm);
        for (DeferredWork w : mm.deferredWork()) {
            w.beforeStatement(this, mm);
        }
    }

    /** mm is about to change its vmas over [start, end): the work forks deferred there comes first. */
    private void beforeVmaChange(Mm mm, long start, long end) {
        for (DeferredWork w : mm.deferredWork()) {
            w.beforeVmaChange(this, mm, start, end);
        }
    }

    private void requireAlive(Mm mm) {
        if (!mm.alive) {
            throw new MmError(mm.comm + " has exited");
        }
    }

    private long checkRange(long start, long length) {
        if (!Geometry.pageAligned(start)) {
            throw new MmError(String.format("%#x is not page-aligned", start));
        }
        if (length <= 0) {
            throw new MmError("the length must be positive");
        }
        long end = start + ((length + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
        if (end < start || end > Geometry.taskSize(config.levels())) {
            throw new MmError(String.format("range %#x+%s is outside user space", start, Sizes.format(length)));
        }
        return end;
    }

    /**
     * An mshare container vma is never split ({@code mshare_vm_op_split}) nor protected or advised
     * ({@code mshare_vm_op_mprotect}): {@code what} names the refused call when only a part may
     * not be touched (munmap), null when no part may (mprotect, madvise).
     */
    private void requireMshareWhole(Mm mm, long start, long end, String what) {
        for (Vma v : mm.vmasIn(start, end)) {
            if (v.mshare == null) {
                continue;
            }
            if (what == null) {
                throw Mshare.refused(v, "mprotect or madvise");
            }
            if (start > v.start || end < v.end) {
                throw Mshare.refused(v, what);
            }
        }
    }

    /** A hugetlb vma is split, unmapped or advised at huge page boundaries only (EINVAL). */
    private void requireHugetlbAligned(Mm mm, long start, long end) {
        for (Vma v : mm.vmasIn(start, end)) {
            if (v.hugetlb == null) {
                continue;
            }
            long mask = v.hugetlb.size.bytes() - 1;
            for (long a : new long[] {start, end}) {
                if (a > v.start && a < v.end && (a & mask) != 0) {
                    throw new MmError(String.format("%#x is inside a %s hugetlb page of %s: hugetlb memory is "
                            + "unmapped, protected and advised by whole pages (EINVAL)", a, v.hugetlb.size.label(),
                            v.name));
                }
            }
        }
    }

    private void requireMapped(Mm mm, long start, long end, String what) {
        long a = start;
        for (Vma v : mm.vmasIn(start, end)) {
            if (v.start > a) {
                break;
            }
            a = v.end;
        }
        if (a < end) {
            throw new MmError(String.format("%s of %#x-%#x: %#x is not mapped (ENOMEM)", what, start, end, a));
        }
    }

    /**
     * Where the kernel would merge {@code v} with an adjacent vma ({@code vma_merge_new_range}
     * after mmap, {@code vma_modify_flags} after mprotect and madvise): both private anonymous,
     * the same flags, and anon_vmas that may merge ({@code is_mergeable_anon_vma}). The
     * simulator keeps its regions apart and gives them one anon_vma, which is what fork sees.
     */
    private static void mergeAll(Mm mm, List<Vma> changed) {
        for (Vma v : changed) {
            if (mm.vmas.get(v.start) == v) {
                mergeNeighbours(mm, v);
            }
        }
    }

    private static void mergeNeighbours(Mm mm, Vma v) {
        Vma next = mm.vmas.get(v.end);
        if (next != null) {
            mergeIfCompatible(mm, v, next);
        }
        Map.Entry<Long, Vma> prev = mm.vmas.lowerEntry(v.start);
        if (prev != null && prev.getValue().end == v.start) {
            mergeIfCompatible(mm, prev.getValue(), v);
        }
    }

    /**
     * Two parts of one region that a split left (mprotect, madvise, a partial munmap's
     * neighbours do not count: they are not adjacent) become one vma again, as the kernel's
     * merge makes them: fault-around and pt-reclaim then see the whole vma. Parts of a shared
     * region merge when their shmem offsets follow on; different regions only share the anon_vma.
     */
    private static void mergeIfCompatible(Mm mm, Vma a, Vma b) {
        if (a.writable != b.writable || a.dontfork != b.dontfork || a.wipeonfork != b.wipeonfork
                || a.shared != b.shared || a.fileBacked() != b.fileBacked() || a.hugepage != b.hugepage || a.nohugepage != b.nohugepage
                || a.hugetlb != b.hugetlb || a.mshare != b.mshare
                || !a.anon.mergeableWith(b.anon)) {
            return;
        }
        boolean sameRegion = a.name.equals(b.name) && (a.shmem == null
                || (a.shmem == b.shmem && b.pgoff == a.pgoff + ((a.end - a.start) >>> Geometry.PAGE_SHIFT)));
        if (sameRegion) {
            a.anon.merge(b.anon);
            a.end = b.end;
            mm.vmas.remove(b.start);
            if (b.shared) {
                b.shmem.users--;
            }
        } else if (!a.shared && !a.fileBacked()) {
            // another file, or another place in it, is another vma with its own anon_vma
            a.anon.merge(b.anon);
        }
    }

    /**
     * Splits the vma that holds {@code addr} there; a huge PMD across the new boundary is split
     * first ({@code vma_adjust_trans_huge}, {@code split_huge_pmd_if_needed}).
     */
    private void splitAt(Mm mm, long addr) {
        Vma v = mm.findVma(addr);
        if (v != null && v.start < addr) {
            if (v.hugetlb != null) {
                hugetlb.split(mm, v, addr);
            } else if ((addr & (Geometry.PMD_SIZE - 1)) != 0) {
                PageTable pmd = pageTables.pmdTable(mm, addr, false);
                if (pmd != null && pmd.huge(PageTables.pmdIndex(addr))) {
                    huge.split(mm, pmd, PageTables.pmdIndex(addr));
                }
            }
            Vma upper = v.splitAt(addr);
            mm.vmas.put(upper.start, upper);
        }
    }

    /** What a vma of mm that goes away holds apart from its PTE tables: its mshare link, its hugetlb pages and reservations. */
    private void unmapHugetlbAndMshare(Mm mm, Vma v) {
        if (v.mshare != null) {
            mshare.detach(mm, v);
        }
        if (v.hugetlb != null) {
            hugetlb.zap(mm, v, v.start, v.end);
            hugetlb.unreserve(v, v.start, v.end);
        }
    }

    private void dropShmem(List<Vma> gone) {
        for (Vma v : gone) {
            if (v.shared && --v.shmem.users == 0 && !v.shmem.file()) {
                if (v.hugetlb != null) {
                    hugetlb.fileGone(v.hugetlb);
                }
                v.shmem.pages.forEach(frames::put, frames::putBlocks);
                v.shmem.pages.clear();
            }
        }
    }

    /** Pages of regular files in the page cache: they stay when no process maps them. */
    public long filePages() {
        long n = 0;
        for (Shmem f : files.values()) {
            n += f.filePages;
        }
        return n;
    }

    int totalTables() {
        return totalTableCount;
    }

    // ---- counters and inspection ----

    /** Every process ever created, in creation order, exited ones included. */
    public List<Mm> processes() {
        return Collections.unmodifiableList(mms);
    }

    /** Machine-wide page-table memory: every table page, all levels ({@code PageTables} in meminfo). */
    public long pageTablesBytes() {
        return totalTables() * PAGE_SIZE;
    }

    /**
     * Page-table bytes that the processes' own accounts ({@code pgtables_bytes}, VmPTE) count more
     * than the machine does: a pmd table that hugetlb PMD sharing gives several processes is
     * charged to each of them ({@code mm_inc_nr_pmds}) and exists once.
     */
    public long pageTablesChargedToSharers() {
        return hugetlb.sharedPmdExtraReferences() * PAGE_SIZE;
    }

    /** Every table on the machine at one level, each counted once. */
    public int tables(Level level) {
        return tableCount[level.ordinal()];
    }

    /**
     * The tables of {@code level} that mm's page walks reach, shared or not: its own count
     * ({@link Mm#tables}) and, through the pgd entries its mshare containers link, the region's
     * pmd and PTE tables.
     */
    public int tablesReached(Mm mm, Level level) {
        int own = mm.tables(level);
        return mm.alive ? own + mshare.reachedThroughLinks(mm).getOrDefault(level, 0) : own;
    }

    /** Anonymous memory mapped by huge PMDs on the machine, each 2 MiB page once ({@code AnonHugePages} in meminfo). */
    public long anonHugeBytes() {
        return (long) frames.pmdMappedHugePages() * Geometry.PMD_SIZE;
    }

    /** Data frames in use (the zero page not counted). */
    public long dataPages() {
        return frames.used();
    }

    /** Physical memory in use: data pages, page tables and the hugetlb pools (taken whole when set). */
    public long memoryInUse() {
        return (frames.used() + (long) totalTables() + hugetlb.poolPages()) * PAGE_SIZE;
    }

    /** Page faults taken on the machine so far, by every process. */
    /** The statistics of multi-size THP folios of {@code bytes} (16 KiB to 1 MiB), as the kernel's sysfs shows them. */
    public MthpStats mthpStats(long bytes) {
        int order = MthpSettings.orderOf(bytes);
        if (order < 0 || order == MthpSettings.PMD_ORDER) {
            throw new IllegalArgumentException("no multi-size THP of " + Sizes.format(bytes));
        }
        return folios.stats(order);
    }

    public FaultCounters faults() {
        return faults.snapshot();
    }

    /** Work done so far; diff two snapshots with {@link Work#since(Work)}. */
    public Work work() {
        return work.snapshot();
    }

    /** The part of {@link #work()} done inside the parents' fork() calls. */
    public Work workAtFork() {
        return atFork.snapshot();
    }

    /**
     * The part of {@link #work()} that forks deferred: breaking or copying the tables a fork shared
     * or left pending (to faults, to the child, to exit), and copying the pages it left shared.
     */
    public Work workDeferred() {
        return deferred.snapshot();
    }

    public Inspector inspector() {
        return new Inspector(this);
    }

    /** Checks the model's invariants now; an empty list means they all hold. */
    public List<String> checkInvariants() {
        return new InvariantChecker(this).check();
    }

    Map<Level, Integer> tableCounts() {
        Map<Level, Integer> m = new java.util.EnumMap<>(Level.class);
        for (Level l : Level.values()) {
            m.put(l, tableCount[l.ordinal()]);
        }
        return m;
    }
}
