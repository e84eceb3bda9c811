package dev.cowpte.mm;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The simulator's {@code mm/hugetlb.c}: pools of huge pages, faults that map a whole huge page
 * ({@code hugetlb_fault}, {@code hugetlb_no_page}, {@code hugetlb_wp}), the copy at fork
 * ({@code copy_hugetlb_page_range}), unmapping ({@code __unmap_hugepage_range}), protection
 * changes ({@code hugetlb_change_protection}) and the sharing of PMD tables between processes
 * that map the same file range ({@code want_pmd_share}, {@code huge_pmd_share},
 * {@code huge_pmd_unshare}, {@code hugetlb_split}).
 *
 * <p>A 2 MiB page is mapped by an entry of a pmd table, a 1 GiB page by an entry of a pud table.
 * The entries are kept here, per table, beside the generic walks: those see a pmd table that
 * holds only hugetlb entries as a table with no PTE table and no huge PMD below, so zaps,
 * forks and views of anonymous memory pass them by, and this class handles every hugetlb vma
 * itself. A shared pmd table is one {@link PageTable} that several pud entries point to: its
 * refcount and sharers say who, as for a shared PTE table, and every sharer's
 * {@code pgtables_bytes} counts it ({@code mm_inc_nr_pmds}), while the machine counts it once.
 * Hugetlb pages are not in rss; each mm counts the pages its own faults and forks mapped
 * ({@code hugetlb_count_add}, {@code HugetlbPages}).
 */
final class Hugetlb {
    private final Machine m;
    private final HugetlbPool[] pools = {new HugetlbPool(HugePageSize.SIZE_2M), new HugetlbPool(HugePageSize.SIZE_1G)};
    /** The hugetlb entries of each table that holds some: a pmd table (2 MiB pages) or a pud table (1 GiB). */
    private final IdentityHashMap<PageTable, Leaf[]> leaves = new IdentityHashMap<>();
    private long nextFolioId = 1;
    /** The pmd tables that more than one pud entry points to now. */
    private final java.util.Set<PageTable> sharedPmds = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    /** One hugetlb entry: the folio it maps and whether it is writable. */
    record Leaf(HugetlbFolio folio, boolean writable) {
    }

    Hugetlb(Machine m) {
        this.m = m;
    }

    HugetlbPool pool(HugePageSize size) {
        return pools[size.ordinal()];
    }

    /** 4 KiB pages of RAM the pools hold, in use or not. */
    long poolPages() {
        long n = 0;
        for (HugetlbPool p : pools) {
            n += p.total * p.size.basePages();
        }
        return n;
    }

    /** Sets {@code nr_hugepages} of a size; the pool cannot shrink below the pages in use or reserved. */
    void setPool(HugePageSize size, long count) {
        HugetlbPool p = pool(size);
        if (count < 0) {
            throw new MmError("a hugetlb pool cannot have a negative number of pages");
        }
        long delta = count - p.total;
        if (delta < 0 && p.free + delta < p.reserved) {
            throw new MmError(String.format("the %s hugetlb pool cannot shrink to %d: %d pages are in use or reserved",
                    size.label(), count, p.inUse() + p.reserved));
        }
        if (delta > 0 && !m.hasRoomFor(delta * size.basePages())) {
            throw new MmError(String.format("a hugetlb pool of %d %s pages (%s) does not fit in the machine's memory",
                    count, size.label(), Sizes.format(count * size.bytes())));
        }
        p.total += delta;
        p.free += delta;
    }

    // ---- mmap: reservations (hugetlb_reserve_pages) ----

    /** The mapping a new hugetlb vma of {@code length} bytes gets, with its pages reserved, or a refusal. */
    HugetlbMapping reserve(HugePageSize size, boolean shared, long start, long length) {
        HugetlbPool p = pool(size);
        long pages = length / size.bytes();
        if (p.available() < pages) {
            throw p.exhausted("mmap of " + Sizes.format(length) + " hugetlb", pages);
        }
        HugetlbMapping mapping = new HugetlbMapping(size, shared);
        long first = shared ? 0 : start / size.bytes();
        for (long i = 0; i < pages; i++) {
            mapping.reserved.add(first + i);
        }
        p.reserved += pages;
        return mapping;
    }

