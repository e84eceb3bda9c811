package dev.cowpte.lang;

import static dev.cowpte.lang.Analysis.clean;
import static dev.cowpte.lang.Analysis.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lang.ast.Address;
import dev.cowpte.lang.ast.Comparison;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Quantity;
import dev.cowpte.lang.ast.Scenario;
import dev.cowpte.lang.ast.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Valid scenarios become the typed tree, with the values and ranges the user wrote. */
class ParserTest {
    private static final String P = "process p";
    private static final String MAP = "mmap p buf 4M";

    private static Expectation expectation(String... lines) {
        return ((Statement.Expect) only(lines)).expectation();
    }

    private static Address.InRegion target(String line) {
        return (Address.InRegion) ((Statement.Touch) only(P, MAP, line)).target();
    }

    @Test
    void theExampleOfTheLanguageDescription() {
        String text = """
                scenario "fork of 1 GiB, classic vs COW PTE"   # optional title, first statement

                policy cow-pte                  # forks below share PTE tables

                process parent
                mmap parent buf 1G              # anonymous, private, read-write
                touch parent buf                # write every page once, like memset()
                fork parent -> child
                expect pagetables <= 2.1M       # machine-wide: the child added 12 KiB, not 2 MiB
                expect shared parent child buf[100]
                write child buf[0] = 7          # breaks COW on the first PTE table only
                expect refcount parent buf[0] == 1
                expect refcount parent buf[512] == 2
                expect value parent buf[0] == 0
                expect value child buf[0] == 7
                exit child
                exit parent
                expect memory == 0
                """;
        FrontEnd.Result result = FrontEnd.analyze(text, Analysis.POLICIES);
        assertEquals(List.of(), result.diagnostics());
        Scenario scenario = result.scenario();
        assertEquals("fork of 1 GiB, classic vs COW PTE", scenario.title());
        assertEquals(16, scenario.statements().size());
        Statement.Policy policy = (Statement.Policy) scenario.statements().get(1);
        assertEquals("cow-pte", policy.name());
        assertEquals(new SourceRange(3, 8, 3, 15, text.indexOf("cow-pte"), text.indexOf("cow-pte") + 7),
                policy.nameRange());
        Statement.Mmap mmap = (Statement.Mmap) scenario.statements().get(3);
        assertEquals(1L << 30, mmap.size().value());
        assertTrue(mmap.size().bytes());
        Expectation.PageTables tables = (Expectation.PageTables) ((Statement.Expect) scenario.statements().get(6))
                .expectation();
        assertEquals(Comparison.LE, tables.op());
        assertEquals((long) (2.1 * (1 << 20)), tables.expected().value());
        Expectation.Refcount refcount = (Expectation.Refcount) ((Statement.Expect) scenario.statements().get(10))
                .expectation();
        assertEquals(512, ((Address.InRegion) refcount.address()).from().value());
        assertEquals(2, refcount.expected());
    }

    @Test
    void statementRangesCoverTheirTextWithoutComment() {
        String text = "process parent   # the first\nmmap parent buf 1G\n";
        List<Statement> statements = FrontEnd.analyze(text, Analysis.POLICIES).scenario().statements();
        Statement.Process process = (Statement.Process) statements.get(0);
        assertEquals(new SourceRange(1, 1, 1, 15, 0, 14), process.range());
        assertEquals(new SourceRange(1, 9, 1, 15, 8, 14), process.name().range());
        Statement.Mmap mmap = (Statement.Mmap) statements.get(1);
        assertEquals(new SourceRange(2, 17, 2, 19, 45, 47), mmap.size().range());
    }

