package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lsp.CursorDocument;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.InsertTextFormat;
import org.junit.jupiter.api.Test;

class CompletionServiceTest {
    private static List<CompletionItem> complete(String marked) {
        CursorDocument c = CursorDocument.of(marked);
        return CompletionService.complete(c.document(), c.cursor());
    }

    private static List<String> labels(String marked) {
        return complete(marked).stream().map(CompletionItem::getLabel).toList();
    }

    private static CompletionItem item(String marked, String label) {
        return complete(marked).stream().filter(i -> i.getLabel().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void statementTemplatesAtLineStart() {
        List<String> labels = labels("process parent\n|");
        assertTrue(labels.containsAll(List.of("fork", "mmap", "touch", "expect", "repeat", "exit")), labels.toString());
        CompletionItem fork = item("process parent\nfo|", "fork");
        assertEquals(InsertTextFormat.Snippet, fork.getInsertTextFormat());
        assertEquals("fork ${1:parent} -> ${2:child}", fork.getTextEdit().getLeft().getNewText());
        assertEquals(1, fork.getTextEdit().getLeft().getRange().getStart().getLine());
        assertEquals(0, fork.getTextEdit().getLeft().getRange().getStart().getCharacter());
        assertEquals(2, fork.getTextEdit().getLeft().getRange().getEnd().getCharacter());
    }

    @Test
    void templatesUseTheLatestProcessAndItsRegion() {
        CompletionItem touch = item("process a\nprocess b\nmmap b heap 4M\n|", "touch");
        assertEquals("touch ${1:b} ${2:heap}", touch.getTextEdit().getLeft().getNewText());
    }

    @Test
    void statementsInsideARepeatBody() {
        assertTrue(labels("process p\nrepeat 4 as i {\n  |\n}").contains("write"));
    }

    @Test
    void processesInScopeOnlyDeclaredAboveAndNotExited() {
        List<String> labels = labels("process a\nprocess b\nfork a -> c\nexit b\ntouch |\nprocess late");
        assertEquals(List.of("a", "c"), labels);
        assertEquals(CompletionItemKind.Variable, item("process a\ntouch |", "a").getKind());
    }

    @Test
    void processNameWhileTypingIsReplaced() {
        CompletionItem a = item("process parent\nexit par|", "parent");
        assertEquals(5, a.getTextEdit().getLeft().getRange().getStart().getCharacter());
        assertEquals("parent", a.getTextEdit().getLeft().getNewText());
    }

    @Test
    void instancesOfAFinishedRepeatAndTemplatesInsideIt() {
        String text = "process p\nrepeat 3 as i {\n  fork p -> w{i}\n  %s\n}\n%s";
        List<String> inside = labels(String.format(text, "exit |", ""));
        assertEquals(List.of("p", "w{i}"), inside);
        List<String> after = labels(String.format(text, "", "exit |"));
        assertEquals(List.of("p", "w0", "w1", "w2"), after);
    }

    @Test
    void regionsOfTheProcessIncludingInheritedOnes() {
        String text = "process p\nmmap p buf 1G\nmmap p secret 4K dontfork\nfork p -> c\nmmap c own 4K\nmmap p later 4K\n";
        assertEquals(List.of("own", "buf"), labels(text + "touch c |"));
        assertEquals(List.of("buf", "secret", "later"), labels(text + "touch p |"));
        assertEquals(CompletionItemKind.Field, item(text + "expect value p |", "buf").getKind());
        assertEquals(List.of("buf", "secret", "later"), labels(text + "expect shared p c |"));
    }

    @Test
    void policiesAfterPolicyAndForkPolicy() {
        assertEquals(dev.cowpte.mm.ForkPolicies.names(), labels("policy |"));
        assertEquals(dev.cowpte.mm.ForkPolicies.names(), labels("process p\nfork p -> c policy cow|"));
        assertEquals(List.of("policy"), labels("process p\nfork p -> c |"));
        assertEquals(List.of("->"), labels("process p\nfork p |"));
        assertEquals(List.of(), labels("process p\nfork p -> |"));
    }

    @Test
    void metricsAfterExpect() {
        assertEquals(List.of("pagetables", "tables", "rss", "memory", "refcount", "mapcount", "value", "faults",
                "shared", "private", "segv", "thp", "huge", "hugetlb", "mthp"), labels("expect |"));
        assertEquals(List.of("16K", "32K", "64K", "128K", "256K", "512K", "1M", "2M"), labels("expect mthp |"));
        assertEquals(List.of("anon_fault_alloc", "anon_fault_fallback", "split_deferred", "nr_anon",
                "nr_anon_partially_mapped"), labels("expect mthp 64K |"));
        assertEquals(List.of("p", "==", "!=", "<", "<=", ">", ">="), labels("process p\nexpect thp |"));
        assertEquals(List.of("K", "M", "G", "T", "P", "KiB", "MiB", "GiB", "TiB", "PiB"), labels("expect thp >= 2|"));
        assertEquals(List.of("buf"), labels("process p\nmmap p buf 4M\nexpect huge p |"));
    }

    @Test
    void levelsAndFaultKindsWithProcessesAndComparisons() {
        List<String> tables = labels("process p\nexpect tables |");
        assertTrue(tables.containsAll(List.of("pgd", "p4d", "pud", "pmd", "pte", "p", "==", "<=")), tables.toString());
        assertEquals(List.of("pgd", "p4d", "pud", "pmd", "pte", "==", "!=", "<", "<=", ">", ">="),
                labels("process p\nexpect tables p |"));
        assertEquals(List.of("==", "!=", "<", "<=", ">", ">="), labels("process p\nexpect tables p pte |"));
        List<String> faults = labels("process p\nexpect faults p |");
        assertTrue(faults.containsAll(List.of("cow", "zero", "table", "==")), faults.toString());
        assertFalse(faults.contains("pte"));
        assertEquals(List.of(), labels("process p\nexpect faults p == |"));
    }

    @Test
    void filesDeclaredBeforeAfterMmapsFileAndTheRssKindsAfterTheProcess() {
        String p = "file libc 2M\nprocess p\nmmap p buf 4M\n";
        assertEquals(List.of("libc"), labels(p + "mmap p lib 2M file |\nfile later 1M\n"));
        assertEquals(List.of("==", "!=", "<", "<=", ">", ">=", "anon", "file", "shmem"),
                labels(p + "expect rss p |"));
        assertEquals(List.of("==", "!=", "<", "<=", ">", ">="), labels(p + "expect rss p file |"));
        assertEquals("mremap P R SIZE [at ADDR]", item(p + "mre|", "mremap").getDetail());
    }

    @Test
    void advicesModesFlagsAndAccessKinds() {
        String p = "process p\nmmap p buf 4M\n";
        assertEquals(List.of("dontneed", "dontfork", "dofork", "wipeonfork", "keeponfork", "hugepage", "nohugepage"),
                labels(p + "madvise p buf |"));
        assertEquals(List.of("readonly", "readwrite"), labels(p + "mprotect p buf[0..4] |"));
        assertEquals(List.of("read", "write"), labels(p + "touch p buf |"));
        assertEquals(List.of("at", "file", "readonly", "dontfork", "wipeonfork", "hugepage", "nohugepage", "hugetlb", "mshare"),
                labels(p + "mmap p b2 4K shared |"));
        assertEquals(List.of(), labels(p + "mmap p b2 4K at |"));
    }

    @Test
    void unitsAfterANumberInAQuantitySlotOnly() {
        List<CompletionItem> units = complete("process p\nmmap p buf 64|");
        assertEquals(List.of("K", "M", "G", "T", "P", "KiB", "MiB", "GiB", "TiB", "PiB"),
                units.stream().map(CompletionItem::getLabel).toList());
        assertEquals(13, units.get(0).getTextEdit().getLeft().getRange().getStart().getCharacter());
        assertEquals(CompletionItemKind.Unit, units.get(0).getKind());
        assertEquals(List.of("K", "M", "G", "T", "P", "KiB", "MiB", "GiB", "TiB", "PiB"), labels("expect pagetables <= 2.1|"));
        assertEquals(List.of(), labels("process p\nexpect tables p == 3|"));
        assertEquals(List.of(), labels("repeat 3|"));
    }

    @Test
    void repeatVariablesInsideAnIndex() {
        String text = "process p\nmmap p buf 4M\nrepeat 4 as i {\n  repeat 2 as j {\n    touch p buf[|\n  }\n}";
        assertEquals(List.of("i", "j", "random"), labels(text));
    }

    @Test
    void aPageSetAfterTheBoundsOfARange() {
        String p = "process p\nmmap p buf 4M\n";
        assertEquals(List.of("step", "random"), labels(p + "write p buf[0..512 |"));
        assertEquals(List.of("step", "random"), labels(p + "touch p buf[8.. |"));
        assertEquals(List.of("random"), labels(p + "touch p buf[|"));
        assertEquals(List.of(), labels(p + "touch p buf[0.. step |"));
    }

    @Test
    void expectSegvTakesAnAccessStatement() {
        assertEquals(List.of("touch", "read", "write", "pin"), labels("process p\nexpect segv |"));
        assertEquals(List.of("p"), labels("process p\nexpect segv write |"));
    }

    @Test
    void machineSettings() {
        assertEquals(List.of("memory", "levels", "pt-reclaim", "fault-around", "thp", "seed", "hugetlb", "kernel"),
                labels("machine |"));
        assertEquals(List.of("never", "madvise", "always", "16K", "32K", "64K", "128K", "256K", "512K", "1M", "2M"),
                labels("machine thp |"));
        assertEquals(List.of("never", "madvise", "always", "inherit"), labels("machine thp 64K |"));
        assertEquals(List.of("6.1", "6.6", "6.12", "6.18"), labels("machine kernel |"));
        assertEquals(List.of("on", "off"), labels("machine fault-around |"));
        assertEquals(List.of("4", "5"), labels("machine levels |"));
        assertEquals(List.of("on", "off"), labels("machine pt-reclaim |"));
    }

    @Test
    void nothingInCommentsStringsOrNewNames() {
        assertEquals(List.of(), labels("process p\ntouch p # |"));
        assertEquals(List.of(), labels("scenario \"fo|"));
        assertEquals(List.of(), labels("process |"));
        assertEquals(List.of(), labels("process p\nmmap p |"));
    }
}
