package dev.cowpte.report;

import static dev.cowpte.report.Drawings.Drawn.changed;
import static dev.cowpte.report.Drawings.Drawn.count;
import static dev.cowpte.report.Drawings.Drawn.hasClass;
import static dev.cowpte.report.Drawings.Drawn.refcount;
import static dev.cowpte.report.Drawings.Drawn.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The structure of the tree drawings for small scenarios: which tables are boxes, which are
 * shared and drawn once with a pointer from each sharer, the refcount written on them, and what
 * the statement is marked to have done.
 */
class ReportTreeTest {
    /** Two PTE tables (4 MiB), a fork, a write in the child, the child's exit. */
    static final String FORK_WRITE_EXIT = """
            process parent
            mmap parent buf 4M
            touch parent buf
            fork parent -> child
            write child buf[0] = 7
            exit child
            """;

    @Test
    void cowPteForkDrawsTheSharedPteTablesOnceWithAPointerFromEachSharer() {
        Drawings.Drawn fork = Drawings.of(FORK_WRITE_EXIT, "cow-pte").at("cow-pte", 4);
        fork.assertCounts(1, 6);
        Element shared = fork.shared().get(0);
        assertEquals("pte", shared.getAttribute("data-level"));
        assertEquals(2, count(shared), "both PTE tables in one box");
        assertEquals(2, refcount(shared));
        assertTrue(text(shared).contains("refcount 2"), text(shared));
        assertEquals("parent child", shared.getAttribute("data-sharers"));
        assertEquals(2, changed(shared, "shared"), "fork shared both tables");

        List<Element> in = fork.into(shared);
        assertEquals(2, in.size(), "one pointer from each sharer");
        Set<String> fromProcesses = in.stream().map(p -> p.getAttribute("data-process")).collect(Collectors.toSet());
        assertEquals(Set.of("parent", "child"), fromProcesses);
        for (Element p : in) {
            assertTrue(hasClass(p, "wp"), "the pmd entries of a COW PTE table are write-protected");
            Element from = fork.box(p.getAttribute("data-from"));
            assertEquals("pmd", from.getAttribute("data-level"));
        }
        for (String proc : List.of("parent", "child")) {
            assertEquals(List.of("pgd", "pud", "pmd"), fork.privateOf(proc).stream()
                    .map(e -> e.getAttribute("data-level")).toList(), proc + " has its own upper tables");
        }
    }

    @Test
    void classicForkDrawsTheChildsCopiesAsPrivateTablesMarkedCopied() {
        Drawings.Drawn fork = Drawings.of(FORK_WRITE_EXIT, "classic").at("classic", 4);
        fork.assertCounts(0, 8);
        Element childPte = fork.privateOf("child", "pte").get(0);
        assertEquals(2, count(childPte));
        assertEquals(2, changed(childPte, "copied"));
        assertTrue(text(childPte).contains("copied"), text(childPte));
        Element parentPte = fork.privateOf("parent", "pte").get(0);
        assertEquals(0, changed(parentPte, "copied"), "the parent keeps its tables");
        assertEquals(1, fork.into(childPte).size());
    }

    @Test
    void aWriteBreaksOneSharedTableByCopyingItAndLeavesTheOtherShared() {
        Drawings.Drawn write = Drawings.of(FORK_WRITE_EXIT, "cow-pte").at("cow-pte", 5);
        write.assertCounts(1, 8);
        Element shared = write.shared().get(0);
        assertEquals(1, count(shared), "the second table is still shared");
        assertEquals(2, refcount(shared));
        assertEquals(2, write.into(shared).size());

        Element copy = write.privateOf("child", "pte").get(0);
        assertEquals(1, count(copy));
        assertEquals(1, changed(copy, "copied"), "the child's write copied the first table");
        Element left = write.privateOf("parent", "pte").get(0);
        assertEquals(1, refcount(left));
        assertEquals(1, changed(left, "unshared"), "the parent's first table lost its sharer");
        assertTrue(hasClass(left, "wp"), "and stays write-protected until the parent faults");
    }

