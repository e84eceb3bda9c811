package dev.cowpte.mm;

import java.util.ArrayList;
import java.util.List;

/**
 * One page-table page of 512 entries. Upper levels (pgd, p4d, pud, pmd) point to tables below
 * and are always private to one mm; a PTE table holds page-table entries and may be shared by
 * several mms under the copy-on-write page-table policies.
 *
 * <p>A PTE entry is an int: bit 0 present, bit 1 writable, the pfn above. An upper entry carries
 * a write-protect bit: a pmd entry write-protected by a fork marks a shared (COW) PTE table.
 *
 * <p>A pmd entry either points to a PTE table ({@link #next}) or is a leaf itself: a huge PMD
 * that maps a 2 MiB page ({@link #hugeEntry}: bit 0 present, bit 1 writable, bit 2 exclusive
 * while read-only, the first pfn above; pfn 0 is the huge zero page), with the PTE table
 * deposited beside it ({@code pgtable_trans_huge_deposit}), kept here by its id only until a
 * split makes it the entry's PTE table. Never both: {@link #next} is null where an entry is huge.
 *
 * <p>Storage (the simulator's, not the kernel's): PTE tables that hold the same entries may keep
 * them in one Java array, copied on the first write to any of them. A new table starts on a
 * common array of zeros, and a classic fork's copy starts on its parent's array; that is how 16
 * classic forks of 32 GiB fit in a few hundred MiB of heap. So the array is private: entries
 * are read with {@link #pte} and written only through {@link #setPte} or {@link #ptesForWrite}.
 * Two facts about the entries are kept beside them, so that forks and exits need not look at
 * all 512 again: whether any may be writable, and which block of frames they map whole (see
 * {@link FrameTable}), if one. A table whose entries map a whole block in order, all writable
 * or all read-only (what a run of faults over a whole table leaves, and its classic copies),
 * holds no array at all: its entries are derived from the block's first pfn until one of them
 * is written.
 */
final class PageTable {
    static final int PRESENT = 1;
    static final int WRITE = 2;

    final Level level;
    final long id;
    /** First virtual address this table maps; changed only when mremap moves the table whole ({@link #rebase}). */
    long base;
    /** Number of upper entries that point to this table. */
    int refcount;
    /**
     * The mms whose upper entry points here, one per reference: the first two inline (a fork
     * touches only this object per shared table), the rest in an overflow array.
     */
    private Mm sharer0;
    private Mm sharer1;
    private Mm[] moreSharers;
    private int sharerCount;
    /** The mm whose counters carry this shared table (owner accounting); null when none. */
    Mm owner;
    /** The policy that shared this table at fork; null for a table that was never shared. */
    ForkPolicy sharedBy;

    /** Present entries of a PTE table that map an anonymous / a shmem page (the zero page not counted). */
    int anonPages;
    int shmemPages;
    /** Present entries that map a page of a regular file's page cache. */
    int filePages;

    private static final int[] NO_ENTRIES = new int[Geometry.PTRS_PER_TABLE];

    final PageTable[] next;
    private final long[] wp;
    /** PMD level: the huge entries (0 where none), and the id of each one's deposited table; null while none. */
    private int[] huge;
    private long[] deposit;
    /** PMD level: how many entries are huge. */
    int hugeCount;
    static final int HUGE_EXCLUSIVE = 4;
    /** A PTE table's entries, perhaps another table's too: see {@link #setPte} and {@link #ptesForWrite}. */
    private int[] ptes;
    /**
     * While {@link #ptes} is null (a PTE table only): entry k maps pfn {@code derivedFirst + k},
     * present, writable when {@link #derivedWritable}.
     */
    private int derivedFirst;
    private boolean derivedWritable;
    /** Whether {@link #ptes} may be the array of another table too. */
    private boolean ptesShared;
    /** False when no entry is writable; true when one may be. */
    private boolean mayBeWritable;
    /**
     * The read-only entries whose anonymous page is still exclusive to this mm (the kernel's
     * {@code PageAnonExclusive} on a write-protected entry: left so by mprotect to read-only
     * and by a pin in a read-only vma); null when none. A writable entry is exclusive anyway.
     * Any change of an entry clears its bit, and fork clears them all: the page is shared then.
     */
    private long[] exclusiveRo;
    /**
     * A PMD table whose 512 entries stand for 512 alike PTE tables not made yet (a run of
     * tables, perhaps shared with other mms' pmd tables: see {@link TableRun}); null when none.
     * {@link #below} makes the tables before anyone reads the entries; fork copies or shares a
     * run as a run.
     */
    private TableRun run;
    /** The block of frames the entries map whole and in order, {@link #NOT_A_BLOCK}, or {@link #BLOCK_UNKNOWN}. */
    private int block = BLOCK_UNKNOWN;
    private static final int BLOCK_UNKNOWN = -1;
    static final int NOT_A_BLOCK = -2;