    /** The owner's reservations over [start, end) of a private vma go back to the pool (its close). */
    void unreserve(Vma vma, long start, long end) {
        HugetlbMapping h = vma.hugetlb;
        if (h.shared) {
            return;
        }
        var range = h.reserved.subSet(start / h.size.bytes(), end / h.size.bytes());
        pool(h.size).reserved -= range.size();
        range.clear();
    }

    /** The file of a shared mapping is gone with its last vma: its pages and reservations go back to the pool. */
    void fileGone(HugetlbMapping h) {
        HugetlbPool p = pool(h.size);
        for (HugetlbFolio f : h.pages.values()) {
            put(f);
        }
        h.pages.clear();
        p.reserved -= h.reserved.size();
        h.reserved.clear();
    }

    private HugetlbFolio alloc(HugetlbPool p, boolean reserved, boolean anon, String what) {
        if (reserved) {
            p.reserved--;
        } else if (p.available() < 1) {
            throw p.exhausted(what, 1);
        }
        p.free--;
        return new HugetlbFolio(nextFolioId++, p.size, anon);
    }

    /** Drops one reference; the last one gives the page back to its pool ({@code free_huge_folio}). */
    private void put(HugetlbFolio f) {
        if (--f.refcount == 0) {
            pool(f.size).free++;
        }
    }

    // ---- the tables: hugetlb_walk, huge_pte_alloc, huge_pmd_share, huge_pmd_unshare ----

    private int pudIndex(long addr) {
        return PageTables.index(Level.PUD, addr, m.pageTables.levels());
    }

    private static long pudDown(long addr) {
        return addr & ~(Geometry.PUD_SIZE - 1);
    }

    /** The table whose entry maps the huge page at {@code addr} in mm, or null ({@code hugetlb_walk}). */
    private PageTable table(Mm mm, HugePageSize size, long addr) {
        PageTable pud = m.pageTables.pudTable(mm, addr, false);
        if (pud == null || size == HugePageSize.SIZE_1G) {
            return pud;
        }
        return pud.next[pudIndex(addr)];
    }

    private static int leafIndex(HugePageSize size, long addr) {
        return size == HugePageSize.SIZE_2M ? PageTables.pmdIndex(addr)
                : (int) ((addr >>> Geometry.PUD_SHIFT) & (Geometry.PTRS_PER_TABLE - 1));
    }

    Leaf leaf(Mm mm, HugePageSize size, long addr) {
        PageTable t = table(mm, size, addr);
        Leaf[] l = t == null ? null : leaves.get(t);
        return l == null ? null : l[leafIndex(size, addr)];
    }

    /** The hugetlb entries of table {@code t}, or null when it holds none. */
    Leaf[] leavesOf(PageTable t) {
        return leaves.get(t);
    }

    /**
     * {@code huge_pte_alloc}: the table for the huge page at {@code addr}, allocated where
     * missing. For a 2 MiB page whose pud entry is none, {@code want_pmd_share} first: when the
     * vma is shared and covers the whole 1 GiB-aligned range, {@code huge_pmd_share} looks for
     * another vma mapping the same file pages at the same offset within 1 GiB, with the same
     * flags, covering its own 1 GiB range, whose pmd table exists, and points the pud entry at it.
     */
    private PageTable tableAlloc(Mm mm, Vma vma, long addr) {
        HugePageSize size = vma.hugetlb.size;
        PageTable pud = m.pageTables.pudTable(mm, addr, true);
        if (size == HugePageSize.SIZE_1G) {
            return pud;
        }
        int i = pudIndex(addr);
        if (pud.next[i] == null && wantPmdShare(vma, addr)) {
            PageTable shared = findShareable(mm, vma, addr);
            if (shared != null) {
                pud.next[i] = shared;
                shared.refcount++;
                shared.addSharer(mm);
                sharedPmds.add(shared);
                mm.adjustReached(Level.PMD, 1);
                mm.pgtablesBytes += Geometry.PAGE_SIZE; // mm_inc_nr_pmds
                m.work.tablesShared++;
                return shared;
            }
        }
        return m.pageTables.pmdTable(mm, addr, true);
    }

    /** {@code want_pmd_share} / {@code vma_shareable}: a shared 2 MiB vma that covers the 1 GiB around addr. */
    static boolean wantPmdShare(Vma vma, long addr) {
        long base = pudDown(addr);
        return vma.shared && vma.hugetlb.size == HugePageSize.SIZE_2M
                && vma.start <= base && base + Geometry.PUD_SIZE <= vma.end;
    }