    @Test
    void anExitDropsTheSharersReferencesAndOnlyTheParentIsDrawn() {
        Drawings.Drawn exit = Drawings.of(FORK_WRITE_EXIT, "cow-pte").at("cow-pte", 6);
        exit.assertCounts(0, 4);
        assertTrue(exit.privateOf("child").isEmpty());
        Element pte = exit.privateOf("parent", "pte").get(0);
        assertEquals(2, count(pte), "both tables are the parent's alone again, alike, one box");
        assertEquals(1, changed(pte, "unshared"), "the exit dropped the child's reference to the second table");
    }

    @Test
    void aWriteInTheParentWithRefcountOneReusesTheTable() {
        String s = FORK_WRITE_EXIT + "write parent buf[512] = 3\n";
        Drawings.Drawn reuse = Drawings.of(s, "cow-pte").at("cow-pte", 7);
        List<Element> ptes = reuse.privateOf("parent", "pte");
        int reused = ptes.stream().mapToInt(e -> changed(e, "reused")).sum();
        assertEquals(1, reused, "refcount 1: the table is made writable in place");
        assertTrue(ptes.stream().anyMatch(e -> changed(e, "reused") == 1 && !hasClass(e, "wp")));
    }

    @Test
    void largeTreesAreCondensedAtEveryLevel() {
        String s = """
                process parent
                mmap parent buf 4G
                touch parent buf
                repeat 3 as i {
                  fork parent -> child{i}
                }
                """;
        Drawings d = Drawings.of(s, "cow-pte", "classic");
        Drawings.Drawn shared = d.at("cow-pte", 5);
        shared.assertCounts(1, 4 * 3);
        Element pte = shared.shared().get(0);
        assertEquals(2048, count(pte), "4 GiB of PTE tables, one box");
        assertEquals(4, refcount(pte));
        assertTrue(text(pte).contains("refcount 4"), text(pte));
        assertEquals(4, shared.into(pte).size(), "parent, child0, child1, child2");
        for (String p : List.of("parent", "child0", "child1", "child2")) {
            Element pmd = shared.privateOf(p, "pmd").get(0);
            assertEquals(4, count(pmd), "four pmd tables, one box");
            assertTrue(text(pmd).startsWith("pmd ×4"), text(pmd));
        }
        // only the last iteration of the repeat is drawn: child2 is the one forked there
        assertEquals(1, changed(pte, "shared") > 0 ? 1 : 0);

        Drawings.Drawn classic = d.at("classic", 5);
        classic.assertCounts(0, 4 * 4);
        assertEquals(2048, count(classic.privateOf("child2", "pte").get(0)));
        assertEquals(2048, changed(classic.privateOf("child2", "pte").get(0), "copied"));
        assertEquals(0, changed(classic.privateOf("child1", "pte").get(0), "copied"),
                "child1 was forked in an earlier iteration");
    }

    @Test
    void ownerAccountingPoliciesNameTheOwner() {
        Drawings.Drawn fork = Drawings.of(FORK_WRITE_EXIT, "cow-pte-rfc").at("cow-pte-rfc", 4);
        Element shared = fork.shared().get(0);
        assertTrue(text(shared).contains("owner parent"), text(shared));
        Drawings.Drawn cowPte = Drawings.of(FORK_WRITE_EXIT, "cow-pte").at("cow-pte", 4);
        assertTrue(!text(cowPte.shared().get(0)).contains("owner"), "cow-pte charges every sharer");
    }

    @Test
    void namesAreEscapedAndEveryDrawingIsWellFormed() {
        String s = """
                scenario "a <b> & \\"c\\""
                process p_1
                mmap p_1 r 8K
                touch p_1 r
                fork p_1 -> q
                """;
        String html = ReportWriter.write(s, List.of("cow-pte"));
        assertTrue(html.contains("a &lt;b&gt; &amp; &quot;c&quot;"), "title escaped");
        assertTrue(!html.contains("a <b>"), "no raw markup from the scenario");
        assertEquals(2, new Drawings(html).all().size(), "touch and fork drawn");
    }