    PageTable(Level level, long id, long base) {
        this.level = level;
        this.id = id;
        this.base = base;
        if (level == Level.PTE) {
            this.next = null;
            this.wp = null;
            this.ptes = NO_ENTRIES;
            this.ptesShared = true;
        } else {
            this.next = new PageTable[Geometry.PTRS_PER_TABLE];
            this.wp = new long[Geometry.PTRS_PER_TABLE / 64];
            this.ptes = null;
        }
    }

    /**
     * mremap moved this table whole ({@code move_pgt_entry}): it now maps from {@code newBase}, and
     * so do the tables below it, each at its offset.
     */
    void rebase(long newBase) {
        long delta = newBase - base;
        base = newBase;
        if (next != null) {
            for (PageTable below : next) {
                if (below != null) {
                    below.rebase(below.base + delta);
                }
            }
        }
    }

    /**
     * Entry {@code i} of this upper table, the table below it; a PMD table whose tables are
     * held as a run ({@link #hasRun}) gets them first, so that its entries can be read.
     */
    PageTable below(int i) {
        PageTable t = next[i];
        if (t != null && t.run != null) {
            t.run.make();
        }
        return t;
    }

    /** Whether this PMD table's 512 PTE tables are held as a run, not made yet. */
    boolean hasRun() {
        return run != null;
    }

    /** The run this PMD table's entries stand for, or null. */
    TableRun run() {
        return run;
    }

    /** First pfn the run's first table maps; see {@link #hasRun}. */
    int runFirstPfn() {
        return run.firstPfn;
    }

    /**
     * Makes every entry of this empty PMD table stand for a PTE table of id {@code idBase + i}
     * mapping the block of frames from {@code firstPfn + 512 i} whole, in order, writable or not,
     * private to this table's mm. The caller has counted the tables and the pages they map.
     */
    void setRun(long idBase, int firstPfn, boolean writable) {
        setRun(idBase, firstPfn, writable, false);
    }

    /** {@link #setRun}, the tables mapping shmem pages when {@code shmem}, else anonymous ones. */
    void setRun(long idBase, int firstPfn, boolean writable, boolean shmem) {
        new TableRun(idBase, firstPfn, writable, shmem).addSharer(sharer0, this);
    }

    /** The run's tables are gone (freed whole): this PMD table is empty. */
    void dropRun() {
        run = null;
    }

    /** This empty PMD table's entries stand for {@code r}'s tables from now on ({@link TableRun#addSharer}). */
    void holdRun(TableRun r) {
        run = r;
    }

    /** The run's tables all become read-only ({@link #wrprotectAll} on each); returns whether they were writable. */
    boolean wrprotectRun() {
        boolean was = run.writable;
        run.writable = false;
        return was;
    }

    /** The run's tables are made ({@link TableRun#make}): entry i points to table i, write-protected or not. */
    void madeRun(PageTable[] tables, boolean writeProtect) {
        run = null;
        for (int i = 0; i < tables.length; i++) {
            next[i] = tables[i];
            setWriteProtected(i, writeProtect);
        }
    }

    void addSharer(Mm mm) {
        if (sharerCount == 0) {
            sharer0 = mm;
        } else if (sharerCount == 1) {
            sharer1 = mm;
        } else {
            if (moreSharers == null) {
                moreSharers = new Mm[4];
            } else if (sharerCount - 2 == moreSharers.length) {
                moreSharers = java.util.Arrays.copyOf(moreSharers, moreSharers.length * 2);
            }
            moreSharers[sharerCount - 2] = mm;
        }
        sharerCount++;
    }

    void removeSharer(Mm mm) {
        int i = 0;
        while (i < sharerCount && sharer(i) != mm) {
            i++;
        }
        if (i == sharerCount) {
            throw new IllegalStateException(mm + " does not share " + label());
        }
        for (int j = i; j < sharerCount - 1; j++) {
            setSharer(j, sharer(j + 1));
        }
        setSharer(--sharerCount, null);
    }

    void clearSharers() {
        sharer0 = null;
        sharer1 = null;
        moreSharers = null;
        sharerCount = 0;
    }

    private Mm sharer(int i) {
        return i == 0 ? sharer0 : i == 1 ? sharer1 : moreSharers[i - 2];
    }

    private void setSharer(int i, Mm mm) {
        if (i == 0) {
            sharer0 = mm;
        } else if (i == 1) {
            sharer1 = mm;
        } else {
            moreSharers[i - 2] = mm;
        }
    }

    /** Whether the same mms, in the same order, point to both tables. */
    boolean sameSharers(PageTable other) {
        if (sharerCount != other.sharerCount) {
            return false;
        }
        for (int i = 0; i < sharerCount; i++) {
            if (sharer(i) != other.sharer(i)) {
                return false;
            }
        }
        return true;
    }

