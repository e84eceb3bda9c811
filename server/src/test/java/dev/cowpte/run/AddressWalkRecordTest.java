package dev.cowpte.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cowpte.mm.Level;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Walks recorded with the source range of the address that asked for them; rss before a statement. */
class AddressWalkRecordTest {
    private static final String TEXT = """
            policy cow-pte
            process p
            mmap p buf 4M
            touch p buf
            fork p -> c
            expect shared p c buf[513]
            exit c
            """;

    private static StatementRecord line(RunResult r, int line) {
        return r.records().stream().filter(x -> x.range().line() == line).findFirst().orElseThrow();
    }

    @Test
    void everyWalkCarriesTheRangeOfItsAddress() {
        RunResult r = ScenarioRunner.run(TEXT, RunOptions.defaults());
        List<StatementRecord.AddressWalk> walks = line(r, 6).addressWalks();
        assertEquals(2, walks.size(), "buf[513] walked in p and in c");
        int at = TEXT.indexOf("buf[513]");
        for (StatementRecord.AddressWalk w : walks) {
            assertEquals(at, w.address().startOffset());
            assertEquals(at + "buf[513]".length(), w.address().endOffset());
            assertEquals(2, w.walk().pteTable().refcount());
        }
        assertEquals(List.of("p", "c"), walks.stream().map(w -> w.walk().comm()).toList());
        StatementRecord.AddressWalk mmap = line(r, 3).addressWalks().get(0);
        assertEquals(TEXT.indexOf("buf"), mmap.address().startOffset(), "an mmap's walk stands at its region name");
        assertEquals(Level.PGD, mmap.walk().tables().get(0).level());
    }

    @Test
    void rssBeforeIsTheStateJustBeforeTheStatement() {
        RunResult r = ScenarioRunner.run(TEXT, RunOptions.defaults());
        assertEquals(Map.of("p", 0L), line(r, 4).rssBefore());
        assertEquals(Map.of("p", 1024L, "c", 1024L), line(r, 7).rssBefore());
        assertEquals(List.of("p"), line(r, 7).processes().stream().map(m -> m.comm()).toList());
    }
}
