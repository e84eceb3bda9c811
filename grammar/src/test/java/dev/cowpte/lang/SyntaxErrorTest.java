package dev.cowpte.lang;

import static dev.cowpte.lang.Analysis.analyze;
import static dev.cowpte.lang.Analysis.assertReported;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lang.ast.Statement;
import org.junit.jupiter.api.Test;

/** Syntax errors say what could have stood there, in the language's words, and never hide later lines. */
class SyntaxErrorTest {

    private static void assertNoParserJargon(FrontEnd.Result result) {
        for (Diagnostic d : result.diagnostics()) {
            String m = d.message();
            for (String jargon : new String[] {"extraneous", "mismatched", "no viable", "NAME", "DECIMAL_INTEGER",
                "NEWLINE", "<EOF>", "token recognition"}) {
                assertFalse(m.contains(jargon), () -> "jargon '" + jargon + "' in: " + m);
            }
        }
    }

    @Test
    void missingProcessName() {
        FrontEnd.Result result = analyze("process");
        assertReported(result, 1, 8, "syntax", "expected a process name", "end of line");
        assertNoParserJargon(result);
    }

    @Test
    void missingSizeNamesBothKindsOfQuantity() {
        assertReported(analyze("process p", "mmap p buf"), 2, 11, "syntax", "expected a size such as 4K or a page count");
    }

    @Test
    void whatANewUserWritesIsAnsweredWithWhatToWrite() {
        assertEquals("expected '->', found '=>' (did you mean '->'?)",
                assertReported(analyze("process parent", "fork parent => child"), 2, 13, "syntax").message());
        assertEquals("expected at ADDR, file F, shared, readonly, dontfork, wipeonfork, hugepage, nohugepage, hugetlb, mshare M"
                + " or end of line,"
                        + " found 'hugepages' (did you mean 'hugepage'?)",
                assertReported(analyze("process p", "mmap p small 1M hugepages"), 2, 17, "syntax").message());
        assertEquals("expected a comparison (==, !=, <, <=, >, >=) or a fault kind (cow, zero or table), found 'write'",
                assertReported(analyze("process p", "expect faults p write == 1024"), 2, 17, "syntax").message());
        assertEquals("expected a comparison (==, !=, <, <=, >, >=) or a table level (pgd, p4d, pud, pmd or pte),"
                        + " found 'pt' (did you mean 'pte'?)",
                assertReported(analyze("process p", "expect tables p pt == 2"), 2, 17, "syntax").message());
        assertEquals("a unit stands against its number: write '1G', not '1 G'",
                assertReported(analyze("process parent", "mmap parent buf2 1 G"), 2, 20, "syntax").message());
        assertEquals("'i' is a repeat variable: it stands for a page index (buf[i]) or inside a name (worker{i}), not"
                        + " for a value; a value is a number such as 42",
                assertReported(analyze("repeat 2 as i {", "  process worker{i}", "  mmap worker{i} buf 4",
                        "  write worker{i} buf[i] = i", "}"), 4, 28, "syntax").message());
        // a name that is no repeat variable is still just not a value
        assertReported(analyze("process p", "mmap p buf 4", "write p buf = x"), 3, 15, "syntax",
                "expected a value (a 64-bit integer), found 'x'");
    }

    @Test
    void missingComparisonListsTheComparisons() {
        assertReported(analyze("process p", "expect rss p 5"), 2, 14, "syntax",
                "expected a comparison (==, !=, <, <=, >, >=)", "found '5'");
    }

    @Test
    void misspeltKeywordsAndASingleEqualsSignAreAnsweredWithWhatWasMeant() {
        String head = "process p\nmmap p buf 4\n";
        assertReported(analyze(head + "expect refcnt p buf[0] == 1"), 3, 8, "syntax", "found 'refcnt'",
                "(did you mean 'refcount'?)");
        assertReported(analyze(head + "expect refcount p buf[0] = 1"), 3, 26, "syntax", "found '='",
                "(did you mean '=='?)");
        assertReported(analyze(head + "expect faults p cwo == 1"), 3, 17, "syntax", "found 'cwo'",
                "(did you mean 'cow'?)");
    }

    @Test
    void unknownStatementListsTheStatementsAndSuggestsTheClosest() {
        FrontEnd.Result result = analyze("process p", "fork2 p -> q");
        Diagnostic d = assertReported(result, 2, 1, "syntax", "unknown statement 'fork2'", "did you mean 'fork'",
                "expected one of: scenario, policy, machine, process, file, mmap, munmap, mremap");
        assertEquals(2, d.range().endLine());
        assertEquals(6, d.range().endColumn());
        assertNoParserJargon(result);
    }

    @Test
    void keywordsAreLowerCase() {
        assertReported(analyze("PROCESS p"), 1, 1, "syntax", "unknown statement 'PROCESS'");
    }

