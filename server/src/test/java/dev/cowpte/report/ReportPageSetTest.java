package dev.cowpte.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A statement whose address is a page set: the heading of its drawing in the report says how many
 * pages and runs the set held, as the hover does; a statement on a plain range says nothing of sets.
 */
class ReportPageSetTest {
    static final String SETS = """
            process p
            mmap p buf 4M
            mmap p heap 1M
            write p buf[0.. step 16] = 1
            touch p heap[random 10%]
            touch p heap
            """;

    @Test
    void theHeadingOfAPageSetsStatementSaysHowManyPagesAndRunsItHeld() {
        String html = ReportWriter.write(SETS, List.of("classic", "cow-pte"),
                ReportWriter.Options.defaults().withThreads(1));
        String step = heading(html, 4);
        assertTrue(step.contains("<code>write p buf[0.. step 16] = 1</code>"), step);
        assertTrue(step.contains("a page set of 64 pages in 64 runs over 1024 pages"), step);

        // 10% of 256 pages, picked at random: how many runs they make depends on the pick
        String random = heading(html, 5);
        assertTrue(random.contains("<code>touch p heap[random 10%]</code>"), random);
        Matcher m = Pattern.compile("a page set of (\\d+) pages in (\\d+) runs? over 256 pages").matcher(random);
        assertTrue(m.find(), random);
        int pages = Integer.parseInt(m.group(1));
        int runs = Integer.parseInt(m.group(2));
        assertTrue(pages == 25 || pages == 26, "10% of 256 pages: " + pages);
        assertTrue(runs >= 1 && runs <= pages, "runs " + runs + " of " + pages + " pages");

        String whole = heading(html, 6);
        assertTrue(!whole.contains("page set"), "a plain range is no set: " + whole);
        assertEquals(1, count(html, "a page set of 64 pages in 64 runs over 1024 pages"),
                "said once, in the heading, not once per policy");
    }

    /** The heading of the drawn statement on {@code line}. */
    private static String heading(String html, int line) {
        Matcher m = Pattern.compile("<h3><span class=\"line\">line " + line + "</span>.*?</h3>").matcher(html);
        assertTrue(m.find(), "no drawing of line " + line);
        assertNotNull(m.group());
        return m.group();
    }

    private static int count(String html, String words) {
        int n = 0;
        for (int at = html.indexOf(words); at >= 0; at = html.indexOf(words, at + 1)) {
            n++;
        }
        return n;
    }
}
