package dev.cowpte.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** mshare as posted: the region's tables in its host mm, processes linking their pgd entry to them. */
class MshareTest {
    private static final long G = Sim.G;

    @Test
    void processesShareTheHostsTablesAndTheFirstFaultersPages() {
        Sim s = new Sim();
        Mm a = s.process("a");
        Mm b = s.process("b");
        Vma va = s.m.mmapMshare(a, "db", 512 * G, null, "M");
        Vma vb = s.m.mmapMshare(b, "db", 512 * G, null, "M");
        s.check();
        assertEquals(0, va.start() % (512 * G));
        s.touch(a, va.start(), G);
        assertEquals(G / Sim.PAGE, a.faults().all(), "the task counts the faults handled in the host vma");
        assertEquals(0, a.pgtablesBytes(), "the region's tables are the host's");
        assertEquals(0, a.rss(), "and so is its rss");
        int tables = s.m.tables(Level.PTE);
        s.read(b, vb.start(), G);
        assertEquals(0, b.faults().all(), "the link is no counted fault, and the pages are mapped");
        assertEquals(tables, s.m.tables(Level.PTE), "no table more");
        assertEquals(0, b.pgtablesBytes());
        s.m.write(b, vb.start() + 4096, 4096, 42);
        s.check();
        assertEquals(42, s.m.read(a, va.start() + 4096));
        Mm c = s.fork(b, "c", Sim.policy("classic"));
        assertEquals(42, s.m.read(c, vb.start() + 4096));
        assertEquals(0, c.faults().all());
        MmError part = assertThrows(MmError.class, () -> s.m.munmap(a, va.start(), G));
        assertTrue(part.getMessage().contains("cannot be split"), part.getMessage());
        s.exit(a);
        s.exit(b);
        assertTrue(s.m.tables(Level.PTE) > 0, "the region lives while c maps it");
        s.exit(c);
        assertEquals(0, s.m.tables(Level.PTE));
        assertEquals(0, s.m.dataPages());
    }

    @Test
    void aProcessReachesTheRegionsTablesThroughItsLinkedPgdEntry() {
        Sim s = new Sim();
        Mm a = s.process("a");
        Mm b = s.process("b");
        Vma va = s.m.mmapMshare(a, "db", 512 * G, null, "M");
        Vma vb = s.m.mmapMshare(b, "db", 512 * G, null, "M");
        s.touch(a, va.start(), 2 * G);
        assertEquals(0, s.m.tablesReached(b, Level.PTE), "b has not linked the region yet");
        s.read(b, vb.start(), 2 * G);
        // its pgd, the host's pud table it links, and the host's 2 pmd and 1,024 PTE tables below it
        assertEquals(1, s.m.tablesReached(b, Level.PGD));
        assertEquals(1, s.m.tablesReached(b, Level.PUD));
        assertEquals(2, s.m.tablesReached(b, Level.PMD));
        assertEquals(1024, s.m.tablesReached(b, Level.PTE));
        assertEquals(1024, s.m.inspector().summary(b).tables().get(Level.PTE), "the summary says the same");
        s.touch(a, va.start() + 2 * G, G);
        assertEquals(1536, s.m.tablesReached(b, Level.PTE), "what the host faults in later is reached too");
        assertEquals(0, b.pgtablesBytes(), "none of it is b's own");
    }

    @Test
    void theRegionIs512GibAlignedAndSized() {
        Sim s = new Sim();
        Mm a = s.process("a");
        MmError e = assertThrows(MmError.class, () -> s.m.mmapMshare(a, "db", 300 * G, null, "M"));
        assertTrue(e.getMessage().contains("512 GiB"), e.getMessage());
        s.m.mmapMshare(a, "db", 512 * G, null, "M");
        Mm b = s.process("b");
        MmError size = assertThrows(MmError.class, () -> s.m.mmapMshare(b, "db", 1024 * G, null, "M"));
        assertTrue(size.getMessage().contains("created with 512 GiB"), size.getMessage());
    }
}
