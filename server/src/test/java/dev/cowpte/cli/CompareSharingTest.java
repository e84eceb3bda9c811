package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cowpte compare} sets the four answers to "share page tables" side by side (none, a fork
 * policy, hugetlb PMD sharing, mshare) where a scenario maps shared hugetlb memory or an mshare
 * region, and prints nothing more where it maps neither.
 */
class CompareSharingTest {
    private static final String BLOCK = "page tables by sharing, at the page-table peak";
    private static final String FOUR_WAYS = "four-ways-to-share.cowpte";
    private static final String PLAIN = "process p\nmmap p buf 4M\ntouch p buf\nfork p -> c\ntouch c buf read\n"
            + "mmap p shm 4M shared\ntouch p shm\n";

    @TempDir
    Path tmp;

    /** The rows of one section of the first block of columns: label (stripped) to cells. */
    private static Map<String, List<String>> section(String out, String heading) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        boolean in = false;
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                if (in) {
                    break;
                }
                continue;
            }
            if (!line.startsWith(" ")) {
                in = line.equals(heading);
                continue;
            }
            if (in) {
                String[] cells = line.strip().split("\\s{2,}");
                rows.put(cells[0], List.of(cells).subList(1, cells.length));
            }
        }
        return rows;
    }

    @Test
    void theTextTableShowsEachMechanismsPartMachineWideAndPerProcess() {
        Cli r = Cli.run("compare", "--policies", "classic,cow-pte", Cli.sample(FOUR_WAYS));
        assertEquals(0, r.code(), r.err());
        Map<String, List<String>> block = section(r.out(), BLOCK);
        assertEquals(List.of("14460 KiB", "10364 KiB"), block.get("PageTables"), r.out());
        assertEquals(List.of("18576 KiB", "18576 KiB"), block.get("with no sharing"));
        assertEquals(List.of("12396 KiB", "6252 KiB"), block.get("not shared"));
        assertEquals(List.of("0 B", "2 MiB"), block.get("shared by the fork policy"),
                "cow-pte shares the forked GiB's 512 PTE tables");
        assertEquals(List.of("4 KiB", "4 KiB"), block.get("shared by hugetlb PMD sharing"), "one pmd table");
        assertEquals(List.of("2060 KiB", "2060 KiB"), block.get("shared through mshare"),
                "the host mm's pgd, pud, pmd and 512 PTE tables");
        assertEquals(List.of("2060 KiB", "2060 KiB"), block.get("per process, most reached"));
        assertEquals(List.of("819714 (0/0/0)", "819714 (0/0/0)"), block.get("faults (cow/zero/table)"));
        assertEquals(section(r.out(), "machine").get("PageTables at peak"), block.get("PageTables"),
                "the block is taken at the machine's peak");

        Map<String, List<String>> anon = section(r.out(), "process anon_r1");
        assertEquals(List.of("2060 KiB", "2060 KiB"), anon.get("page tables reached"));
        assertEquals(List.of("0 B", "2 MiB"), anon.get("of which fork policy"));
        Map<String, List<String>> huge = section(r.out(), "process huge_r1");
        assertEquals(List.of("8 KiB", "8 KiB"), huge.get("pgtables_bytes"));
        assertEquals(List.of("4 KiB", "4 KiB"), huge.get("of which hugetlb PMD sharing"));
        Map<String, List<String>> ms = section(r.out(), "process ms_r1");
        assertEquals(List.of("0 B", "0 B"), ms.get("pgtables_bytes"), "mshare's tables are charged to the host mm");
        assertEquals(List.of("2056 KiB", "2056 KiB"), ms.get("of which mshare"));
        Map<String, List<String>> shm = section(r.out(), "process shm_r1");
        assertEquals(List.of("2060 KiB", "2060 KiB"), shm.get("page tables reached"));
        assertFalse(shm.containsKey("of which fork policy"), "a row no run has is left out: " + shm);
        assertTrue(r.out().replace('\n', ' ').contains("'with no sharing' counts each process's reached tables"),
                "the note under the table says how the block counts: " + r.out());
    }

    @Test
    void aScenarioWithoutHugetlbSharingOrMshareHasNoBlock() throws Exception {
        Path f = tmp.resolve("plain.cowpte");
        Files.writeString(f, PLAIN);
        Cli text = Cli.run("compare", "--policies", "classic,cow-pte", f.toString());
        assertEquals(0, text.code(), text.err());
        assertFalse(text.out().contains("by sharing"), text.out());
        assertFalse(text.out().contains("page tables reached"), text.out());
        Cli json = Cli.run("compare", "--format", "json", "--policies", "classic,cow-pte", f.toString());
        JsonObject root = JsonParser.parseString(json.out()).getAsJsonObject();
        assertFalse(root.has("sharingNote"));
        for (JsonElement e : root.getAsJsonArray("rows")) {
            String key = e.getAsJsonObject().get("key").getAsString();
            assertFalse(key.startsWith("sharing.") || key.contains(".reached"), key);
        }
    }

    @Test
    void jsonAndCsvCarryTheBlockWithTablesPerLevel() {
        Cli json = Cli.run("compare", "--format", "json", "--policies", "classic,cow-pte", Cli.sample(FOUR_WAYS));
        assertEquals(0, json.code(), json.err());
        JsonObject root = JsonParser.parseString(json.out()).getAsJsonObject();
        Map<String, JsonObject> rows = new LinkedHashMap<>();
        root.getAsJsonArray("rows").forEach(e -> rows.put(e.getAsJsonObject().get("key").getAsString(),
                e.getAsJsonObject()));
        JsonObject fork = rows.get("sharing.fork_policy_tables_pte");
        assertEquals(BLOCK, fork.get("section").getAsString());
        assertEquals("count", fork.get("unit").getAsString());
        assertEquals(0, fork.getAsJsonObject("values").get("classic").getAsLong());
        assertEquals(512, fork.getAsJsonObject("values").get("cow-pte").getAsLong());
        assertEquals(1, rows.get("sharing.huge_pmd_share_tables_pmd").getAsJsonObject("values").get("classic")
                .getAsLong());
        JsonObject mshare = rows.get("sharing.mshare_tables_pte").getAsJsonObject("values");
        assertEquals(512, mshare.get("classic").getAsLong());
        assertEquals(18576L * 1024, rows.get("sharing.no_sharing_bytes").getAsJsonObject("values").get("cow-pte")
                .getAsLong());
        assertEquals("bytes", rows.get("sharing.no_sharing_bytes").get("unit").getAsString());
        assertEquals(2056L * 1024, rows.get("process.ms_r1.reached_mshare_bytes").getAsJsonObject("values")
                .get("classic").getAsLong());
        assertEquals(1, rows.get("process.huge_r0.reached_huge_pmd_share_tables_pmd").getAsJsonObject("values")
                .get("cow-pte").getAsLong());
        assertTrue(root.get("sharingNote").getAsString().contains("huge_pmd_share"), json.out());

        Cli csv = Cli.run("compare", "--format", "csv", "--policies", "classic,cow-pte", Cli.sample(FOUR_WAYS));
        assertTrue(csv.out().contains("\nsharing.fork_policy_bytes,0,2097152\n"), csv.out());
        assertTrue(csv.out().contains("\nsharing.huge_pmd_share_tables_pmd,1,1\n"), csv.out());
        assertTrue(csv.out().contains("\nsharing.pagetables_bytes," + 14460 * 1024 + "," + 10364 * 1024 + "\n"),
                csv.out());
    }

    @Test
    void sharedHugetlbInARepeatBringsTheBlockAndPrivateHugetlbDoesNot() throws Exception {
        Path shared = tmp.resolve("shared.cowpte");
        Files.writeString(shared, "machine hugetlb 2M 512\nprocess p\nrepeat 1 {\n"
                + "  mmap p buf 1G shared hugetlb at 0x7e0000000000\n}\ntouch p buf\nfork p -> c\ntouch c buf read\n");
        Cli r = Cli.run("compare", "--policies", "classic", shared.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        Map<String, List<String>> block = section(r.out(), BLOCK);
        assertEquals(List.of("4 KiB"), block.get("shared by hugetlb PMD sharing"), r.out());
        assertEquals(List.of("20 KiB"), block.get("PageTables"), "two pgd and two pud tables, one pmd table");
        assertEquals(List.of("24 KiB"), block.get("with no sharing"), "the pmd table twice");

        Path priv = tmp.resolve("private.cowpte");
        Files.writeString(priv, "machine hugetlb 2M 4\nprocess p\nmmap p buf 4M hugetlb\ntouch p buf\nfork p -> c\n");
        Cli none = Cli.run("compare", "--policies", "classic", priv.toString());
        assertEquals(0, none.code(), none.out() + none.err());
        assertFalse(none.out().contains("by sharing"), none.out());
    }
}
