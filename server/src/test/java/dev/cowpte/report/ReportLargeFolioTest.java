package dev.cowpte.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Multi-size THP in the report: a PTE table whose pages belong to large folios says, in its box's
 * tooltip and {@code data-large-folios}, how many of its pages do and of which folio size; without
 * mTHP no box says anything of folios.
 */
class ReportLargeFolioTest {
    private static final String BODY = """
            process p
            mmap p buf 2M
            touch p buf
            """;

    @Test
    void aPteTableOf64KFoliosSaysHowManyOfItsPagesAreInThem() {
        String html = ReportWriter.write("machine kernel 6.18\nmachine thp 64K always\n" + BODY, List.of("classic"),
                ReportWriter.Options.defaults().withThreads(1));
        String box = pteBoxAfterTouch(html);
        assertTrue(box.contains("data-large-folios=\"512 pages in 32 folios of 64 KiB\""), box);
        assertTrue(box.contains("; 512 pages mapped; 512 pages in 32 folios of 64 KiB"), box);
    }

    @Test
    void withoutMthpNoBoxSpeaksOfFolios() {
        String html = ReportWriter.write(BODY, List.of("classic"), ReportWriter.Options.defaults().withThreads(1));
        String box = pteBoxAfterTouch(html);
        assertTrue(box.contains("512 pages mapped"), box);
        assertFalse(html.contains("data-large-folios"), "no large folio without mTHP");
        assertFalse(html.contains("folios of"), "no large folio without mTHP");
    }

    /** The PTE-table box of the drawing of the {@code touch}, the scenario's last line. */
    private static String pteBoxAfterTouch(String html) {
        int touch = html.lastIndexOf("<code>touch p buf</code>");
        assertTrue(touch >= 0, "no drawing of the touch");
        Matcher m = Pattern.compile("<g class=\"table lvl-pte[^\"]*\"[^>]*>.*?</g>").matcher(html);
        assertTrue(m.find(touch), "no PTE-table box after the touch");
        return m.group();
    }
}
