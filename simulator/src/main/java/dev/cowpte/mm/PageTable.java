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
    /** The mms whose upper entry points here, one per reference. */
    final List<Mm> sharers = new ArrayList<>(1);
    /** The mm whose counters carry this shared table (owner accounting); null when none. */
    Mm owner;
    /** The policy that shared this table at fork; null for a table that was never shared. */
    ForkPolicy sharedBy;

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
