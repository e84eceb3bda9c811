package dev.cowpte.mm;

import static dev.cowpte.mm.Sim.K;
import static dev.cowpte.mm.Sim.M;
import static dev.cowpte.mm.Sim.PAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Regular files in the page cache and their mappings: the numbers measured on Linux 6.18 (ext4,
 * a 64 MiB file in the cache), and the same loads under every policy.
 */
class FileMappingTest {
    private static final long BASE = 0x2000_0000_0000L;
    private static final long SIZE = 64 * M;

    private static Vma mapFile(Sim s, Mm p, String file, long len, MapFlag... flags) {
        Vma v = s.m.mmapFile(p, "lib", len, BASE, flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags), file);
        s.check();
        return v;
    }

    @Test
    void aFilesPagesAreInTheCacheFromTheStartAndStayWhenUnmapped() {
        Sim s = new Sim();
        long before = s.m.memoryInUse();
        s.m.createFile("data", SIZE);
        assertEquals(SIZE, s.m.memoryInUse() - before);
        Mm p = s.process("p");
        mapFile(s, p, "data", SIZE);
        s.read(p, BASE, SIZE);
        assertEquals(SIZE / PAGE, p.rssFile());
        s.munmap(p, BASE, SIZE / 2);
        assertEquals(SIZE / PAGE / 2, p.rssFile());
        s.exit(p);
        assertEquals(SIZE / PAGE, s.m.dataPages(), "the cache keeps the file");
    }

    @Test
    void aWriteTouchOfAPrivateMappingCopiesEachPageOfTheFileIntoAnonymousMemory() {
        Sim s = new Sim();
        s.m.createFile("data", 4 * M);
        Mm p = s.process("p");
        mapFile(s, p, "data", 4 * M);
        long copied = s.m.work().pagesCopied();
        s.touch(p, BASE, 4 * M);
        // do_cow_fault, page by page: each page a copy of the file's, one fault each
        assertEquals(1024, s.m.work().pagesCopied() - copied);
        assertEquals(1024, p.faults().all());
        assertEquals(1024, p.rssAnon());
        assertEquals(0, p.rssFile());
    }

    @Test
    void aReadFaultMapsSixteenCachedPages() {
        Sim s = new Sim();
        s.m.createFile("data", SIZE);
        Mm p = s.process("p");
        mapFile(s, p, "data", SIZE);
        s.read(p, BASE, SIZE);
        assertEquals(1024, p.faults().all(), "64 MiB / 64 KiB of fault-around");
        assertEquals(0, p.rssAnon());
    }

    @Test
    void aChildForkedBeforeAnyWriteHasNoTablesAndFaultsItsPagesIn() {
        Sim s = new Sim();
        s.m.createFile("data", SIZE);
        Mm p = s.process("p");
        mapFile(s, p, "data", SIZE);
        s.read(p, BASE, SIZE);
        Mm c = s.fork(p, "c", ForkPolicies.CLASSIC);
        assertEquals(0, c.rss());
        assertEquals(0, c.pgtablesBytes(), "fork copied no table of the mapping");
        s.read(c, BASE, SIZE);
        assertEquals(1024, c.faults().all());
    }

    @Test
    void afterOneWriteTheNextChildGetsEveryTableAndReadsWithoutAFault() {
        Sim s = new Sim();
        s.m.createFile("data", SIZE);
        Mm p = s.process("p");
        mapFile(s, p, "data", SIZE);
        s.read(p, BASE, SIZE);
        for (long a = BASE; a < BASE + SIZE; a += 16 * PAGE) {
            s.write(p, a, 7);
        }
        assertEquals(SIZE / PAGE / 16, p.rssAnon());
        assertEquals(SIZE / PAGE - SIZE / PAGE / 16, p.rssFile());
        assertEquals(0, s.m.peek(p, BASE + PAGE), "the file's page holds 0");
        assertEquals(7, s.m.peek(p, BASE));
        Mm c = s.fork(p, "c", ForkPolicies.CLASSIC);
        assertEquals(136 * K, c.pgtablesBytes(), "32 PTE tables, a pmd and a pud table");
        s.read(c, BASE, SIZE);
        assertEquals(0, c.faults().all());
        assertEquals((SIZE - 4 * M) / PAGE, c.rssFile(), "RssFile 4 MiB smaller: those pages are anonymous now");
    }

    @Test
    void sharedWritesReachTheFileAndEveryProcessThatMapsIt() {
        Sim s = new Sim();
        s.m.createFile("data", 2 * M);
        Mm p = s.process("p");
        Mm q = s.process("q");
        mapFile(s, p, "data", 2 * M, MapFlag.SHARED);
        mapFile(s, q, "data", 2 * M);
        s.read(p, BASE, PAGE);
        s.write(p, BASE, 5);
        assertEquals(2, p.faults().all(), "a read, then the write-notify fault on the read-only page");
        assertEquals(5, s.m.peek(q, BASE));
        assertEquals(0, p.rssAnon());
        s.write(q, BASE, 6);
        assertEquals(5, s.m.peek(p, BASE), "a private write copies the page");
        assertEquals(1, q.rssAnon());
    }

    @Test
    void aMappingPastTheFilesEndIsRefused() {
        Sim s = new Sim();
        s.m.createFile("data", M);
        Mm p = s.process("p");
        assertThrows(MmError.class, () -> s.m.mmapFile(p, "lib", 2 * M, BASE, Set.of(), "data"));
        assertThrows(MmError.class, () -> s.m.mmapFile(p, "lib", M, BASE, Set.of(), "nothing"));
        assertThrows(MmError.class, () -> s.m.createFile("data", M));
    }

    static Iterable<ForkPolicy> policies() {
        return ForkPolicies.all();
    }

    @ParameterizedTest
    @MethodSource("policies")
    void everyPolicyKeepsTheValuesAndTheInvariants(ForkPolicy policy) {
        Sim s = new Sim();
        s.m.createFile("data", 4 * M);
        Mm p = s.process("p");
        mapFile(s, p, "data", 4 * M);
        s.read(p, BASE, 4 * M);
        s.write(p, BASE + 3 * PAGE, 9);
        Mm c = s.fork(p, "c", policy);
        s.read(c, BASE, 4 * M);
        s.write(c, BASE + 5 * PAGE, 4);
        s.write(p, BASE + 2 * M, 3);
        assertEquals(9, s.m.peek(c, BASE + 3 * PAGE));
        assertEquals(0, s.m.peek(p, BASE + 5 * PAGE));
        assertEquals(4, s.m.peek(c, BASE + 5 * PAGE));
        assertEquals(0, s.m.peek(c, BASE + 2 * M));
        s.munmap(c, BASE, 2 * M);
        s.exit(p);
        s.exit(c);
        assertEquals(4 * M / PAGE, s.m.dataPages());
    }
}
