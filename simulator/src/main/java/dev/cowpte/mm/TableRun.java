package dev.cowpte.mm;

import java.util.ArrayList;
import java.util.List;

/**
 * The 512 alike PTE tables of one GiB that one or more pmd tables stand for without making them
 * (a run of tables; storage, not semantics). Table i has id {@code idBase + i}, maps the block
 * of frames from {@code firstPfn + 512 i} whole and in order, all writable or all read-only,
 * holds 512 anonymous pages, and is reached by the same mms in the same order: its refcount is
 * how many. A run that one pmd table reaches and no fork shared ({@link #sharedBy} null) is
 * private to that pmd table's mm, its entries not write-protected (what a write touch of a whole
 * GiB leaves, and a classic copy of one). A run a sharing policy's fork shared
 * ({@link ForkPolicy#sharesPteTablesAtFork}) is reached by the pmd table of every sharer, each
 * of whose 512 pmd entries is write-protected, with the owner the policy charges; async-fork
 * marks the parent's private run pending the same way, with itself as the only sharer.
 *
 * <p>{@link #make} makes the 512 tables, as they would be page by page, in every sharer's pmd
 * table at once: whatever reads or changes one of them ({@link PageTable#below}) gets them made
 * first.
 */
final class TableRun {
    final long idBase;
    final int firstPfn;
    /** Whether the entries of the tables are writable. */
    boolean writable;
    /** Whether the tables map shmem pages (a {@code MAP_SHARED} anonymous mapping), not anonymous ones. */
    final boolean shmem;
    /** The policy whose fork shared or deferred the tables, its pmd entries write-protected; null: private. */
    ForkPolicy sharedBy;
    /** The mm whose counters carry the tables, under owner accounting; null when none. */
    Mm owner;
    /** The mms that reach the tables, in the order they came, and the pmd table of each. */
    private final List<Mm> mms = new ArrayList<>(2);
    private final List<PageTable> pmds = new ArrayList<>(2);

    TableRun(long idBase, int firstPfn, boolean writable, boolean shmem) {
        this.idBase = idBase;
        this.firstPfn = firstPfn;
        this.writable = writable;
        this.shmem = shmem;
    }

    /** How many mms reach the tables: each table's refcount. */
    int refcount() {
        return mms.size();
    }

    /** mm's pmd table {@code pmd} (empty) reaches the 512 tables from now on: one more sharer. */
    void addSharer(Mm mm, PageTable pmd) {
        mms.add(mm);
        pmds.add(pmd);
        pmd.holdRun(this);
    }

    /** mm's pmd table {@code pmd} no longer reaches the tables: one sharer fewer, and the pmd table is empty. */
    void removeSharer(Mm mm, PageTable pmd) {
        int i = pmds.indexOf(pmd);
        if (i < 0 || mms.get(i) != mm) {
            throw new IllegalStateException(mm + " does not reach this run through " + pmd);
        }
        mms.remove(i);
        pmds.remove(i);
        pmd.dropRun();
    }

    /** The commands of the mms that reach the tables, in the order they came. */
    List<String> sharerComms() {
        List<String> out = new ArrayList<>(mms.size());
        for (Mm mm : mms) {
            out.add(mm.comm);
        }
        return out;
    }

    /** Whether the tables' pmd entries are write-protected: a policy shared or deferred them. */
    boolean writeProtected() {
        return sharedBy != null;
    }

    /**
     * Makes the 512 tables and puts them in every sharer's pmd table, write-protected there when
     * the run is, with the refcount, sharers, owner and policy each table would have.
     */
    void make() {
        long base = pmds.get(0).base;
        PageTable[] tables = new PageTable[Geometry.PTRS_PER_TABLE];
        for (int i = 0; i < tables.length; i++) {
            PageTable t = new PageTable(Level.PTE, idBase + i, base + ((long) i << Geometry.PMD_SHIFT));
            t.refcount = mms.size();
            for (Mm mm : mms) {
                t.addSharer(mm);
            }
            t.sharedBy = sharedBy;
            t.owner = owner;
            if (shmem) {
                t.shmemPages = Geometry.PTRS_PER_TABLE;
            } else {
                t.anonPages = Geometry.PTRS_PER_TABLE;
            }
            t.mapBlock(firstPfn + i * Geometry.PTRS_PER_TABLE, writable);
            tables[i] = t;
        }
        for (PageTable pmd : pmds) {
            pmd.madeRun(tables, writeProtected());
        }
    }
}
