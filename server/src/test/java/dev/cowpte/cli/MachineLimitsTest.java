package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine as large as x86-64's: 64T of RAM with 4 paging levels, 4P with 5, sizes in T and P. */
class MachineLimitsTest {
    @TempDir
    Path dir;

    private String file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    @Test
    void a64TMachineWithFourLevelsRunsAMappingOfTerabytesTouchedInPart() throws Exception {
        Cli r = Cli.run("run", file("big.cowpte", "machine memory 64T\nprocess p\nmmap p buf 2T\n"
                + "touch p buf[0..16]\ntouch p buf[1T..1025G]\nexpect rss p == 1048640K\nexpect rss p < 2T\n"));
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("big.cowpte: passed"), r.out());
    }

    @Test
    void a4PMachineWithFiveLevelsCostsNothingUntilUsed() throws Exception {
        Cli r = Cli.run("run", file("huge.cowpte", "machine memory 4P\nmachine levels 5\nprocess p\nmmap p buf 2T\n"
                + "touch p buf[0..2M]\nexpect rss p == 2M\nexpect memory < 4P\n"));
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("huge.cowpte: passed"), r.out());
    }

    @Test
    void overTheLimitOfFourLevelsSaysToAddTheFifth() throws Exception {
        Cli r = Cli.run("check", file("over.cowpte", "machine memory 65T\nprocess p\n"));
        assertEquals(2, r.code(), r.out());
        assertTrue(r.out().contains("over.cowpte:1:16: machine memory of 65T is over the limit of 64T with 4 paging"
                + " levels; with 5 it may reach 4P: add 'machine levels 5' before the first process"), r.out());
        Cli p = Cli.run("check", file("peta.cowpte", "machine memory 1P\nprocess p\n"));
        assertEquals(2, p.code(), p.out());
        assertTrue(p.out().contains("peta.cowpte:1:16: machine memory of 1P is over the limit of 64T"), p.out());
    }

    @Test
    void overTheLimitOfFiveLevelsIsRefused() throws Exception {
        Cli r = Cli.run("check", file("over.cowpte", "machine levels 5\nmachine memory 5P\nprocess p\n"));
        assertEquals(2, r.code(), r.out());
        assertTrue(r.out().contains("over.cowpte:2:16: machine memory of 5P is over the limit of 4P with 5 paging"
                + " levels"), r.out());
    }
}