    @Test
    void everyPteTableBoxSaysTheAddressRangeItMaps() {
        String html = ReportWriter.write("process p\nmmap p buf 4M\ntouch p buf\n", List.of("classic"));
        assertTrue(html.contains("data-range=\"0x7effffc00000-0x7f0000000000\""), "the two PTE tables of buf, one box");
        assertTrue(html.contains("2 pte tables covering 4 MiB at 0x7effffc00000-0x7f0000000000"), "and its tooltip");
    }

    /** Two regions of one PTE table each; a pin in the first; a fork. */
    static final String PINNED_FORK = """
            process parent
            mmap parent dma 2M
            mmap parent heap 2M
            touch parent dma
            touch parent heap
            pin parent dma[0]
            fork parent -> child
            """;

    @Test
    void everyPteTableBoxNamesTheRegionsItMaps() {
        Drawings drawings = Drawings.of(PINNED_FORK, "classic");
        Element both = drawings.at("classic", 5).privateOf("parent", "pte").get(0);
        assertEquals("heap dma", both.getAttribute("data-regions"), "two alike tables, one box, both regions named");
        assertTrue(text(both).contains("heap, dma: 1024 pages"), text(both));
        assertTrue(title(both).contains("2 regions heap, dma"), title(both));
        // the pin sets the dma table apart: a box of its own, each naming its region
        List<Element> ptes = drawings.at("classic", 6).privateOf("parent", "pte");
        assertEquals(List.of("heap", "dma"), ptes.stream().map(e -> e.getAttribute("data-regions")).toList());
        assertTrue(text(ptes.get(0)).contains("heap: 512 pages"), text(ptes.get(0)));
        assertTrue(text(ptes.get(1)).contains("dma: 512 pages"), text(ptes.get(1)));
        assertTrue(title(ptes.get(1)).contains("region dma"), title(ptes.get(1)));
    }

    @Test
    void aLongRegionNameIsCutBeforeThePageCount() {
        Element box = Drawings.of("process p\nmmap p heap_of_the_server 16M\ntouch p heap_of_the_server\n", "classic")
                .at("classic", 3).privateOf("p", "pte").get(0);
        assertTrue(text(box).contains("heap_of_the_s…: 4096 pages"), text(box));
        assertTrue(title(box).contains("region heap_of_the_server"), title(box));
    }

    @Test
    void aPteTableHoldingAPinnedPageShowsThePinAndWhyForkCopiedItInsteadOfSharingIt() {
        Drawings drawings = Drawings.of(PINNED_FORK, "cow-pte", "classic");
        Element pinned = Drawings.of(PINNED_FORK, "cow-pte").at("cow-pte", 6).privateOf("parent", "pte").stream()
                .filter(e -> e.getAttribute("data-regions").equals("dma")).findFirst().orElseThrow();
        assertEquals("1", pinned.getAttribute("data-pinned"));
        assertTrue(text(pinned).contains("1 pinned"), text(pinned));
        assertTrue(title(pinned).contains("copy_present_ptes: folio_try_dup_anon_rmap_ptes fails as "
                + "folio_needs_cow_for_dma, so copy_present_page"), title(pinned));

        Drawings.Drawn fork = drawings.at("cow-pte", 7);
        assertEquals("heap", fork.shared().get(0).getAttribute("data-regions"), "the neighbour's table is shared");
        Element copy = fork.privateOf("child", "pte").get(0);
        assertEquals("dma", copy.getAttribute("data-regions"));
        assertEquals(1, changed(copy, "copied"));
        assertEquals("1", copy.getAttribute("data-pinned-by-parent"));
        assertTrue(text(copy).contains("pinned in parent"), text(copy));
        assertTrue(title(copy).contains("this table was copied at fork, not shared, because the parent had 1 page "
                + "pinned in it"), title(copy));

        // classic copies every table: a pin is no reason there
        for (Element e : drawings.at("classic", 7).privateOf("child", "pte")) {
            assertEquals("", e.getAttribute("data-pinned-by-parent"), text(e));
        }
    }

