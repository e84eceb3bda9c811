package dev.cowpte.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.mm.TableSharing.Mechanism;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The view of who shares which page tables: a fork policy, hugetlb PMD sharing, mshare, or none. */
class TableSharingTest {
    private static final long M = Sim.M;
    private static final long G = Sim.G;
    private static final long BOUNDARY = 0x7e00_0000_0000L;

    private static TableSharing.Process process(TableSharing t, String comm) {
        return t.processes().stream().filter(p -> p.comm().equals(comm)).findFirst().orElseThrow();
    }

    private static long tables(TableSharing.Tables t, Level level) {
        return t.count(level);
    }

    @Test
    void eachMechanismIsToldApartMachineWideAndPerProcess() {
        Sim s = new Sim();
        s.m.setHugetlbPool(HugePageSize.SIZE_2M, 512);
        // hugetlb: a shared GiB at a GiB boundary, read by a child: one pmd table for both
        Mm hp = s.process("hp");
        Vma hbuf = s.mmapAt(hp, "h", BOUNDARY, G, MapFlag.SHARED, MapFlag.HUGETLB);
        s.touch(hp, hbuf.start(), G);
        Mm hc = s.fork(hp, "hc", Sim.policy("classic"));
        s.read(hc, hbuf.start(), G);
        // a fork policy: 2 MiB of private memory forked under cow-pte: one PTE table for both
        Mm ap = s.process("ap");
        Vma abuf = s.mmap(ap, "a", 2 * M);
        s.touch(ap, abuf.start(), 2 * M);
        s.fork(ap, "ac", Sim.policy("cow-pte"));
        // mshare: a region two processes map, 2 MiB of it touched by one and read by the other
        Mm ma = s.process("ma");
        Mm mb = s.process("mb");
        Vma va = s.m.mmapMshare(ma, "db", 512 * G, null, "M");
        Vma vb = s.m.mmapMshare(mb, "db", 512 * G, null, "M");
        s.touch(ma, va.start(), 2 * M);
        s.read(mb, vb.start(), 2 * M);
        int[] before = {s.m.tables(Level.PTE), s.m.tables(Level.PMD)};

        TableSharing t = s.m.inspector().tableSharing();
        s.check();
        assertEquals(before[0], s.m.tables(Level.PTE), "the view changes nothing");
        assertEquals(before[1], s.m.tables(Level.PMD));

        assertEquals(1, tables(t.machine(Mechanism.HUGE_PMD_SHARE), Level.PMD));
        assertEquals(1, t.machine(Mechanism.HUGE_PMD_SHARE).count());
        assertEquals(1, tables(t.machine(Mechanism.FORK_POLICY), Level.PTE));
        assertEquals(1, t.machine(Mechanism.FORK_POLICY).count());
        assertEquals(Map.of(Level.PGD, 1L, Level.P4D, 0L, Level.PUD, 1L, Level.PMD, 1L, Level.PTE, 1L),
                t.machine(Mechanism.MSHARE).perLevel(), "the host mm's pgd, pud, pmd and PTE table");
        for (Level l : Level.values()) {
            long sum = 0;
            for (Mechanism k : Mechanism.values()) {
                sum += t.machine(k).count(l);
            }
            assertEquals(s.m.tables(l), sum, "the four parts make the machine's " + l.label() + " tables");
            assertTrue(t.machine(Mechanism.NONE).count(l) >= 0);
        }
        assertEquals(s.m.pageTablesBytes(), t.machine().bytes());

        assertEquals(1, tables(process(t, "hp").shared(Mechanism.HUGE_PMD_SHARE), Level.PMD));
        assertEquals(1, tables(process(t, "hc").shared(Mechanism.HUGE_PMD_SHARE), Level.PMD));
        assertEquals(1, tables(process(t, "ap").shared(Mechanism.FORK_POLICY), Level.PTE));
        assertEquals(1, tables(process(t, "ac").shared(Mechanism.FORK_POLICY), Level.PTE));
        TableSharing.Process b = process(t, "mb");
        assertEquals(3, b.shared(Mechanism.MSHARE).count(), "the host's pud, pmd and PTE table");
        assertEquals(4, b.reached().count(), "its own pgd and the three it reaches through mshare");
        assertEquals(4 * Geometry.PAGE_SIZE, b.noSharing().bytes());
        assertEquals(Geometry.PAGE_SIZE, b.pgtablesBytes() + Geometry.PAGE_SIZE, "mshare's tables are charged to the host");
        assertEquals(1, b.shared(Mechanism.NONE).count(), "its pgd");

        long sum = 0;
        for (TableSharing.Process p : t.processes()) {
            sum += p.noSharing().count();
        }
        assertEquals(sum, t.noSharing().count());
        // with no sharing: hugetlb's pmd table and cow-pte's PTE table once more each; the host's
        // pgd, pud, pmd and PTE table become a pud, a pmd and a PTE table of each of ma and mb
        assertEquals(t.machine().count() + 1 + 1 + (6 - 4), t.noSharing().count());
    }

    @Test
    void classicForkSharesNoTableAndAHugePmdsDepositIsPrivate() {
        Sim s = new Sim(MachineConfig.defaults().withThp(Thp.ALWAYS));
        Mm p = s.process("p");
        Vma buf = s.mmap(p, "buf", 4 * M);
        s.touch(p, buf.start(), 4 * M);
        s.fork(p, "c", Sim.policy("classic"));
        TableSharing t = s.m.inspector().tableSharing();
        assertEquals(0, t.machine(Mechanism.FORK_POLICY).count());
        assertEquals(2, process(t, "c").deposited(), "two huge PMDs, each with its deposited table");
        assertEquals(t.machine().count(), t.machine(Mechanism.NONE).count());
        assertEquals(t.machine().count(), t.noSharing().count(), "nothing shared: the same with no sharing");
        assertEquals(s.m.pageTablesBytes(), t.noSharing().bytes());
    }
}