    @Test
    void columnsCountUtf16UnitsAfterUnicodeAndAstralCharacters() {
        String text = "scenario \"\uD83D\uDC04 cow\"  # \uD83D\uDE00 \u2264\nprocess p\nmmap p buf 16\n"
                + "expect rss p \u2264 16\nexpect rss p \u2265 1 # \uD83D\uDE00\uD83D\uDE00\nexpect pagetables \u2260 0\n";
        FrontEnd.Result result = FrontEnd.analyze(text, Analysis.POLICIES);
        assertEquals(List.of(), result.diagnostics());
        List<Statement> statements = result.scenario().statements();
        assertEquals("\uD83D\uDC04 cow", result.scenario().title());
        assertEquals(new SourceRange(1, 1, 1, 18, 0, 17), statements.get(0).range());
        Expectation.Rss rss = (Expectation.Rss) ((Statement.Expect) statements.get(3)).expectation();
        assertEquals(Comparison.LE, rss.op());
        int offset = text.indexOf("16\nexpect rss p \u2265");
        assertEquals(new SourceRange(4, 16, 4, 18, offset, offset + 2), rss.expected().range());
        Expectation.Rss second = (Expectation.Rss) ((Statement.Expect) statements.get(4)).expectation();
        assertEquals(Comparison.GE, second.op());
        Statement last = statements.get(5);
        int start = text.indexOf("expect pagetables");
        assertEquals(new SourceRange(6, 1, 6, 22, start, start + 21), last.range());
        assertEquals(Comparison.NE, ((Expectation.PageTables) ((Statement.Expect) last).expectation()).op());
    }

    @Test
    void anErrorAfterAnAstralCharacterIsReportedAtItsUtf16Column() {
        FrontEnd.Result result = FrontEnd.analyze("scenario \"\uD83D\uDE00\" @\n", Analysis.POLICIES);
        Diagnostic d = Analysis.single(result);
        assertEquals(1, d.range().line());
        assertEquals(15, d.range().column());
        assertEquals(14, d.range().startOffset());
        assertTrue(d.message().contains("'@'"), d.message());
    }

    @Test
    void scenarioWithoutFinalNewlineAndWithCrLfOrCrLines() {
        assertEquals(2, FrontEnd.analyze("process p\r\nexit p", Analysis.POLICIES).scenario().statements().size());
        FrontEnd.Result cr = FrontEnd.analyze("process p\rexit q", Analysis.POLICIES);
        Diagnostic d = Analysis.single(cr);
        assertEquals(2, d.range().line());
        assertEquals(6, d.range().column());
    }

    @Test
    void integersInDecimalAndHexWithSeparators() {
        Statement.Mmap mmap = (Statement.Mmap) only(P, "mmap p buf 1_024 at 0x7f00_0000_0000");
        assertEquals(1024, mmap.size().value());
        assertFalse(mmap.size().bytes());
        assertEquals(0x7f0000000000L, mmap.at());
        Statement.Mmap hexPages = (Statement.Mmap) only(P, "mmap p buf 0x10");
        assertEquals(16, hexPages.size().value());
    }

    @Test
    void sizesWithEveryUnitAndFractionsRoundedDown() {
        long[][] cases = {{4, 10}, {2, 20}, {1, 30}, {3, 40}};
        String[] units = {"K", "M", "G", "T"};
        for (int i = 0; i < units.length; i++) {
            for (String suffix : new String[] {"", "iB"}) {
                String size = cases[i][0] + units[i] + suffix;
                Statement.Mmap mmap = (Statement.Mmap) only("machine levels 5", P, "mmap p buf " + size);
                assertEquals(cases[i][0] << cases[i][1], mmap.size().value(), size);
                assertTrue(mmap.size().bytes());
            }
        }
        assertEquals(2_621_440, ((Statement.Mmap) only(P, "mmap p buf 2.5M")).size().value());
        assertEquals(307, ((Statement.Mmap) only(P, "mmap p buf 0.3K")).size().value());
        assertEquals(1536, ((Statement.Mmap) only(P, "mmap p buf 1.5KiB")).size().value());
    }