    /** The search of {@code huge_pmd_share} through the file's mappings ({@code page_table_shareable}). */
    private PageTable findShareable(Mm mm, Vma vma, long addr) {
        long idx = vma.shmemIndex(addr);
        for (Mm other : m.mms) {
            if (!other.alive) {
                continue;
            }
            for (Vma s : other.vmas.values()) {
                if (s == vma || s.hugetlb != vma.hugetlb) {
                    continue;
                }
                long saddr = s.start + ((idx - s.pgoff) << Geometry.PAGE_SHIFT);
                if (saddr < s.start || saddr >= s.end) {
                    continue;
                }
                long sbase = pudDown(saddr);
                if (PageTables.pmdIndex(saddr) != PageTables.pmdIndex(addr) || s.writable != vma.writable
                        || s.dontfork != vma.dontfork || sbase < s.start || sbase + Geometry.PUD_SIZE > s.end) {
                    continue;
                }
                PageTable spmd = table(other, HugePageSize.SIZE_2M, saddr);
                if (spmd != null) {
                    return spmd;
                }
            }
        }
        return null;
    }

    /**
     * {@code huge_pmd_unshare}: when mm's pmd table for the 1 GiB around {@code addr} is shared,
     * mm's pud entry is cleared and the table loses a reference ({@code mm_dec_nr_pmds}); the
     * other sharers keep it and its entries. Returns whether it was shared.
     */
    private boolean unshare(Mm mm, long addr) {
        PageTable pud = m.pageTables.pudTable(mm, addr, false);
        if (pud == null) {
            return false;
        }
        int i = pudIndex(addr);
        PageTable pmd = pud.next[i];
        if (pmd == null || pmd.refcount < 2) {
            return false;
        }
        pud.next[i] = null;
        pmd.refcount--;
        pmd.removeSharer(mm);
        if (pmd.refcount < 2) {
            sharedPmds.remove(pmd);
        }
        mm.adjustReached(Level.PMD, -1);
        mm.pgtablesBytes -= Geometry.PAGE_SIZE;
        m.work.tlbFlushes++;
        return true;
    }

    /** {@code hugetlb_unshare_pmds}: unshares every shared pmd table of mm over [start, end). */
    private void unsharePmds(Mm mm, long start, long end) {
        for (long a = pudDown(start); a < end; a += Geometry.PUD_SIZE) {
            unshare(mm, a);
        }
    }

    /**
     * A vma split at {@code addr} ({@code hugetlb_vm_op_split}, {@code hugetlb_split}): only at a
     * huge page boundary (else EINVAL); a split inside a 1 GiB range that the vma covers whole
     * unshares mm's pmd table there, as the parts can no longer share it.
     */
    void split(Mm mm, Vma vma, long addr) {
        HugePageSize size = vma.hugetlb.size;
        if ((addr & (size.bytes() - 1)) != 0) {
            throw new MmError(String.format("%#x is not aligned to the %s hugetlb page size of %s (EINVAL)", addr,
                    size.label(), vma.name));
        }
        if (size == HugePageSize.SIZE_2M && (addr & (Geometry.PUD_SIZE - 1)) != 0) {
            long floor = pudDown(addr);
            if (floor >= vma.start && floor + Geometry.PUD_SIZE <= vma.end) {
                unsharePmds(mm, floor, floor + Geometry.PUD_SIZE);
            }
        }
    }

    // ---- faults ----

    private void countFault(Mm mm) {
        mm.faults.all++;
        m.faults.all++;
    }

    /**
     * {@code hugetlb_fault}: the folio an access at {@code addr} reaches, faulting when the entry
     * does not allow it. A fault finds (or shares, or allocates) the table first; a 2 MiB page
     * another process already mapped in a table this fault shared needs nothing more: one fault
     * maps the whole 1 GiB of that table.
     */
    HugetlbFolio access(Mm mm, Vma vma, long addr, boolean write) {
        HugePageSize size = vma.hugetlb.size;
        Leaf l = leaf(mm, size, addr);
        if (l != null && (!write || l.writable())) {
            return l.folio();
        }
        countFault(mm);
        PageTable t = tableAlloc(mm, vma, addr);
        Leaf[] ls = leaves.computeIfAbsent(t, k -> new Leaf[Geometry.PTRS_PER_TABLE]);
        int i = leafIndex(size, addr);
        if (ls[i] == null) {
            ls[i] = noPage(mm, vma, addr, write);
        } else if (write && !ls[i].writable()) {
            ls[i] = wp(mm, vma, ls[i]);
        }
        return ls[i].folio();
    }

