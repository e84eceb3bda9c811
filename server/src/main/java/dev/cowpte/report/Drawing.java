package dev.cowpte.report;

import dev.cowpte.mm.LargeFolioPages;
import dev.cowpte.mm.PageTableTree;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The page-table trees of the live processes after one statement under one policy, each table
 * (or run of alike PTE tables) with what the statement did to it.
 *
 * @param step      the statement's position in the run (repeat iterations counted)
 * @param line      1-based source line
 * @param text      the statement as written
 * @param note      how it ran (the policy a fork used), or null
 * @param processes the live processes after the statement, at most {@link ReportRecorder#MAX_PROCESSES_DRAWN}
 * @param omitted   live processes left out of the drawing
 * @param gone      processes the statement ended (exit, SIGSEGV)
 * @param work      the work the statement did, by counter name
 */
record Drawing(String policy, long step, int line, String text, String note, List<ProcessTree> processes,
               int omitted, List<String> gone, Map<String, Long> work) {

    /** One process: its counters and its tree's nodes with their changes, pre-order. */
    record ProcessTree(String comm, long rssPages, long pgtablesBytes, boolean forkedHere, List<MarkedNode> nodes) {
    }

    /**
     * A node of {@link PageTableTree} and how many of its tables the statement changed, by kind;
     * for PTE tables (and huge PMDs) also what they map.
     *
     * @param regions        the names of the regions over the node's range, in address order
     * @param pinnedPages    pages in the range this process holds long-term pins on
     * @param pinnedByParent for tables a fork copied under a policy that shares tables: the pages
     *                       the parent had pinned that fork copied into them (why they were copied)
     * @param tablesPinnedByParent how many of the node's tables hold such pages
     * @param largeFolios    the node's pages that belong to large folios (multi-size THP), by folio size
     */
    record MarkedNode(PageTableTree.Node node, EnumMap<Change, Integer> changes, List<String> regions,
                      int pinnedPages, int pinnedByParent, int tablesPinnedByParent,
                      List<LargeFolioPages> largeFolios) {
        MarkedNode(PageTableTree.Node node, EnumMap<Change, Integer> changes) {
            this(node, changes, List.of(), 0, 0, 0, List.of());
        }
    }
}
