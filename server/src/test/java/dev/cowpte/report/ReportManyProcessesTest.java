package dev.cowpte.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A report of many processes stays readable and small: a table reached by many processes names
 * the first of them, the last and how many, not all; the timeline's tooltip gives the policies
 * whose values are the same one line; a process whose page tables never change is drawn as one
 * flat segment, not as a point per statement.
 */
class ReportManyProcessesTest {
    private static final String SCENARIO = """
            process creator
            mmap creator sga 512G mshare M
            touch creator sga[0..2G]
            repeat 20 as i {
              process user{i}
              mmap user{i} sga 512G mshare M
              touch user{i} sga[0..2G] read
            }
            """;
    private static final String HTML = ReportWriter.write(SCENARIO, List.of("classic", "cow-pte"),
            ReportWriter.Options.defaults().withThreads(1));

    @Test
    void aTableReachedByTwentyTwoMmsNamesTheFirstTenTheLastAndHowMany() {
        assertTrue(HTML.contains("reached by mshare M, creator, user0, user1, user2, user3, user4, user5, user6, user7, "
                + "\u2026, user19 (22 in all)"), "the mshare region's pud table names its sharers in short");
        assertFalse(HTML.contains("user17, user18"), "not every sharer is named");
    }

    @Test
    void policiesWithTheSameValuesShareOneLineOfTheTimelinesTooltip() {
        Matcher m = Pattern.compile("<rect class=\"hover\"[^>]*><title>([^<]*PageTables[^<]*)</title>").matcher(HTML);
        assertTrue(m.find(), "no hover band of the PageTables chart");
        String band = m.group(1);
        assertTrue(band.contains("&#10;classic, cow-pte: PageTables (machine) "), band);
        assertFalse(band.contains("&#10;cow-pte: "), "cow-pte has no line of its own: " + band);
    }

    @Test
    void aProcessWhosePageTablesNeverChangeIsOneFlatSegment() {
        // user5 holds no page table of its own from its first statement to the end
        Matcher m = Pattern.compile("<path class=\"series proc[^\"]*\" data-policy=\"classic\" data-process=\"user5\" d=\"([^\"]*)\"").matcher(HTML);
        assertTrue(m.find(), "no line of user5");
        String d = m.group(1);
        assertEquals(1, d.split("M").length - 1, d);
        assertFalse(d.contains("V"), "a value that holds needs no step: " + d);
    }
}
