package dev.cowpte.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A small driver for tests: every operation is followed by a check of all invariants. */
final class Sim {
    static final long K = 1024;
    static final long M = 1024 * K;
    static final long G = 1024 * M;
    static final long PAGE = Geometry.PAGE_SIZE;

    final Machine m;

    Sim() {
        this(MachineConfig.defaults());
    }

    Sim(MachineConfig config) {
        this.m = new Machine(config);
    }

    void check() {
        List<String> v = m.checkInvariants();
        assertEquals(List.of(), v, "invariants");
    }

    Mm process(String name) {
        Mm p = m.createProcess(name);
        check();
        return p;
    }

    Vma mmap(Mm p, String name, long len, MapFlag... flags) {
        Vma v = m.mmap(p, name, len, null, flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags));
        check();
        return v;
    }

    Vma mmapAt(Mm p, String name, long at, long len, MapFlag... flags) {
        Vma v = m.mmap(p, name, len, at, flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags));
        check();
        return v;
    }

    void touch(Mm p, long start, long len) {
        m.touch(p, start, len, true);
        check();
    }

    void read(Mm p, long start, long len) {
        m.touch(p, start, len, false);
        check();
    }

    void write(Mm p, long addr, long value) {
        m.write(p, addr, PAGE, value);
        check();
    }

    Mm fork(Mm p, String name, ForkPolicy policy) {
        Mm c = m.fork(p, name, policy);
        check();
        return c;
    }

    void exit(Mm p) {
        m.exit(p);
        check();
    }

    void munmap(Mm p, long start, long len) {
        m.munmap(p, start, len);
        check();
    }

    int refcount(Mm p, long addr) {
        return m.inspector().pteRefcount(p, addr);
    }

    int mapcount(Mm p, long addr) {
        return m.inspector().mapcount(p, addr);
    }

    long value(Mm p, long addr) {
        return m.peek(p, addr);
    }

    /** Every policy of the registry, by name: what the edge-case tests run under. */
    static java.util.List<String> policyNames() {
        return ForkPolicies.names();
    }

    /** The policies that share PTE tables at fork (the copy-on-write page-table family). */
    static java.util.List<String> sharingPolicyNames() {
        return ForkPolicies.all().stream().filter(p -> p instanceof SharedPteFork).map(ForkPolicy::name).toList();
    }

    static ForkPolicy policy(String name) {
        return ForkPolicies.byName(name).orElseThrow();
    }
}
