package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lsp.CursorDocument;
import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.Optional;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

class HoverServiceTest {
    private static final String COW_FORK = """
            policy cow-pte
            process parent
            mmap parent buf 2M
            touch parent buf
            fork parent -> child
            """;

    private final HoverService service = new HoverService();

    private static String text(Hover h) {
        assertNotNull(h, "a hover");
        return h.getContents().getRight().getValue();
    }

    private String hoverAt(String marked) {
        CursorDocument c = CursorDocument.of(marked);
        return text(service.hover(c.document(), c.run(), c.cursor()));
    }

    @Test
    void anAddressAfterACowPteForkShowsTheSharedPteTable() {
        String md = hoverAt(COW_FORK + "expect refcount parent b|uf[3] == 2\n");
        assertTrue(md.contains("**parent buf[3]**"), md);
        assertTrue(md.contains("PTE table #"), md);
        assertTrue(md.contains("(pmd entry 511, write-protected): refcount 2, sharers parent, child, shared by cow-pte"),
                md);
        assertTrue(md.contains("- page (pte entry 3): pfn "), md);
        assertTrue(md.contains("mapcount 2, refcount 2, read-only (COW on write)"), md);
        assertTrue(md.contains("pgd #"), md);
    }

    @Test
    void aPageSetSaysHowManyPagesAndRunsItHeld() {
        String md = hoverAt("process p\nmmap p buf 4M\nwrite p b|uf[0.. step 16] = 1\n");
        assertTrue(md.contains("a page set of 64 pages in 64 runs over 1024 pages"), md);
        md = hoverAt("process p\nmmap p buf 4M\nwrite p b|uf[0..64 step 1] = 1\n");
        assertTrue(md.contains("a page set of 64 pages in 1 run over 64 pages"), md);
    }

    @Test
    void aFileNameShowsItsSizeAndTheRegionsThatMapItAndAFilePageSaysSo() {
        String files = "file lib 2M\nprocess p\nmmap p code 2M file lib\ntouch p code read\n";
        String md = hoverAt(files + "expect rss p file == 6|4K\nmmap p other 1M file l|ib\n".replace("6|4K", "64K"));
        assertTrue(md.contains("**file lib**: 2M in the page cache from line 1 on, mapped or not"), md);
        assertTrue(md.contains("mapped here by p other, p code"), md); // in address order: top-down, the later one lower
        String page = hoverAt(files + "expect value p co|de[3] == 0\n");
        assertTrue(page.contains("a file's page (page cache)"), page);
        assertTrue(page.contains("read-only"), page);
    }

    @Test
    void aClassicForkLeavesEveryTablePrivate() {
        String md = hoverAt(COW_FORK.replace("cow-pte", "classic") + "expect refcount child b|uf[3] == 1\n");
        assertTrue(md.contains("refcount 1, private to child"), md);
        assertFalse(md.contains("write-protected"), md);
    }

    @Test
    void theHoverRangeIsTheAddressAsWritten() {
        CursorDocument c = CursorDocument.of(COW_FORK + "write child buf[1|0] = 7\n");
        Hover h = service.hover(c.document(), c.run(), c.cursor());
        assertEquals(new Range(new Position(5, 12), new Position(5, 19)), h.getRange());
        assertTrue(text(h).contains("value 7, mapcount 1, refcount 1, writable"), text(h));
    }

    @Test
    void aSharedExpectationShowsTheWalkInBothProcesses() {
        String md = hoverAt(COW_FORK + "expect shared parent child bu|f[100]\n");
        assertTrue(md.contains("**parent buf[100]**") && md.contains("**child buf[100]**"), md);
    }

    @Test
    void aStatementShowsTheStateAfterItAndItsWork() {
        String md = hoverAt(COW_FORK.replace("fork parent", "fo|rk parent"));
        assertTrue(md.contains("**after `fork parent -> child`** — policy cow-pte"), md);
        assertTrue(md.contains("1 table shared"), md);
        assertFalse(md.contains("1 tables"), md);
        assertTrue(md.contains("| child | 512 pages (2 MiB) | 12 KiB | pgd 1 · pud 1 · pmd 1 · pte 1 | 1 |"), md);
        assertTrue(md.contains("machine: PageTables 28 KiB"), md);
    }

    @Test
    void aCountOfOneIsWordedInTheSingular() {
        String md = hoverAt(COW_FORK + "wr|ite child buf[0] = 1\n");
        assertTrue(md.contains("1 page copied"), md);
        assertTrue(md.contains("1 table copied"), md);
        assertFalse(md.contains("1 pages") || md.contains("1 tables"), md);
    }

