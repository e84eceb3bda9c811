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
 */
final class PageTable {
    static final int PRESENT = 1;
    static final int WRITE = 2;

    final Level level;
    final long id;
    /** First virtual address this table maps. */
    final long base;
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

    final PageTable[] next;
    private final long[] wp;
    final int[] ptes;

    PageTable(Level level, long id, long base) {
        this.level = level;
        this.id = id;
        this.base = base;
        if (level == Level.PTE) {
            this.next = null;
            this.wp = null;
            this.ptes = new int[Geometry.PTRS_PER_TABLE];
        } else {
            this.next = new PageTable[Geometry.PTRS_PER_TABLE];
            this.wp = new long[Geometry.PTRS_PER_TABLE / 64];
            this.ptes = null;
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

    /** Whether any entry of this (upper-level) table is in use. */
    boolean hasEntries() {
        if (ptes != null) {
            for (int e : ptes) {
                if (e != 0) {
                    return true;
                }
            }
            return false;
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