    /** The comm of each sharer, in order. */
    List<String> sharerComms() {
        String[] out = new String[sharerCount];
        for (int i = 0; i < sharerCount; i++) {
            out[i] = sharer(i).comm;
        }
        return List.of(out);
    }

    List<Mm> sharers() {
        List<Mm> l = new ArrayList<>(sharerCount);
        for (int i = 0; i < sharerCount; i++) {
            l.add(sharer(i));
        }
        return l;
    }

    boolean writeProtected(int index) {
        return (wp[index >>> 6] & (1L << index)) != 0;
    }

    void setWriteProtected(int index, boolean on) {
        if (on) {
            wp[index >>> 6] |= 1L << index;
        } else {
            wp[index >>> 6] &= ~(1L << index);
        }
    }

    /** Whether pmd entry {@code i} of this PMD table maps a 2 MiB page itself. */
    boolean huge(int i) {
        return huge != null && huge[i] != 0;
    }

    /** Huge pmd entry {@code i} (0 when the entry is not huge). */
    int hugeEntry(int i) {
        return huge == null ? 0 : huge[i];
    }

    /** Id of the PTE table deposited with huge entry {@code i}. */
    long depositId(int i) {
        return deposit[i];
    }

    /** Makes pmd entry {@code i} (which must point to no table) huge, or changes a huge one. */
    void setHuge(int i, int entry, long depositId) {
        if (next[i] != null) {
            throw new IllegalStateException(label() + " entry " + i + " points to a PTE table");
        }
        if (huge == null) {
            huge = new int[Geometry.PTRS_PER_TABLE];
            deposit = new long[Geometry.PTRS_PER_TABLE];
        }
        if (huge[i] == 0) {
            hugeCount++;
        }
        huge[i] = entry;
        deposit[i] = depositId;
    }

    /** Changes the bits of huge entry {@code i}, keeping its deposit. */
    void updateHuge(int i, int entry) {
        huge[i] = entry;
    }

    /** Clears huge pmd entry {@code i}. */
    void clearHuge(int i) {
        if (huge[i] != 0) {
            hugeCount--;
        }
        huge[i] = 0;
        deposit[i] = 0;
        if (hugeCount == 0) {
            huge = null;
            deposit = null;
        }
    }

    static int mkhuge(int pfn, boolean writable, boolean exclusive) {
        return (pfn << 3) | PRESENT | (writable ? WRITE : 0) | (exclusive && !writable ? HUGE_EXCLUSIVE : 0);
    }

    static int hugePfn(int entry) {
        return entry >>> 3;
    }

    /** A huge entry's page is exclusive to this mm ({@code PageAnonExclusive}): writable, or marked so. */
    static boolean hugeExclusive(int entry) {
        return (entry & (WRITE | HUGE_EXCLUSIVE)) != 0;
    }

    /** Entry {@code i} of this PTE table. */
    int pte(int i) {
        return ptes != null ? ptes[i] : mkpte(derivedFirst + i, derivedWritable);
    }

    /** A copy of this PTE table's entries, for checks that read them all. */
    int[] ptesCopy() {
        return ptes != null ? ptes.clone() : derivedPtes();
    }

    private int[] derivedPtes() {
        int[] a = new int[Geometry.PTRS_PER_TABLE];
        for (int k = 0; k < a.length; k++) {
            a[k] = mkpte(derivedFirst + k, derivedWritable);
        }
        return a;
    }

    /** Whether this PTE table's entries are derived from the block they map (it holds no array). */
    boolean derived() {
        return ptes == null && level == Level.PTE;
    }

    /**
     * Makes this PTE table's entries map the block of frames from {@code firstPfn} whole and in
     * order, all writable or all read-only: as 512 {@link #setPte} calls would, without an array.
     */
    void mapBlock(int firstPfn, boolean writable) {
        ptes = null;
        ptesShared = false;
        derivedFirst = firstPfn;
        derivedWritable = writable;
        mayBeWritable = writable;
        block = FrameTable.blockOfPfn(firstPfn);
    }

    /** Sets entry {@code i} of this PTE table. */
    void setPte(int i, int pte) {
        ownPtes()[i] = pte;
        if (exclusiveRo != null) {
            exclusiveRo[i >>> 6] &= ~(1L << i);
        }
        block = BLOCK_UNKNOWN;
        if (writable(pte)) {
            mayBeWritable = true;
        }
    }

    /** The entries of this PTE table as an array this table alone holds, for a loop that writes many. */
    int[] ptesForWrite() {
        block = BLOCK_UNKNOWN;
        mayBeWritable = true;
        return ownPtes();
    }