    @Test
    void mmapOptionsInAnyOrder() {
        Statement.Mmap mmap = (Statement.Mmap) only(P, "mmap p buf 2M wipeonfork shared at 0x200000 readonly dontfork");
        assertEquals(List.of(Statement.MapOption.WIPEONFORK, Statement.MapOption.SHARED,
                Statement.MapOption.READONLY, Statement.MapOption.DONTFORK), mmap.options());
        assertEquals(0x200000L, mmap.at());
        assertNull(((Statement.Mmap) only(P, MAP)).at());
    }

    @Test
    void everyFormOfAddress() {
        Address.InRegion whole = target("touch p buf");
        assertTrue(whole.whole());
        Address.InRegion page = target("touch p buf[3]");
        assertEquals(Quantity.pages(3, page.from().range()), page.from());
        assertFalse(page.isRange());
        Address.InRegion offset = target("touch p buf[12K]");
        assertEquals(12 * 1024, offset.from().value());
        assertTrue(offset.from().bytes());
        Address.InRegion range = target("touch p buf[2M..4M]");
        assertEquals(2L << 20, range.from().value());
        assertEquals(4L << 20, range.to().value());
        assertTrue(range.isRange());
        Address.InRegion open = target("touch p buf[8..]");
        assertEquals(8, open.from().value());
        assertNull(open.to());
        assertTrue(open.isRange());
        Statement.Touch absolute = (Statement.Touch) only(P, "touch p 0x7f0000201000");
        assertEquals(0x7f0000201000L, ((Address.Absolute) absolute.target()).address());
        Statement.Repeat repeat = (Statement.Repeat) only(P, MAP, "repeat 4 as i {", "  touch p buf[i..]", "}");
        Address.InRegion variable = (Address.InRegion) ((Statement.Touch) repeat.body().get(0)).target();
        assertEquals("i", variable.from().variable());
        int at = (P + "\n" + MAP + "\nrepeat 4 as i {\n  touch p buf[").length();
        assertEquals(new SourceRange(4, 15, 4, 16, at, at + 1), variable.from().range());
    }

    @Test
    void everyStatement() {
        List<Statement> s = clean("scenario \"t \\\"q\\\" \\\\\"", "policy odf", "machine memory 8G", "machine levels 5",
                "machine pt-reclaim on", "process p", MAP, "munmap p 0x10000000", "mprotect p buf readonly",
                "mprotect p buf readwrite", "madvise p buf dontneed", "madvise p buf keeponfork",
                "touch p buf read", "touch p buf write", "read p buf[1]", "write p buf", "write p buf[2] = -3",
                "fork p -> c policy cow-pte-rfc", "pin p buf[0]", "unpin p buf[0]", "show", "show p",
                "show p buf[1]", "exit c");
        assertEquals("t \"q\" \\", ((Statement.ScenarioTitle) s.get(0)).title());
        assertEquals(8L << 30, ((Statement.MachineMemory) s.get(2)).size().value());
        assertEquals(5, ((Statement.MachineLevels) s.get(3)).levels());
        assertTrue(((Statement.MachinePtReclaim) s.get(4)).on());
        assertFalse(((Statement.Mprotect) s.get(8)).writable());
        assertTrue(((Statement.Mprotect) s.get(9)).writable());
        assertEquals(Statement.Advice.DONTNEED, ((Statement.Madvise) s.get(10)).advice());
        assertEquals(Statement.Advice.KEEPONFORK, ((Statement.Madvise) s.get(11)).advice());
        assertFalse(((Statement.Touch) s.get(12)).write());
        assertTrue(((Statement.Touch) s.get(13)).write());
        assertInstanceOf(Statement.Read.class, s.get(14));
        assertEquals(1, ((Statement.Write) s.get(15)).value());
        assertEquals(-3, ((Statement.Write) s.get(16)).value());
        Statement.Fork fork = (Statement.Fork) s.get(17);
        assertEquals("cow-pte-rfc", fork.policy());
        assertEquals(new SourceRange(18, 20, 18, 31, fork.policyRange().startOffset(),
                fork.policyRange().startOffset() + 11), fork.policyRange());
        assertInstanceOf(Statement.Pin.class, s.get(18));
        assertInstanceOf(Statement.Unpin.class, s.get(19));
        assertNull(((Statement.Show) s.get(20)).process());
        assertNull(((Statement.Show) s.get(21)).address());
        assertEquals("buf", ((Address.InRegion) ((Statement.Show) s.get(22)).address()).region().text());
        assertEquals("c", ((Statement.Exit) s.get(23)).process().text());
        assertFalse(((Statement.MachinePtReclaim) only("machine pt-reclaim off")).on());
        assertFalse(((Statement.MachineFaultAround) only("machine fault-around off")).on());
        assertTrue(((Statement.MachineFaultAround) only("machine fault-around on")).on());
        assertEquals(Statement.ThpMode.ALWAYS, ((Statement.MachineThp) only("machine thp always")).mode());
        assertEquals(Statement.ThpMode.MADVISE, ((Statement.MachineThp) only("machine thp madvise")).mode());
        assertEquals(Statement.ThpMode.NEVER, ((Statement.MachineThp) only("machine thp never")).mode());
    }

