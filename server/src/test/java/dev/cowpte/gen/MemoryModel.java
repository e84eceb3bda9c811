package dev.cowpte.gen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every process must see under Linux's semantics, computed without the simulator: page by
 * page, the value a load returns, whether an access is a SIGSEGV, and what fork, munmap,
 * mprotect and madvise do to it. It knows nothing of page tables, so it holds for every fork
 * policy: private memory is copied at fork, {@code shared} memory is one object, a
 * {@code wipeonfork} page comes to the child as zero, a {@code dontfork} page does not come at
 * all, {@code dontneed} zeroes private pages and keeps shared ones.
 *
 * <p>Pages are keyed by a page number: the real one for regions placed with {@code at}, and a
 * made-up one, far from those, for regions the machine places top-down (the model never needs
 * their addresses, only that they do not overlap anything).
 */
final class MemoryModel {

    /** The object behind a {@code MAP_SHARED} mapping: every process that maps it sees these values. */
    static final class Shmem {
        final long[] values;

        Shmem(int pages) {
            values = new long[pages];
        }
    }

    /** One mapped page of one process. */
    static final class Page {
        long value;          // private pages only
        Shmem shmem;         // shared pages: the object and the page's index in it
        int index;
        boolean writable;
        boolean dontfork;
        boolean wipeonfork;
        int pins;

        long load() {
            return shmem == null ? value : shmem.values[index];
        }

        void store(long v) {
            if (shmem == null) {
                value = v;
            } else {
                shmem.values[index] = v;
            }
        }

        Page copyForChild() {
            Page c = new Page();
            c.value = wipeonfork ? 0 : value;
            c.shmem = shmem;
            c.index = index;
            c.writable = writable;
            c.wipeonfork = wipeonfork;
            return c;
        }
    }

    /** A region's name in a process: the pages it named when it was mapped, mapped now or not. */
    record Region(String name, long start, int pages, boolean shared) {
        long key(int page) {
            return start + page;
        }
    }

    static final class Proc {
        final String name;
        final TreeMap<Long, Page> pages = new TreeMap<>();
        final Map<String, Region> regions = new LinkedHashMap<>();
        /** Whether any address it named is free again, so a top-down mmap could land on it. */
        boolean holes;

        Proc(String name) {
            this.name = name;
        }

        Page page(Region r, int i) {
            return pages.get(r.key(i));
        }

        boolean mapped(Region r, int i) {
            return page(r, i) != null;
        }

        boolean allMapped(Region r, int from, int to) {
            for (int i = from; i < to; i++) {
                if (!mapped(r, i)) {
                    return false;
                }
            }
            return true;
        }
    }

    final Map<String, Proc> live = new LinkedHashMap<>();

    Proc process(String name) {
        Proc p = new Proc(name);
        live.put(name, p);
        return p;
    }

    void mmap(Proc p, String name, long start, int pages, boolean shared, boolean readonly, boolean dontfork,
              boolean wipeonfork) {
        Region r = new Region(name, start, pages, shared);
        p.regions.put(name, r);
        Shmem shmem = shared ? new Shmem(pages) : null;
        for (int i = 0; i < pages; i++) {
            Page page = new Page();
            page.shmem = shmem;
            page.index = i;
            page.writable = !readonly;
            page.dontfork = dontfork;
            page.wipeonfork = wipeonfork;
            p.pages.put(r.key(i), page);
        }
    }

    /**
     * Accesses pages [from, to) of r in order, as touch, write and read do; returns the index of
     * the page that faults (the process is then dead) or -1.
     */
    int access(Proc p, Region r, int from, int to, boolean write, long value) {
        for (int i = from; i < to; i++) {
            Page page = p.page(r, i);
            if (page == null || (write && !page.writable)) {
                live.remove(p.name);
                return i;
            }
            if (write) {
                page.store(value);
            }
        }
        return -1;
    }

    /** The first page of [from, to) whose access would fault, or -1; changes nothing. */
    static int wouldFault(Proc p, Region r, int from, int to, boolean write) {
        for (int i = from; i < to; i++) {
            Page page = p.page(r, i);
            if (page == null || (write && !page.writable)) {
                return i;
            }
        }
        return -1;
    }

    void munmap(Proc p, Region r, int from, int to) {
        for (int i = from; i < to; i++) {
            p.pages.remove(r.key(i));
        }
        p.holes = true;
    }

    void mprotect(Proc p, Region r, int from, int to, boolean writable) {
        for (int i = from; i < to; i++) {
            p.page(r, i).writable = writable;
        }
    }

    void madvise(Proc p, Region r, int from, int to, String advice) {
        for (int i = from; i < to; i++) {
            Page page = p.page(r, i);
            switch (advice) {
                case "dontneed" -> {
                    if (page.shmem == null) {
                        page.value = 0;
                    }
                    page.pins = 0;
                }
                case "dontfork" -> page.dontfork = true;
                case "dofork" -> page.dontfork = false;
                case "wipeonfork" -> page.wipeonfork = true;
                case "keeponfork" -> page.wipeonfork = false;
                default -> throw new IllegalArgumentException(advice);
            }
        }
    }

    void pin(Proc p, Region r, int from, int to, int delta) {
        for (int i = from; i < to; i++) {
            p.page(r, i).pins += delta;
        }
    }

    Proc fork(Proc parent, String childName) {
        Proc child = process(childName);
        child.regions.putAll(parent.regions);
        child.holes = true;
        for (Map.Entry<Long, Page> e : parent.pages.entrySet()) {
            if (!e.getValue().dontfork) {
                child.pages.put(e.getKey(), e.getValue().copyForChild());
            }
        }
        return child;
    }

    void exit(Proc p) {
        live.remove(p.name);
    }

    List<Proc> liveProcesses() {
        return new ArrayList<>(live.values());
    }
}
