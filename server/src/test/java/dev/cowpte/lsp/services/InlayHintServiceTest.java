package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lsp.CursorDocument;
import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.words.KernelWords;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

class InlayHintServiceTest {
    private static final String TEXT = """
            process parent
            mmap parent buf 2M
            touch parent buf
            fork parent -> classic_child policy classic
            fork parent -> cow_child policy cow-pte   # shares the table
            write cow_child buf[0] = 7
            expect pagetables cow_child == 12K
            exit classic_child
            """;
    private static final Range ALL = new Range(new Position(0, 0), new Position(100, 0));

    private final InlayHintService service = new InlayHintService();

    private static List<String> labels(List<InlayHint> hints) {
        return hints.stream().map(h -> h.getPosition().getLine() + ":" + h.getPosition().getCharacter() + " "
                + h.getLabel().getLeft()).toList();
    }

    @Test
    void eachChangeAndEachActualValueAtTheEndOfItsStatement() {
        ScenarioDocument d = CursorDocument.plain(TEXT);
        List<String> got = labels(service.inlayHints(d, Optional.of(CursorDocument.runOf(d)), ALL));
        assertEquals(List.of(
                "2:16 +12 KiB tables, +2 MiB rss",
                "3:43 +16 KiB tables",
                "4:39 +12 KiB tables, 1 table shared",
                "5:26 +4 KiB tables, 1 table copied, 1 page copied",
                "6:34 = 12 KiB",
                "7:18 " + KernelWords.MINUS + "16 KiB tables, " + KernelWords.MINUS + "2 MiB rss"), got);
    }

    @Test
    void aClassicForkOf1GiBAdds2MiBOfTables() {
        ScenarioDocument d = CursorDocument.plain("process p\nmmap p buf 1G\ntouch p buf\nfork p -> c\n");
        List<String> got = labels(service.inlayHints(d, Optional.of(CursorDocument.runOf(d)), ALL));
        assertEquals("3:11 +2.0 MiB tables", got.get(1));
    }

    @Test
    void aPageSetSaysHowManyPagesAndRunsItHeld() {
        ScenarioDocument d = CursorDocument.plain("process p\nmmap p buf 4M\ntouch p buf\nfork p -> c policy cow-pte\n"
                + "write c buf[0.. step 512] = 1\nwrite c buf[0..3 step 1] = 1\n");
        List<String> got = labels(service.inlayHints(d, Optional.of(CursorDocument.runOf(d)), ALL));
        assertTrue(got.get(got.size() - 2).startsWith("4:29 set of 2 pages in 2 runs, "), got.toString());
        assertTrue(got.get(got.size() - 1).startsWith("5:28 set of 3 pages in 1 run"), got.toString());
    }

    @Test
    void onlyTheLinesAsked() {
        ScenarioDocument d = CursorDocument.plain(TEXT);
        List<InlayHint> hints = service.inlayHints(d, Optional.of(CursorDocument.runOf(d)),
                new Range(new Position(4, 0), new Position(4, 80)));
        assertEquals(List.of("4:39 +12 KiB tables, 1 table shared"), labels(hints));
    }

    @Test
    void anOlderRunGivesHintsOnlyAboveTheFirstEditedLine() {
        ScenarioDocument v1 = CursorDocument.plain(TEXT);
        DocumentStore.LastRun run = CursorDocument.runOf(v1);
        ScenarioDocument v2 = new ScenarioDocument(v1.uri(), 2, TEXT.replace("buf[0] = 7", "buf[1] = 7"));
        List<String> got = labels(service.inlayHints(v2, Optional.of(run), ALL));
        assertEquals(List.of("2:16 +12 KiB tables, +2 MiB rss", "3:43 +16 KiB tables",
                "4:39 +12 KiB tables, 1 table shared"), got);
    }

    @Test
    void aStatementInARepeatShowsItsLastIteration() {
        ScenarioDocument d = CursorDocument.plain("""
                process server
                mmap server heap 4M
                touch server heap
                repeat 3 as i {
                  fork server -> worker{i} policy cow-pte
                  exit worker{i}
                }
                """);
        List<InlayHint> hints = service.inlayHints(d, Optional.of(CursorDocument.runOf(d)), ALL);
        assertEquals(List.of("2:17 +16 KiB tables, +4 MiB rss", "4:41 +12 KiB tables, 2 tables shared",
                "5:16 " + KernelWords.MINUS + "12 KiB tables, " + KernelWords.MINUS + "4 MiB rss"), labels(hints));
        assertEquals(true, hints.get(1).getTooltip().getRight().getValue()
                .startsWith("_the last iteration of the repeat at line 4 (3 runs, i = 2)_"));
    }
}