    @Test
    void hugePageWords() {
        Statement.Mmap mmap = (Statement.Mmap) clean(P, "mmap p buf 4M hugepage").get(1);
        assertEquals(List.of(Statement.MapOption.HUGEPAGE), mmap.options());
        Statement.Mmap no = (Statement.Mmap) clean(P, "mmap p buf 4M readonly nohugepage").get(1);
        assertEquals(List.of(Statement.MapOption.READONLY, Statement.MapOption.NOHUGEPAGE), no.options());
        assertEquals(Statement.Advice.HUGEPAGE, ((Statement.Madvise) clean(P, MAP, "madvise p buf hugepage").get(2)).advice());
        assertEquals(Statement.Advice.NOHUGEPAGE,
                ((Statement.Madvise) clean(P, MAP, "madvise p buf[512..] nohugepage").get(2)).advice());
        Expectation.Thp thp = (Expectation.Thp) expectation(P, "expect thp p == 4M");
        assertEquals("p", thp.process().text());
        assertNull(((Expectation.Thp) expectation("expect thp >= 2M")).process());
        Expectation.Huge huge = (Expectation.Huge) expectation(P, MAP, "expect huge p buf[600]");
        assertEquals("p", huge.process().text());
        // the new words are names too
        assertEquals("huge", ((Statement.Process) only("process huge")).name().text());
        assertEquals("thp", ((Statement.Process) only("process thp")).name().text());
    }

    @Test
    void everyExpectation() {
        String fork = "fork p -> q";
        assertEquals(Comparison.LT, ((Expectation.PageTables) expectation(P, "expect pagetables p < 3")).op());
        Expectation.Tables tables = (Expectation.Tables) expectation(P, "expect tables p pmd >= 2");
        assertEquals(Expectation.TableLevel.PMD, tables.level());
        assertEquals("p", tables.process().text());
        Expectation.Tables machineWide = (Expectation.Tables) expectation("expect tables pte == 3");
        assertNull(machineWide.process());
        assertEquals(Expectation.TableLevel.PTE, machineWide.level());
        assertNull(((Expectation.Tables) expectation("expect tables != 0")).level());
        assertEquals(1L << 30, ((Expectation.Rss) expectation(P, "expect rss p > 1G")).expected().value());
        assertEquals(Comparison.EQ, ((Expectation.Memory) expectation("expect memory == 0")).op());
        assertEquals(1, ((Expectation.Refcount) expectation(P, MAP, "expect refcount p buf == 1")).expected());
        assertEquals(2, ((Expectation.Mapcount) expectation(P, MAP, "expect mapcount p buf[1] <= 2")).expected());
        assertEquals(-1, ((Expectation.Value) expectation(P, MAP, "expect value p buf == 0xffff_ffff_ffff_ffff"))
                .expected());
        Expectation.Faults cow = (Expectation.Faults) expectation(P, "expect faults p cow == 4");
        assertEquals(Expectation.FaultKind.COW, cow.kind());
        assertEquals(Expectation.FaultKind.ZERO, ((Expectation.Faults) expectation("expect faults zero == 0")).kind());
        assertEquals(Expectation.FaultKind.TABLE, ((Expectation.Faults) expectation("expect faults table > 0")).kind());
        assertNull(((Expectation.Faults) expectation("expect faults >= 0")).kind());
        Expectation.Shared shared = (Expectation.Shared) expectation(P, MAP, fork, "expect shared p q buf[100]");
        assertEquals("q", shared.other().text());
        assertInstanceOf(Expectation.Private.class, expectation(P, MAP, "expect private p buf[0]"));
        Expectation.Segv segv = (Expectation.Segv) expectation(P, MAP, "expect segv write p buf[1] = 3");
        assertEquals(3, ((Statement.Write) segv.access()).value());
        assertEquals(new SourceRange(3, 8, 3, 31, 31, 54), segv.range());
        assertEquals(new SourceRange(3, 13, 3, 31, 36, 54), segv.access().range());
    }