    /**
     * {@code hugetlb_no_page}: a shared mapping maps the file's page, allocated into its page
     * cache on first use from the file's reservation, writable as the vma is; a private one a new
     * anonymous page (the owner's reservation, else a free page), writable on a write (the
     * {@code hugetlb_wp} of the same fault reuses it), read-only on a read. The mm counts the page
     * in {@code HugetlbPages}.
     */
    private Leaf noPage(Mm mm, Vma vma, long addr, boolean write) {
        HugetlbMapping h = vma.hugetlb;
        HugetlbPool p = pool(h.size);
        long idx = h.index(vma, addr);
        String what = String.format("a fault at %#x in %s", addr, vma.name);
        HugetlbFolio f;
        boolean writable;
        if (h.shared) {
            f = h.pages.get(idx);
            if (f == null) {
                f = alloc(p, h.reserved.remove(idx), false, what);
                f.refcount = 1; // the page cache
                h.pages.put(idx, f);
            }
            writable = vma.writable;
        } else {
            f = alloc(p, h.reserved.remove(idx), true, what);
            vma.anon.prepare();
            writable = write;
        }
        f.mapcount++;
        f.refcount++;
        mm.hugetlbPages += h.size.basePages();
        return new Leaf(f, writable);
    }

    /**
     * {@code hugetlb_wp}: a write to a read-only private entry reuses its page when this entry is
     * the only mapping of it; else copies it into a new page from the pool (no reservation: the
     * kernel would then take it from the children of the owner, {@code unmap_ref_private}; the
     * simulator refuses the write instead).
     */
    private Leaf wp(Mm mm, Vma vma, Leaf old) {
        HugetlbFolio f = old.folio();
        if (f.anon && f.mapcount == 1) {
            return new Leaf(f, true);
        }
        HugetlbFolio copy = alloc(pool(f.size), false, true, "a copy on write in " + vma.name);
        copy.copyFrom(f);
        copy.mapcount = 1;
        copy.refcount = 1;
        f.mapcount--;
        put(f);
        long n = f.size.basePages();
        m.work.pagesCopied += n;
        m.deferred.pagesCopied += n;
        m.work.tlbFlushes++;
        mm.faults.cow++;
        m.faults.cow++;
        return new Leaf(copy, true);
    }

    /**
     * Accesses [start, end) of a hugetlb vma, a huge page at a time, storing {@code value} into
     * each 4 KiB page when {@code store}.
     */
    void accessRange(Mm mm, Vma vma, long start, long end, boolean write, boolean store, long value) {
        long size = vma.hugetlb.size.bytes();
        for (long a = start; a < end; ) {
            long base = a & ~(size - 1);
            long stop = Math.min(end, base + size);
            HugetlbFolio f = access(mm, vma, a, write);
            if (store) {
                f.store(a - base, stop - base, value);
            }
            a = stop;
        }
    }

    /** What a load at {@code addr} reads without faulting: the mapped page, the file's page, or 0. */
    long peek(Mm mm, Vma vma, long addr) {
        HugetlbMapping h = vma.hugetlb;
        long off = addr & (h.size.bytes() - 1);
        Leaf l = leaf(mm, h.size, addr);
        if (l != null) {
            return l.folio().value(off);
        }
        if (h.shared) {
            HugetlbFolio f = h.pages.get(h.index(vma, addr));
            return f == null ? 0 : f.value(off);
        }
        return 0;
    }

    // ---- unmap, protect, fork ----

    /**
     * {@code __unmap_hugepage_range} over [start, end) of a hugetlb vma: a shared pmd table is
     * unshared instead, for its whole 1 GiB ({@code huge_pmd_unshare}); else each entry is
     * cleared, its page loses a mapping and a reference, and mm's {@code HugetlbPages} the page
     * ({@code hugetlb_count_sub}).
     */
    void zap(Mm mm, Vma vma, long start, long end) {
        HugePageSize size = vma.hugetlb.size;
        forEachLeaf(mm, size, start, end, (t, ls, i) -> {
            HugetlbFolio f = ls[i].folio();
            ls[i] = null;
            f.mapcount--;
            put(f);
            mm.hugetlbPages -= size.basePages();
            m.work.pageUpdates++;
            dropIfEmpty(t, ls);
            return true;
        });
    }

