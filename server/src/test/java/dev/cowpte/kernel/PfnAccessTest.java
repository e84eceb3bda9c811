package dev.cowpte.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether pfns are readable is decided by what {@code /proc} gives, not by the user id, and
 * what is missing is said precisely: checked on a {@code /proc} laid out in a folder (a stack
 * page at 0x400000, its pagemap entry, page counts and flags).
 */
class PfnAccessTest {
    private static final long PRESENT = 1L << 63;

    @TempDir
    Path proc;

    private void lay(long pagemapEntry, boolean counts) throws Exception {
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self/maps"), "00400000-00401000 rw-p 00000000 00:00 0    [stack]\n");
        // the entry of page 0x400 (the stack's last word, 0x400ff8) at offset 0x400 * 8
        ByteBuffer map = ByteBuffer.allocate(0x400 * 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
        map.putLong(0x400 * 8, pagemapEntry);
        Files.write(proc.resolve("self/pagemap"), map.array());
        if (counts) {
            ByteBuffer eight = ByteBuffer.allocate(0x1000 * 8);
            Files.write(proc.resolve("kpagecount"), eight.array());
            Files.write(proc.resolve("kpageflags"), eight.array());
        }
    }

    @Test
    void aPresentPageWithItsPfnAndReadableCountsIsEnough() throws Exception {
        lay(PRESENT | 0x123, true);
        ProcFs fs = new ProcFs(proc);
        assertEquals(List.of(), fs.pfnProblems());
        assertTrue(fs.pfnsReadable());
    }

    @Test
    void pfnZeroForATouchedPageSaysCapSysAdminIsMissing() throws Exception {
        lay(PRESENT, true); // what pagemap gives a reader without CAP_SYS_ADMIN, root or not
        ProcFs fs = new ProcFs(proc);
        assertFalse(fs.pfnsReadable());
        assertEquals(List.of(proc.resolve("self/pagemap") + " gives pfn 0 for a touched page: reading pfns needs"
                + " CAP_SYS_ADMIN, which this process lacks"), fs.pfnProblems());
    }

    @Test
    void missingPageCountsAreNamed() throws Exception {
        lay(PRESENT | 0x123, false);
        List<String> problems = new ProcFs(proc).pfnProblems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(proc.resolve("kpagecount") + " does not exist"), problems.get(0));
        assertTrue(problems.get(1).startsWith(proc.resolve("kpageflags") + " does not exist"), problems.get(1));
    }

    @Test
    void aPageNotPresentIsSaidSo() throws Exception {
        lay(0, true);
        assertEquals(List.of(proc.resolve("self/pagemap") + " shows the touched page at 0x400ff8 as not present"),
                new ProcFs(proc).pfnProblems());
    }
}