    @Test
    void aWriteProtectedTableWithNoOtherSharerIsNotCalledPrivate() {
        String md = hoverAt(COW_FORK.replace("cow-pte", "cow-pte-rfc") + "write child buf[0] = 1\n"
                + "expect refcount parent b|uf[0] == 1\n");
        assertTrue(md.contains("(pmd entry 511, write-protected): refcount 1, write-protected by cow-pte-rfc "
                + "(no other sharer left), owner parent"), md);
        assertFalse(md.contains("private to parent, shared by"), md);
    }

    @Test
    void aProcessNameShowsItsSummary() {
        String md = hoverAt(COW_FORK + "expect rss ch|ild == 512\n");
        assertTrue(md.contains("**process child** (pid 2) after line 6"), md);
        assertTrue(md.contains("- rss 512 pages (2 MiB)"), md);
        assertTrue(md.contains("- pgtables_bytes 12 KiB"), md);
        assertTrue(md.contains("1 shared PTE table"), md);
    }

    @Test
    void anExitedProcessIsShownAsItWasBeforeItsExit() {
        String md = hoverAt(COW_FORK + "exit ch|ild\n");
        assertTrue(md.contains("before line 6 (it is gone after it)"), md);
    }

    @Test
    void aRegionDeclarationShowsItsRangeSizeAndFlags() {
        String md = hoverAt("process p\nmmap p b|uf 3M dontfork\n");
        assertTrue(md.contains("**region buf** of p"), md);
        assertTrue(md.contains("0x7effffc00000-0x7efffff00000 rw-p, 3 MiB (768 pages), private anonymous, dontfork; spans 2 PTE tables"), md);
    }

    @Test
    void aPolicyNameSaysWhatThePolicyDoesWithoutARun() {
        CursorDocument c = CursorDocument.of("policy cow-p|te\n");
        String md = text(service.hover(c.document(), Optional.empty(), c.cursor()));
        assertTrue(md.startsWith("**policy cow-pte** — COW PTE v3–v5"), md);
        assertTrue(md.contains("PTE tables are shared at fork"), md);
        assertTrue(md.contains("`pagetables` counts shared tables for every sharer"), md);
        String odf = hoverAt("process p\nfork p -> c policy o|df\n");
        assertTrue(odf.contains("On-Demand Fork"), odf);
    }

    @Test
    void aKernelLineShowsItsProfileWithoutARun() {
        CursorDocument c = CursorDocument.of("machine kernel 6.1|2\n");
        String md = text(service.hover(c.document(), Optional.empty(), c.cursor()));
        assertTrue(md.startsWith("**machine kernel 6.12**"), md);
        assertTrue(md.contains("| fork copies a large folio's entries as one batch (copy_present_ptes, folio_pte_batch) | yes | 6.9 |"), md);
        assertTrue(md.contains("(__wp_can_reuse_large_anon_folio) | no | 6.15 | 1da190f4d0a6"), md);
    }

    @Test
    void aStatementInARepeatShowsTheLastIteration() {
        String md = hoverAt("""
                process server
                mmap server heap 4M
                touch server heap
                repeat 4 as i {
                  fork server -> worker{i} policy cow-pte
                  write worker{|i} heap[i] = 6
                }
                """);
        assertTrue(md.contains("_the last iteration of the repeat at line 4 (4 runs, i = 3)_"), md);
        assertTrue(md.contains("**process worker3**"), md);
    }

    @Test
    void afterAnEditTheHoverSaysItIsFromTheOlderRun() {
        ScenarioDocument v1 = CursorDocument.plain(COW_FORK + "expect refcount parent buf[3] == 2\n");
        DocumentStore.LastRun run = CursorDocument.runOf(v1);
        ScenarioDocument v2 = new ScenarioDocument(v1.uri(), 2, "# a comment\n" + v1.text());
        Hover h = service.hover(v2, Optional.of(run), new Position(6, 25));
        String md = text(h);
        assertTrue(md.startsWith("_from the run of version 1; the text has changed since_"), md);
        assertTrue(md.contains("refcount 2, sharers parent, child"), md);
        assertEquals(6, h.getRange().getStart().getLine(), "the range is on the line as it stands now");
    }

    @Test
    void aChangedLineHasNoHoverFromTheOlderRun() {
        ScenarioDocument v1 = CursorDocument.plain(COW_FORK + "expect refcount parent buf[3] == 2\n");
        DocumentStore.LastRun run = CursorDocument.runOf(v1);
        ScenarioDocument v2 = new ScenarioDocument(v1.uri(), 2, COW_FORK + "expect refcount parent buf[4] == 2\n");
        assertNull(service.hover(v2, Optional.of(run), new Position(5, 25)));
    }

    @Test
    void withoutARunAStatementSaysSo() {
        CursorDocument c = CursorDocument.of("process p\nmmap p buf 2M\ntouch p b|uf\n");
        assertTrue(text(service.hover(c.document(), Optional.empty(), c.cursor())).contains("not run yet"));
    }
}