    @Test
    void unicodeAndAsciiComparisons() {
        String[][] cases = {{"==", "EQ"}, {"!=", "NE"}, {"<", "LT"}, {"<=", "LE"}, {">", "GT"}, {">=", "GE"},
            {"\u2260", "NE"}, {"\u2264", "LE"}, {"\u2265", "GE"}};
        for (String[] c : cases) {
            Expectation.Memory memory = (Expectation.Memory) expectation("expect memory " + c[0] + " 4K");
            assertEquals(Comparison.valueOf(c[1]), memory.op(), c[0]);
        }
    }

    @Test
    void commentsAndBlankLinesAreIgnored() {
        List<Statement> statements = clean("# a comment", "", "   ", "process p # after", "\t# indented", "exit p#");
        assertEquals(2, statements.size());
    }

    @Test
    void nestedRepeatsWithBracesAtLineEndsOrOnTheirOwnLines() {
        Statement.Repeat outer = (Statement.Repeat) only("process p", MAP, "repeat 3 as i {", "", "  repeat 2 as j",
                "  {", "    touch p buf[j]", "    process w{i}_{j}", "  }", "}");
        assertEquals(3, outer.count());
        assertEquals("i", outer.variable());
        assertEquals(new SourceRange(3, 13, 3, 14, 36, 37), outer.variableRange());
        assertEquals(new SourceRange(3, 1, 10, 2, 24, 106), outer.range());
        Statement.Repeat inner = (Statement.Repeat) outer.body().get(0);
        assertEquals("j", inner.variable());
        assertEquals(2, inner.body().size());
        assertEquals("w{i}_{j}", ((Statement.Process) inner.body().get(1)).name().text());
        assertTrue(((Statement.Process) inner.body().get(1)).name().isTemplate());
        Statement.Repeat empty = (Statement.Repeat) only("repeat 2 {}");
        assertNull(empty.variable());
        assertTrue(empty.body().isEmpty());
    }

    @Test
    void keywordsServeAsNames() {
        List<Statement> s = clean("process read", "mmap read write 16 shared", "touch read write read",
                "fork read -> policy policy odf", "repeat 2 as value {", "  touch policy write[value]", "}",
                "process pte", "expect tables pte pte == 1", "expect tables pte == 1");
        Statement.Touch touch = (Statement.Touch) s.get(2);
        assertEquals("read", touch.process().text());
        assertEquals("write", ((Address.InRegion) touch.target()).region().text());
        assertFalse(touch.write());
        Statement.Fork fork = (Statement.Fork) s.get(3);
        assertEquals("policy", fork.child().text());
        assertEquals("odf", fork.policy());
        Expectation.Tables named = (Expectation.Tables) ((Statement.Expect) s.get(6)).expectation();
        assertEquals("pte", named.process().text());
        Expectation.Tables level = (Expectation.Tables) ((Statement.Expect) s.get(7)).expectation();
        assertNull(level.process());
        assertEquals(Expectation.TableLevel.PTE, level.level());
    }
}