    /** What {@link #forEachLeaf} does with one present entry; returns whether the TLB needs a flush. */
    private interface LeafAction {
        boolean apply(PageTable table, Leaf[] leaves, int index);
    }

    /**
     * Each present hugetlb entry of mm in [start, end), a shared pmd table unshared instead for its
     * whole 1 GiB ({@code huge_pmd_unshare}, which flushes itself); one TLB flush at the end when
     * an action asks for it.
     */
    private void forEachLeaf(Mm mm, HugePageSize size, long start, long end, LeafAction action) {
        boolean flushed = false;
        for (long a = start; a < end; ) {
            if (size == HugePageSize.SIZE_2M && unshare(mm, a)) {
                a = pudDown(a) + Geometry.PUD_SIZE;
                continue;
            }
            PageTable t = table(mm, size, a);
            Leaf[] ls = t == null ? null : leaves.get(t);
            int i = leafIndex(size, a);
            if (ls != null && ls[i] != null) {
                flushed |= action.apply(t, ls, i);
            }
            a += size.bytes();
        }
        if (flushed) {
            m.work.tlbFlushes++;
        }
    }

    private void dropIfEmpty(PageTable t, Leaf[] ls) {
        for (Leaf l : ls) {
            if (l != null) {
                return;
            }
        }
        leaves.remove(t);
    }

    /**
     * {@code hugetlb_change_protection}: a shared pmd table is unshared for its whole 1 GiB; read-only
     * clears the write bit of each entry; read-write gives it back to a shared mapping's entries
     * only: a private mapping's protection has no write bit, so its next write takes a fault.
     */
    void protect(Mm mm, Vma vma, long start, long end, boolean writable) {
        forEachLeaf(mm, vma.hugetlb.size, start, end, (t, ls, i) -> {
            Leaf l = ls[i];
            if (!writable && l.writable()) {
                ls[i] = new Leaf(l.folio(), false);
                return true;
            }
            if (writable && !l.writable() && vma.shared) {
                ls[i] = new Leaf(l.folio(), true);
            }
            return false;
        });
    }

    /** The child's mapping of a private hugetlb vma: no reservations ({@code hugetlb_dup_vma_private}). */
    HugetlbMapping dupVmaPrivate(Vma parent) {
        return parent.shared ? parent.hugetlb : new HugetlbMapping(parent.hugetlb.size, false);
    }

    /**
     * {@code copy_hugetlb_page_range} for a private hugetlb vma that has pages: each entry is
     * copied into a table of the child's own, both write-protected (copy on write per huge page),
     * the page's mapcount and reference +1, the child's {@code HugetlbPages} +1 page. Shared
     * hugetlb vmas are not copied (no anon_vma, {@code vma_needs_copy}).
     */
    void copy(Mm parent, Mm child, Vma vma) {
        HugePageSize size = vma.hugetlb.size;
        boolean flushed = false;
        for (long a = vma.start; a < vma.end; a += size.bytes()) {
            PageTable src = table(parent, size, a);
            Leaf[] sls = src == null ? null : leaves.get(src);
            int i = leafIndex(size, a);
            if (sls == null || sls[i] == null) {
                continue;
            }
            Leaf l = sls[i];
            if (l.writable()) {
                sls[i] = new Leaf(l.folio(), false);
                flushed = true;
            }
            PageTable dst = size == HugePageSize.SIZE_1G ? m.pageTables.pudTable(child, a, true)
                    : m.pageTables.pmdTable(child, a, true);
            leaves.computeIfAbsent(dst, k -> new Leaf[Geometry.PTRS_PER_TABLE])[i] = new Leaf(l.folio(), false);
            l.folio().mapcount++;
            l.folio().refcount++;
            child.hugetlbPages += size.basePages();
            m.work.entriesCopied++;
            m.work.pageUpdates++;
        }
        if (flushed) {
            m.work.tlbFlushes++;
        }
    }

    /** References to shared pmd tables beyond the first of each: what per-mm accounts count more than the machine. */
    long sharedPmdExtraReferences() {
        long n = 0;
        for (PageTable t : sharedPmds) {
            n += t.refcount - 1;
        }
        return n;
    }

    /** Pages of the pool of {@code size} in use (mapped, in a file's page cache). */
    long inUse(HugePageSize size) {
        return pool(size).inUse();
    }

    Map<PageTable, Leaf[]> allLeaves() {
        return leaves;
    }
}
