package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lang.FrontEnd;
import dev.cowpte.lsp.CursorDocument;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class FormattingServiceTest {
    private static final FormattingOptions TWO = new FormattingOptions(2, true);

    static String format(String text, FormattingOptions options) {
        ScenarioDocument d = CursorDocument.plain(text);
        List<TextEdit> edits = FormattingService.format(d, options);
        String out = text;
        for (TextEdit e : edits) {
            out = out.substring(0, d.lines().offsetAt(e.getRange().getStart())) + e.getNewText()
                    + out.substring(d.lines().offsetAt(e.getRange().getEnd()));
        }
        return out;
    }

    @Test
    void oneSpaceBetweenTokensNoneInIndexes() {
        assertEquals("process p\nmmap p buf 1G at 0x7f0000000000 shared\nwrite p buf[2..8] = -1\nfork p -> c\n"
                        + "expect value c buf[3M..] == -1\n",
                format("process   p\n\tmmap p buf  1G   at 0x7f0000000000 shared   \nwrite p buf [ 2 .. 8 ] =  - 1\n"
                        + "fork p->c\nexpect value c buf[3M ..]==-1", TWO));
    }

    @Test
    void repeatBodiesIndentedByTheTabSize() {
        String text = "process p\nrepeat 2 as i {\ntouch p buf\n        repeat 3\n{\n# inner\nshow\n}\n   }\n";
        assertEquals("process p\nrepeat 2 as i {\n    touch p buf\n    repeat 3\n    {\n        # inner\n        show\n"
                + "    }\n}\n", format(text, new FormattingOptions(4, true)));
        assertEquals("process p\nrepeat 2 as i {\n\ttouch p buf\n\trepeat 3\n\t{\n\t\t# inner\n\t\tshow\n\t}\n}\n",
                format(text, new FormattingOptions(4, false)));
    }

    /** Found by DocumentFuzzTest (its corpus file crash-90a2a0df…): stripTrailing() took U+001E as white space. */
    @Test
    void aCommentKeepsItsTextOnlyBlanksAreTrimmed() {
        assertEquals("# Re\u001e\n", format("# Re\u001e", TWO));
        assertEquals("process p  # x\u000b\u001c\u2003\n", format("process p   # x\u000b\u001c\u2003 \t\f\n", TWO));
    }

    /**
     * Found by DocumentFuzzTest (its corpus file mixed-line-endings): the edit ended between the
     * \r and \n of the last line, where no position stands, so an editor kept the \r and a
     * second formatting had more to do.
     */
    @Test
    void mixedLineEndingsAreFormattedInOneGoEveryCarriageReturnGone() {
        String text = "process p\nmmap p buf 4M\r\nrepeat 3 as i {\r\n  fork p -> w{i}\r\n}\r\n";
        String once = format(text, TWO);
        assertEquals("process p\nmmap p buf 4M\nrepeat 3 as i {\n  fork p -> w{i}\n}\n", once,
                "the first line break's style, everywhere");
        assertEquals(once, format(once, TWO), "formatting twice changes nothing more");
    }

    @Test
    void trailingCommentsAlignedInRunsOfCommentedLines() {
        String text = "process parent # the parent\nmmap parent buf 1G # 1 GiB\nfork parent -> child\n"
                + "touch parent buf      # alone\n";
        assertEquals("process parent      # the parent\nmmap parent buf 1G  # 1 GiB\nfork parent -> child\n"
                + "touch parent buf  # alone\n", format(text, TWO));
    }

    @Test
    void blankLinesCollapsedAndOneNewlineAtTheEnd() {
        assertEquals("process p\n\n\nexit p\n", format("\n\nprocess p   \n\n\n\n\n\nexit p\n\n\n", TWO));
        assertEquals("process p\r\nexit p\r\n", format("process p \r\nexit p", TWO));
        assertEquals("", format("\n\n", TWO));
    }

    @Test
    void refusesWhenTheTextHasSyntaxErrors() {
        ScenarioDocument d = CursorDocument.plain("process   p\nmmap p\n");
        assertEquals(List.of(), FormattingService.format(d, TWO));
        ScenarioDocument ok = CursorDocument.plain("process   p\ntouch ghost buf\n");
        assertFalse(FormattingService.format(ok, TWO).isEmpty(), "name errors do not stop formatting");
    }

    @Test
    void editsOnlyWhatChanges() {
        ScenarioDocument d = CursorDocument.plain("process p\nmmap p buf   1G\nexit p\n");
        List<TextEdit> edits = FormattingService.format(d, TWO);
        assertEquals(1, edits.size());
        assertEquals(1, edits.get(0).getRange().getStart().getLine());
        assertEquals(1, edits.get(0).getRange().getEnd().getLine());
        assertTrue(FormattingService.format(CursorDocument.plain("process p\n"), TWO).isEmpty());
    }

    static Stream<Path> scenarios() throws IOException {
        Path root = Path.of("..");
        return Stream.concat(Files.list(root.resolve("samples")), Files.list(root.resolve("grammar/examples")))
                .filter(p -> p.toString().endsWith(".cowpte")).sorted();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void idempotentAndMeaningPreservingOnEverySampleAndExample(Path file) throws IOException {
        String text = Files.readString(file);
        for (FormattingOptions options : List.of(TWO, new FormattingOptions(4, false))) {
            String once = format(text, options);
            assertEquals(once, format(once, options), "format(format(x)) == format(x)");
            assertEquals(withoutRanges(FrontEnd.analyze(text, dev.cowpte.run.ScenarioRunner.POLICIES)), withoutRanges(FrontEnd.analyze(once, dev.cowpte.run.ScenarioRunner.POLICIES)));
            assertFalse(once.lines().anyMatch(l -> !l.equals(l.stripTrailing())), "no trailing whitespace");
            assertTrue(once.endsWith("\n") && !once.endsWith("\n\n"));
        }
    }

    @Test
    void meaningPreservedOnAScrambledScenario() {
        String text = "scenario \"a  b\"\n\n\n\n\tprocess p\nmmap   p  buf 2.5M readonly\nrepeat 3 as i{\n"
                + "fork p->w{i} policy cow-pte-rfc\nexpect tables w{i} pte ≤ 3 #c\n}\nexpect segv write p buf[i]\n";
        String once = format(text, TWO);
        assertEquals(withoutRanges(FrontEnd.analyze(text, dev.cowpte.run.ScenarioRunner.POLICIES)), withoutRanges(FrontEnd.analyze(once, dev.cowpte.run.ScenarioRunner.POLICIES)));
        assertEquals(once, format(once, TWO));
    }

    /** The tree and diagnostic messages with every source position taken out. */
    private static String withoutRanges(FrontEnd.Result result) {
        String tree = result.scenario().toString().replaceAll("\\b(range|nameRange|policyRange|variableRange)=[0-9:]+", "");
        String problems = result.diagnostics().stream().map(d -> d.code().id() + " " + d.message()
                .replaceAll("line [0-9]+", "line N")).toList().toString();
        return tree + problems;
    }
}
