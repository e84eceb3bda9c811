package dev.cowpte.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's comparison shows who shares which page tables where a scenario maps shared hugetlb memory or mshare. */
class ReportSharingTest {
    @Test
    void theComparisonHasTheBlockOfPageTablesBySharing() throws Exception {
        String text = Files.readString(SampleReportsTest.samples().stream()
                .filter(p -> p.getFileName().toString().equals("four-ways-to-share.cowpte")).findFirst().orElseThrow());
        String html = ReportWriter.write(text, List.of("classic", "cow-pte"));
        assertTrue(html.contains("<tr class=\"section\"><th colspan=\"3\">page tables by sharing, at the page-table peak"
                + "</th></tr>"), "the block's heading");
        assertTrue(html.contains("<tr><td>shared by the fork policy</td><td class=\"num\">0 B</td>"
                + "<td class=\"num\">2 MiB</td></tr>"), "cow-pte shares the forked GiB's PTE tables");
        assertTrue(html.contains("<tr><td>shared by hugetlb PMD sharing</td><td class=\"num\">4 KiB</td>"
                + "<td class=\"num\">4 KiB</td></tr>"));
        assertTrue(html.contains("<tr><td>shared through mshare</td><td class=\"num\">2060 KiB</td>"));
        assertTrue(html.contains("<tr><td>with no sharing</td><td class=\"num\">18576 KiB</td>"));
        assertTrue(html.contains("counts each process&#39;s reached tables"), "the note says how it counts");
    }

    @Test
    void aScenarioThatMapsNeitherHasNone() {
        String html = ReportWriter.write("process p\nmmap p buf 4M\ntouch p buf\nfork p -> c\n", List.of("classic", "cow-pte"));
        assertTrue(html.contains("PageTables at peak"));
        assertFalse(html.contains("by sharing"));
    }
}
