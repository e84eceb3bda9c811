package dev.cowpte.lang;

import static dev.cowpte.lang.Analysis.analyze;
import static dev.cowpte.lang.Analysis.assertReported;
import static dev.cowpte.lang.Analysis.clean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lang.ast.Address;
import dev.cowpte.lang.ast.Offset;
import dev.cowpte.lang.ast.PageSet;
import dev.cowpte.lang.ast.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Page sets (step, random), offset expressions over repeat variables, and the read of a whole region. */
class PageSetTest {
    private static Address.InRegion target(Statement s) {
        return (Address.InRegion) ((Statement.AtAddress) s).target();
    }

    @Test
    void everyFormOfAPageSetParsesIntoItsSet() {
        List<Statement> s = clean("machine seed 9", "process p", "mmap p buf 4M", "touch p buf[0..512 step 16]",
                "write p buf[8.. step 4K] = 1", "write p buf[0..1M random 10%] = 2", "touch p buf[random 50%] read");
        assertEquals(9, ((Statement.MachineSeed) s.get(0)).seed());
        Address.InRegion strided = target(s.get(3));
        assertEquals(16, ((PageSet.Step) strided.set()).step().value());
        assertEquals(512, strided.to().value());
        Address.InRegion open = target(s.get(4));
        assertNull(open.to());
        assertTrue(((PageSet.Step) open.set()).step().bytes());
        assertEquals(10, ((PageSet.Random) target(s.get(5)).set()).percent());
        Address.InRegion whole = target(s.get(6));
        assertEquals(0, whole.from().value(), "R[random N%] runs over the whole region");
        assertTrue(whole.isRange());
        assertEquals(50, ((PageSet.Random) whole.set()).percent());
    }

    @Test
    void aRandomSetHoldsThePercentageRoundedDown() {
        assertEquals(26214, new PageSet.Random(10, SourceRange.NONE).count(262144));
        assertEquals(0, new PageSet.Random(10, SourceRange.NONE).count(9));
        assertEquals(262144, new PageSet.Random(100, SourceRange.NONE).count(262144));
        assertEquals(3, PageSet.stepCount(0, 33, 16));
    }

    @Test
    void anOffsetExpressionCountsPagesUnlessAUnitEndsItsTerm() {
        List<Statement> s = clean("process p", "mmap p buf 64M", "repeat 4 as i {", "  write p buf[i*512+3] = 1",
                "  touch p buf[(i+1)*2M..(i+1)*2M+8]", "  touch p buf[i*2M+3]", "}", "touch p buf[2*3+1]");
        Statement.Repeat repeat = (Statement.Repeat) s.get(2);
        Offset pages = target(repeat.body().get(0)).from().expression();
        assertEquals(2 * 512L * 4096 + 3 * 4096, pages.bytes(Map.of("i", 2L)::get));
        Offset bytes = target(repeat.body().get(1)).from().expression();
        assertEquals(3L * 2 * 1024 * 1024, bytes.bytes(Map.of("i", 2L)::get));
        Offset mixed = target(repeat.body().get(2)).from().expression();
        assertEquals(2L * 2 * 1024 * 1024 + 3 * 4096, mixed.bytes(Map.of("i", 2L)::get), "2M per i, and 3 pages");
        Address.InRegion folded = target(s.get(3));
        assertEquals(7, folded.from().value(), "an expression without variables is its value");
        assertTrue(!folded.from().isExpression());
    }

    @Test
    void problemsOfSetsAndExpressionsAreReportedWhereTheyAreWritten() {
        String head = "process p\nmmap p buf 16\n";
        assertReported(analyze(head + "touch p buf[0.. step 0]"), 3, 22, "bad-page-set", "at least one page");
        assertReported(analyze(head + "touch p buf[0.. step 6K]"), 3, 22, "bad-page-set", "whole number of pages");
        assertReported(analyze(head + "touch p buf[random 101%]"), 3, 13, "bad-page-set", "0 to 100", "101%");
        assertReported(analyze(head + "read p buf[0..8 step 2]"), 3, 17, "bad-page-set", "one address");
        assertReported(analyze(head + "expect value p buf[random 5%] == 0"), 3, 20, "bad-page-set", "expectation");
        assertReported(analyze(head + "repeat 4 as i {\n  touch p buf[i*4+j]\n}"), 4, 19, "undeclared-variable",
                "'j'");
        assertReported(analyze(head + "repeat 8 as i {\n  touch p buf[i*2+3]\n}"), 4, 15, "index-out-of-region",
                "i*2 + 3", "page 17");
        assertReported(analyze(head + "repeat 8 as i {\n  touch p buf[i*9223372036854775807]\n}"), 4, 15,
                "offset-overflow", "64 bits");
        assertReported(analyze(head + "touch p buf[2M*4K]"), 3, 13, "offset-overflow", "two sizes");
        assertReported(analyze(head + "touch p buf[3-5]"), 3, 13, "index-out-of-region", "before the region's start");
        assertReported(analyze(head + "touch p buf[0..20 step 2]"), 3, 16, "index-out-of-region", "past the end");
        // both ends move with i: the range is never empty
        clean("process p", "mmap p buf 64", "repeat 8 as i {", "  touch p buf[i*8..i*8+8 step 2]", "}");
    }

    @Test
    void aReadOfAWholeRegionOfManyPagesIsAnsweredWithTheTouchThatReadsThemAll() {
        FrontEnd.Result r = analyze("process p", "mmap p heap 8M", "read p heap   # the whole heap?");
        Diagnostic d = assertReported(r, 3, 1, "read-of-region", "touch p heap read", "2048 pages");
        assertEquals(Diagnostic.Severity.HINT, d.severity());
        assertEquals(List.of(new DiagnosticData.ReadEveryPage("touch p heap read", d.range())), d.data());
        clean("process p", "mmap p one 4K", "read p one");
        clean("process p", "mmap p heap 8M", "read p heap[0]");
    }
}