    @Test
    void aCopyIsBlamedOnlyOnPinsOfPagesForkCopiedIntoTheChild() {
        // the pinned page is dontfork: the child never gets it; its neighbour's table is copied for the dontfork vma
        Drawings.Drawn dontfork = Drawings.of("""
                process parent
                mmap parent heap 1M
                mmap parent dma 1 at 0x7efffff00000 dontfork
                touch parent heap
                touch parent dma
                pin parent dma[0]
                fork parent -> child
                """, "cow-pte").at("cow-pte", 7);
        Element copy = dontfork.privateOf("child", "pte").get(0);
        assertEquals(1, changed(copy, "copied"));
        assertEquals("", copy.getAttribute("data-pinned-by-parent"), title(copy));
        // a pinned page of a shared mapping is not copied: the child maps the same page
        Drawings.Drawn shared = Drawings.of("""
                process parent
                mmap parent shm 4 shared
                touch parent shm
                pin parent shm[0]
                fork parent -> child
                """, "cow-pte").at("cow-pte", 5);
        for (Element e : shared.privateOf("child", "pte")) {
            assertEquals("", e.getAttribute("data-pinned-by-parent"), title(e));
        }
        // odf copies both tables of a 3 MiB region (it shares whole-vma tables only); the pin is in one
        Drawings.Drawn odf = Drawings.of("""
                process parent
                mmap parent buf 3M
                touch parent buf
                pin parent buf[0]
                fork parent -> child
                """, "odf").at("odf", 5);
        List<Element> copies = odf.privateOf("child", "pte").stream().filter(e -> changed(e, "copied") > 0).toList();
        int blamed = copies.stream().mapToInt(e -> e.getAttribute("data-pinned-by-parent").isEmpty() ? 0
                : Integer.parseInt(e.getAttribute("data-pinned-by-parent"))).sum();
        assertEquals(1, blamed, "one pinned page, in one table");
        for (Element e : copies) {
            if (count(e) > 1 && !e.getAttribute("data-pinned-by-parent").isEmpty()) {
                assertTrue(title(e).contains("1 of these " + count(e) + " tables were copied"), title(e));
            }
        }
    }

    @Test
    void aSharedTableIsOneBoxWithAPointerFromEverySharerWhateverEachSharerMapsBesideIt() {
        for (String scenario : List.of("""
                process parent
                mmap parent buf 8M
                touch parent buf
                fork parent -> child
                madvise parent buf[1M..3M] wipeonfork
                write parent buf[7M] = 1
                """, """
                process parent
                mmap parent buf 7M
                touch parent buf
                fork parent -> child
                mmap child extra 1M at 0x7efffff00000
                write parent buf[0] = 1
                """)) {
            for (Drawings.Drawn d : Drawings.of(scenario, "cow-pte").all()) {
                java.util.Map<String, String> boxOfTable = new java.util.HashMap<>();
                for (Element box : d.shared()) {
                    Set<String> sharers = Set.of(box.getAttribute("data-sharers").split(" "));
                    Set<String> pointing = d.into(box).stream().map(p -> p.getAttribute("data-process"))
                            .collect(Collectors.toSet());
                    assertEquals(sharers, pointing, "line " + d.line() + ": every sharer points at " + title(box));
                    for (String id : box.getAttribute("data-key").split("-")) {
                        String was = boxOfTable.put(id, box.getAttribute("id"));
                        assertTrue(id.equals("pte") || was == null || was.equals(box.getAttribute("id")),
                                "line " + d.line() + ": table " + id + " drawn twice");
                    }
                }
            }
        }
        List<Element> shared = Drawings.of("""
                process parent
                mmap parent buf 7M
                touch parent buf
                fork parent -> child
                mmap child extra 1M at 0x7efffff00000
                write parent buf[0] = 1
                """, "cow-pte").at("cow-pte", 6).shared();
        assertEquals(1, shared.size());
        assertEquals("buf extra", shared.get(0).getAttribute("data-regions"), "the regions of every sharer");
    }

    private static String title(Element box) {
        return box.getElementsByTagName("title").item(0).getTextContent();
    }
}