    @Test
    void twoErrorsOnTwoLinesAreBothReportedAndTheLinesAfterThemStillCount() {
        FrontEnd.Result result = analyze("process p", "mmap p", "touch p buf[", "process q", "exit q");
        assertReported(result, 2, 7, "syntax", "expected a region name");
        assertReported(result, 3, 13, "syntax", "expected a page number, an offset such as 12K, or a repeat variable");
        assertEquals(2, result.diagnostics().size(), Analysis.describe(result));
        assertEquals(3, result.scenario().statements().size(), "process p, process q and exit q are kept");
        assertTrue(result.scenario().statements().get(2) instanceof Statement.Exit);
    }

    @Test
    void anErrorInsideARepeatBlockKeepsTheBlockAndTheLinesAfterIt() {
        FrontEnd.Result result = analyze("process p", "mmap p buf 16", "repeat 2 as i {", "  touch p buf[i] sideways",
                "  touch p buf[i]", "}", "touch p nothere");
        assertReported(result, 4, 18, "syntax", "expected read, write or end of line", "found 'sideways'");
        assertReported(result, 7, 9, "undeclared-region", "no region 'nothere'");
        Statement.Repeat repeat = (Statement.Repeat) result.scenario().statements().get(2);
        assertEquals(2, repeat.body().size(), "the statement before the stray word is kept");
    }

    @Test
    void aClosingBraceAfterAStatementOnItsLine() {
        assertReported(analyze("process p", "repeat 2 {", "  show p }"), 3, 10, "syntax",
                "'}' closing a repeat block stands on a line of its own");
    }

    @Test
    void unmatchedBracesAreReported() {
        FrontEnd.Result open = analyze("repeat 2 {", "  show");
        assertReported(open, 3, 1, "syntax", "expected '}'");
        FrontEnd.Result close = analyze("show", "}", "show");
        assertReported(close, 2, 1, "syntax", "'}' without a matching 'repeat N {'");
    }

    @Test
    void aRepeatWithoutBlock() {
        assertReported(analyze("repeat 3", "show"), 2, 1, "syntax", "expected '{' to open the repeat block");
        assertReported(analyze("repeat many {", "}"), 1, 8, "syntax", "expected a repeat count, found 'many'");
    }

    @Test
    void missingArrowInFork() {
        assertReported(analyze("process p", "fork p child"), 2, 8, "syntax", "expected '->', found 'child'");
    }

    @Test
    void aFractionWithoutUnit() {
        assertReported(analyze("expect memory <= 2.5"), 1, 18, "syntax", "'2.5' has a fraction but no unit",
                "2.5M");
    }

    @Test
    void anUnknownUnit() {
        assertReported(analyze("process p", "mmap p buf 4k"), 2, 13, "syntax", "unknown unit in '4k'", "K, M, G, T or P");
        assertReported(analyze("process p", "mmap p buf 4KB"), 2, 14, "syntax", "unknown unit in '4KB'");
    }

    @Test
    void anUnterminatedString() {
        assertReported(analyze("scenario \"title"), 1, 10, "syntax", "unterminated string");
        assertReported(analyze("scenario \"a \\n b\""), 1, 10, "syntax", "escapes");
    }

    @Test
    void aHyphenatedNameIsNotAName() {
        assertReported(analyze("process my-proc"), 1, 9, "syntax", "'my-proc' is not a name", "expected a process name");
    }

    @Test
    void unexpectedCharacters() {
        assertReported(analyze("process p @"), 1, 11, "syntax", "unexpected character '@'", "end of line");
        assertReported(analyze("\u0001"), 1, 1, "syntax", "U+0001", "a line starts with a statement");
    }

    @Test
    void extraWordsAfterAStatement() {
        assertReported(analyze("process p q"), 1, 11, "syntax", "expected end of line, found 'q'");
        assertReported(analyze("process p", "mmap p buf 4K sahred"), 2, 15, "syntax",
                "expected at ADDR, file F, shared, readonly, dontfork, wipeonfork, hugepage, nohugepage, hugetlb, mshare M or end"
                + " of line", "'sahred'");
    }

    @Test
    void wrongWordsInFixedSlots() {
        assertReported(analyze("machine"), 1, 8, "syntax", "memory, levels, pt-reclaim, fault-around, thp, seed, hugetlb or kernel");
        assertReported(analyze("machine pt-reclaim maybe"), 1, 20, "syntax", "expected on or off");
        assertReported(analyze("process p", "mmap p b 1", "mprotect p b"), 3, 13, "syntax", "readonly or readwrite");
        assertReported(analyze("process p", "mmap p b 1", "madvise p b often"), 3, 13, "syntax",
                "dontneed, dontfork, dofork, wipeonfork, keeponfork, hugepage or nohugepage");
        assertReported(analyze("expect"), 1, 7, "syntax", "expected an expectation: pagetables, tables, rss");
        assertReported(analyze("policy"), 1, 7, "syntax", "classic, cow-pte, cow-pte-rfc, odf");
        assertReported(analyze("process p", "touch p 12"), 2, 9, "syntax", "expected a region such as buf");
        assertReported(analyze("process p", "mmap p b 1", "write p b = x"), 3, 13, "syntax", "expected a value");
    }
}