    private int[] ownPtes() {
        if (ptes == null) {
            ptes = derivedPtes();
            ptesShared = false;
        } else if (ptesShared) {
            ptes = ptes.clone();
            ptesShared = false;
        }
        return ptes;
    }

    /** Gives this PTE table the entries of {@code src}, in the same array until either is written. */
    void takePtesOf(PageTable src) {
        ptes = src.ptes;
        derivedFirst = src.derivedFirst;
        derivedWritable = src.derivedWritable;
        ptesShared = ptes != null;
        src.ptesShared = ptes != null;
        block = src.block;
        mayBeWritable = src.mayBeWritable;
    }

    /** Clears every entry of this PTE table. */
    void clearPtes() {
        ptes = NO_ENTRIES;
        exclusiveRo = null;
        ptesShared = true;
        block = BLOCK_UNKNOWN;
        mayBeWritable = false;
    }

    /**
     * The block of frames whose frame k entry k maps, for every k (present, writable or not),
     * or {@link #NOT_A_BLOCK}. Looked up once, then kept until an entry changes.
     */
    int wholeBlock() {
        if (block == BLOCK_UNKNOWN) {
            block = ptes == null ? FrameTable.blockOfPfn(derivedFirst) : FrameTable.wholeBlock(ptes);
        }
        return block;
    }

    /** How many entries are present (the zero page's included). */
    int presentEntries() {
        return wholeBlock() >= 0 ? Geometry.PTRS_PER_TABLE : presentEntries(0, Geometry.PTRS_PER_TABLE);
    }

    /** Whether any entry of this (upper-level) table is in use. */
    boolean hasEntries() {
        if (derived()) {
            return true;
        }
        if (ptes != null) {
            for (int e : ptes) {
                if (e != 0) {
                    return true;
                }
            }
            return false;
        }
        if (hugeCount > 0 || run != null) {
            return true;
        }
        for (PageTable t : next) {
            if (t != null) {
                return true;
            }
        }
        return false;
    }

    static boolean present(int pte) {
        return (pte & PRESENT) != 0;
    }

    static boolean writable(int pte) {
        return (pte & WRITE) != 0;
    }

    static int pfn(int pte) {
        return pte >>> 2;
    }

    static int mkpte(int pfn, boolean writable) {
        return (pfn << 2) | PRESENT | (writable ? WRITE : 0);
    }

    static int wrprotect(int pte) {
        return pte & ~WRITE;
    }

    /**
     * Clears the write bit of every entry of this PTE table, as fork does, and with it the
     * exclusivity of every page ({@link #exclusiveRo}). The zero page's entries never carry the
     * write bit, so all entries can be treated alike.
     *
     * @return whether an entry was writable (so a TLB flush is due)
     */
    boolean wrprotectAll() {
        exclusiveRo = null;
        if (!mayBeWritable) {
            return false;
        }
        mayBeWritable = false;
        if (ptes == null) {
            boolean was = derivedWritable;
            derivedWritable = false;
            return was;
        }
        for (int i = 0; i < ptes.length; i++) {
            if (writable(ptes[i])) {
                // the pfns stay as they were, so does the block they make
                int[] w = ownPtes();
                for (int j = i; j < w.length; j++) {
                    w[j] &= ~WRITE;
                }
                return true;
            }
        }
        return false;
    }

    /** Whether entry {@code i} is read-only with its anonymous page exclusive to this mm. */
    boolean exclusiveRo(int i) {
        return exclusiveRo != null && (exclusiveRo[i >>> 6] & (1L << i)) != 0;
    }

    /** Marks the read-only entry {@code i} as mapping an anonymous page exclusive to this mm. */
    void setExclusiveRo(int i) {
        if (exclusiveRo == null) {
            exclusiveRo = new long[Geometry.PTRS_PER_TABLE / 64];
        }
        exclusiveRo[i >>> 6] |= 1L << i;
    }

    /** Forgets the exclusivity of entries {@code from..to-1} (fork shares their pages, or a zap clears them). */
    void clearExclusiveRo(int from, int to) {
        if (exclusiveRo != null) {
            for (int i = from; i < to; i++) {
                exclusiveRo[i >>> 6] &= ~(1L << i);
            }
        }
    }

    /** How many of the entries {@code from..to-1} are present (the zero page's included). */
    int presentEntries(int from, int to) {
        if (ptes == null) {
            return to - from;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            n += ptes[i] & PRESENT;
        }
        return n;
    }

    /** Address mapped by entry {@code index} of this table. */
    long addressOf(int index, int levels) {
        return base + ((long) index << level.shift(levels));
    }

    /** Span of addresses this table maps. */
    long span(int levels) {
        return (long) Geometry.PTRS_PER_TABLE << level.shift(levels);
    }

    String label() {
        return level.label() + "#" + id;
    }
}
