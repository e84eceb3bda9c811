package dev.cowpte.mm;

/** Page faults taken: all, cow (a page copied), zero (zero page mapped), table (a COW PTE table broken). */
public final class FaultCounters {
    long all;
    long cow;
    long zero;
    long table;

    public long all() {
        return all;
    }

    public long cow() {
        return cow;
    }

    public long zero() {
        return zero;
    }

    public long table() {
        return table;
    }

    public FaultCounters snapshot() {
        FaultCounters c = new FaultCounters();
        c.all = all;
        c.cow = cow;
        c.zero = zero;
        c.table = table;
        return c;
    }

    @Override
    public String toString() {
        return "faults " + all + " (cow " + cow + ", zero " + zero + ", table " + table + ")";
    }
}
