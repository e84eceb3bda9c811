package dev.cowpte.lang;

import static dev.cowpte.lang.Analysis.analyze;
import static dev.cowpte.lang.Analysis.assertReported;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.cowpte.lang.Analysis.clean;
import static dev.cowpte.lang.Analysis.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The checks made before anything runs: names, regions, indexes, alignment, limits and placement. */
class CheckTest {

    @Test
    void hugetlbSizesAreTwoMegabytesOrOneGigabyte() {
        assertReported(analyze("machine hugetlb 4M 8"), 1, 17, "hugetlb-size", "2M or 1G pages, not 4M");
        assertReported(analyze("process p", "mmap p buf 4M hugetlb 64K"), 2, 23, "hugetlb-size", "not 64K");
        assertReported(analyze("process p", "mmap p buf 3M hugetlb"), 2, 12, "hugetlb-size",
                "3M is not a multiple of 2M");
        assertReported(analyze("process p", "mmap p buf 1G hugetlb 1G at 0x7e0000200000"), 2, 1, "hugetlb-size",
                "0x7e0000200000 is not");
        assertReported(analyze("process p", "mmap p buf 2M hugetlb hugepage"), 2, 1, "conflicting-options",
                "not hugetlb memory");
        assertReported(analyze("process p", "mmap p buf 2M hugetlb hugetlb 1G"), 2, 23, "duplicate-option",
                "'hugetlb' is given twice");
        assertReported(analyze("process p", "machine hugetlb 2M 8"), 2, 1, "machine-after-process");
    }

    @Test
    void mshareRegionsAre512GibAlignedAndSizedAndTakeNoOtherOption() {
        assertReported(analyze("process p", "mmap p db 300G mshare M"), 2, 11, "mshare-size",
                "a multiple of 512G (mshare_align, one pgd entry): 300G is not");
        assertReported(analyze("process p", "mmap p db 512G mshare M at 0x7e0040000000"), 2, 1, "mshare-size",
                "0x7e0040000000 is not");
        assertReported(analyze("process p", "mmap p db 512G shared mshare M"), 2, 1, "mshare-size",
                "'shared' does not go with 'mshare'");
        assertTrue(analyze("process p", "mmap p db 1T mshare M at 0x10000000000").diagnostics().isEmpty());
    }

    @Test
    void aProcessUsedBeforeItIsDeclared() {
        assertReported(analyze("touch p buf", "process p"), 1, 7, "undeclared-process",
                "process 'p' is not declared", "'process p'", "'fork P -> p'");
        assertReported(analyze("process a", "fork b -> c"), 2, 6, "undeclared-process", "'b'");
    }

    @Test
    void aFileIsDeclaredOnceBeforeItIsMappedAndIsAsLargeAsItsMappings() {
        assertReported(analyze("process p", "mmap p lib 2M file libc"), 2, 20, "undeclared-file",
                "file libc is not declared", "'file libc SIZE'");
        assertReported(analyze("file libc 1M", "file libc 2M"), 2, 6, "duplicate-file",
                "file libc is already declared at line 1");
        assertReported(analyze("file libc 1M", "process p", "mmap p lib 2M file libc"), 3, 12, "past-end-of-file",
                "the mapping of 2M is larger than file libc (1M, line 1)", "SIGBUS");
        assertReported(analyze("file libc 1M", "process p", "mmap p lib 1M file libc wipeonfork"), 3, 1,
                "conflicting-options", "'wipeonfork' applies to private anonymous memory only");
        clean("file libc 1M", "process libc", "mmap libc lib 256 file libc shared", "expect rss libc file == 0");
    }

    @Test
    void mremapTakesAWholeMappedRegionAndItsNameFollowsTheNewRange() {
        assertReported(analyze("process p", "mremap p buf 4M"), 2, 10, "undeclared-region", "has no region 'buf'");
        assertReported(analyze("process p", "mmap p buf 4M", "munmap p buf", "mremap p buf 8M"), 4, 10,
                "unmapped-region", "no longer mapped");
        assertReported(analyze("process p", "mmap p buf 4M", "mremap p buf 8M at 0x1001"), 3, 1, "unaligned-at");
        assertReported(analyze("process p", "mmap p buf 4M", "mremap p buf 0"), 3, 14, "zero-size");
        assertReported(analyze("process p", "mmap p a 2M at 0x7f00_0000_0000", "mmap p b 4M",
                "mremap p b 4M at 0x7f00_0010_0000"), 4, 1, "overlapping-at", "overlaps region 'a'");
        // the name now covers 8 MiB: a page past the old end is in it
        clean("process p", "mmap p buf 4M at 0x7f00_0000_0000", "mremap p buf 8M at 0x7f10_0000_0000",
                "touch p buf[1536]", "mremap p buf 1M", "expect rss p == 0");
        assertReported(analyze("process p", "mmap p buf 4M", "mremap p buf 1M", "touch p buf[300]"), 4, 13,
                "index-out-of-region", "has 256 pages (1M)");
    }

    @Test
    void aSecondProcessOfTheSameName() {
        assertReported(analyze("process p", "process p"), 2, 9, "duplicate-process", "'p' is already declared at line 1");
        assertReported(analyze("process p", "process q", "fork p -> q"), 3, 11, "duplicate-process",
                "'q' is already declared at line 2");
    }

    @Test
    void aProcessUsedAfterExitAndItsNameNotReused() {
        FrontEnd.Result result = analyze("process p", "mmap p buf 4", "exit p", "touch p buf", "process p");
        assertReported(result, 4, 7, "exited-process", "'p' exited at line 3");
        assertReported(result, 5, 9, "exited-process", "belonged to a process that exited at line 3",
                "can not be used again");
        assertReported(analyze("process p", "exit p", "exit p"), 3, 6, "exited-process");
        assertReported(analyze("process p", "process q", "exit q", "fork p -> q"), 4, 11, "exited-process");
    }

    @Test
    void aProcessKilledByAnExpectedSegvIsGone() {
        assertReported(analyze("process p", "mmap p buf 4", "expect segv touch p 0x1000", "touch p buf"),
                4, 7, "exited-process", "killed by the segmentation fault expected at line 3");
    }

    @Test
    void aRegionThatTheProcessDoesNotHave() {
        assertReported(analyze("process p", "touch p buf"), 2, 9, "undeclared-region",
                "process 'p' has no region 'buf'", "mmap p buf SIZE");
        assertReported(analyze("process p", "process q", "mmap q buf 4", "read p buf"), 4, 8, "undeclared-region");
        assertReported(analyze("process p", "mmap p buf 4", "munmap p buf", "touch p buf[0]"), 4, 9,
                "unmapped-region", "region 'buf' is no longer mapped in process 'p'", "unmapped at line 3",
                "expect segv");
    }

    @Test
    void aWriteToARegionMappedReadonlyIsASegvTheCheckKnows() {
        assertReported(analyze("process p", "mmap p ro 4 readonly", "write p ro[0] = 5"), 3, 1, "readonly-region",
                "region 'ro' is mapped readonly in process 'p' (line 2): a write there is a segmentation fault",
                "write 'expect segv' before the statement", "'mprotect p ro readwrite' first");
        // a child maps it readonly too
        assertReported(analyze("process p", "mmap p ro 4 readonly", "fork p -> c", "write c ro[3] = 1"), 4, 1,
                "readonly-region", "process 'c' (line 2)");
        // expected, made writable, or only read: fine
        clean("process p", "mmap p ro 4 readonly", "expect segv write p ro[0] = 5");
        clean("process p", "mmap p ro 4 readonly", "mprotect p ro[0] readwrite", "write p ro[0] = 5");
        clean("process p", "mmap p ro 4 readonly", "touch p ro", "read p ro[1]");
    }

    @Test
    void aPartialMunmapKeepsTheRegionAndAWholeOneAllowsMappingAgain() {
        clean("process p", "mmap p buf 16", "munmap p buf[0..8]", "touch p buf[9]", "munmap p buf",
                "mmap p buf 4", "touch p buf");
    }

    @Test
    void forkInheritsRegionsExceptDontfork() {
        clean("process p", "mmap p a 4 wipeonfork", "mmap p b 4", "fork p -> c", "touch c a", "touch c b");
        assertReported(analyze("process p", "mmap p a 4 dontfork", "fork p -> c", "touch c a"), 4, 9,
                "unmapped-region", "not copied by the fork at line 3 (dontfork)");
        assertReported(analyze("process p", "mmap p a 4", "madvise p a dontfork", "fork p -> c", "touch c a"), 5, 9,
                "unmapped-region");
        clean("process p", "mmap p a 4 dontfork", "madvise p a dofork", "fork p -> c", "touch c a");
        clean("process p", "mmap p a 4", "fork p -> c", "mmap p late 4", "mmap c late 8");
    }

    @Test
    void aSecondMmapOfTheSameRegion() {
        assertReported(analyze("process p", "mmap p buf 4", "mmap p buf 8"), 3, 8, "duplicate-region",
                "'buf' is already mapped in process 'p' (line 2)");
        clean("process p", "process q", "mmap p buf 4", "mmap q buf 8");
    }

    @Test
    void indexesOutsideTheRegion() {
        String p = "process p";
        String map = "mmap p buf 16";
        assertReported(analyze(p, map, "touch p buf[16]"), 3, 13, "index-out-of-region", "page 16",
                "has 16 pages");
        assertReported(analyze(p, map, "read p buf[64K]"), 3, 12, "index-out-of-region", "offset 64K");
        assertReported(analyze(p, map, "touch p buf[8..17]"), 3, 16, "index-out-of-region", "range end");
        assertReported(analyze(p, map, "touch p buf[16..]"), 3, 13, "index-out-of-region");
        assertReported(analyze(p, "mmap p buf 2M", "expect value p buf[2M] == 0"), 3, 20, "index-out-of-region");
        clean(p, map, "touch p buf[15]", "touch p buf[0..16]", "touch p buf[60K]", "touch p buf[15..]",
                "touch p buf[32K..64K]", "expect refcount p buf[12K] == 1");
        clean(p, "mmap p odd 5K", "touch p odd[1]", "touch p odd[0..8K]");
    }

    @Test
    void theTextbookSegfaultJustPastARegionIsAnsweredWithTheAddressToWrite() {
        // LANGUAGE.md: an index names a page of its region; the page past the end is reached by its address
        assertEquals("page 16 is outside the region: region 'buf' of 'p' has 16 pages (64K); the page there is not"
                        + " mapped: to access it, write its address, 0x7effffe10000 (as in 'expect segv write p"
                        + " 0x7effffe10000')",
                assertReported(analyze("process p", "mmap p buf 16", "expect segv write p buf[16]"), 3, 25,
                        "index-out-of-region").message());
        clean("process p", "mmap p buf 16", "expect segv write p 0x7effffe10000");
        // placed inside a repeat, where the front end does not place regions: no address is promised
        assertReported(analyze("process p", "mmap p a 4", "repeat 1 {", "  mmap p b 4", "}",
                "expect segv write p a[4]"), 6, 23, "index-out-of-region",
                "to access memory past its end, write the address there (as 0x…; 'show p a' prints where the region"
                        + " is mapped)");
    }

    @Test
    void anExpectationAboutAnUnmappedPageIsToldHowToExpectTheFault() {
        assertEquals("region 'buf' is no longer mapped in process 'p': it was unmapped at line 3; an access there is a"
                        + " segmentation fault (to expect the fault, write 'expect segv read p buf[0]')",
                assertReported(analyze("process p", "mmap p buf 4", "munmap p buf", "expect value p buf[0] == 0"),
                        4, 16, "unmapped-region").message());
        clean("process p", "mmap p buf 4", "munmap p buf", "expect segv read p buf[0]");
    }

    @Test
    void aRangeThatEndsBeforeItStarts() {
        assertReported(analyze("process p", "mmap p buf 16", "touch p buf[4..4]"), 3, 9, "empty-range",
                "end must be after its start");
        assertReported(analyze("process p", "mmap p buf 16", "touch p buf[8K..4K]"), 3, 9, "empty-range");
    }

    @Test
    void atMustBePageAlignedAndNotOverlap() {
        assertReported(analyze("process p", "mmap p a 4 at 0x1001"), 2, 1, "unaligned-at", "0x1001",
                "not page-aligned");
        assertReported(analyze("process p", "mmap p a 1G at 0x40000000", "mmap p b 1G at 0x60000000"), 3, 1,
                "overlapping-at", "overlaps region 'a'", "line 2");
        clean("process p", "mmap p a 1G at 0x40000000", "mmap p b 1G at 0x80000000");
        clean("process p", "process q", "mmap p a 1G at 0x40000000", "mmap q a 1G at 0x40000000");
    }

    @Test
    void sizesLargerThanTheAddressSpaceOrZero() {
        assertReported(analyze("process p", "mmap p a 256T"), 2, 10, "size-too-large",
                "larger than the address space (128T with 4 paging levels)");
        clean("machine levels 5", "process p", "mmap p a 256T");
        assertReported(analyze("machine levels 5", "process p", "mmap p a 65537T"), 3, 10, "size-too-large",
                "64P with 5 paging levels");
        assertReported(analyze("process p", "mmap p a 1G at 0x7fff_ffff_0000"), 2, 1, "size-too-large",
                "ends above the top of the address space");
        assertReported(analyze("process p", "mmap p a 0"), 2, 10, "zero-size");
        assertReported(analyze("process p", "mmap p a 0K"), 2, 10, "zero-size");
    }

    @Test
    void machineSettings() {
        assertReported(analyze("machine levels 3"), 1, 1, "machine-levels", "4 or 5", "not 3");
        assertReported(analyze("machine memory 0"), 1, 16, "machine-memory", "more than 0");
        clean("machine memory 1T", "machine memory 262144");
        assertReported(analyze("process p", "machine pt-reclaim on"), 2, 1, "machine-after-process",
                "before the first process (line 1)");
        assertReported(analyze("process p", "fork p -> q", "machine levels 5"), 3, 1, "machine-after-process");
    }

    @Test
    void machineMemoryUpTo64TWithFourLevelsAnd4PWithFive() {
        clean("machine memory 64T", "process p");
        clean("machine memory 64TiB", "machine levels 4");
        clean("machine memory 4P", "machine levels 5", "process p");
        clean("machine levels 5", "machine memory 4PiB");
        clean("machine memory 0.5P", "machine levels 5");
        assertReported(analyze("machine memory 65T", "process p"), 1, 16, "machine-memory",
                "machine memory of 65T is over the limit of 64T with 4 paging levels", "with 5 it may reach 4P",
                "add 'machine levels 5'");
        assertReported(analyze("machine memory 1P"), 1, 16, "machine-memory", "over the limit of 64T",
                "add 'machine levels 5'");
        assertReported(analyze("machine levels 5", "machine memory 5P"), 2, 16, "machine-memory",
                "machine memory of 5P is over the limit of 4P with 5 paging levels");
        assertReported(analyze("machine memory 8P"), 1, 16, "machine-memory", "over the limit of 64T with 4 paging levels",
                "4P with 5");
        assertFalse(analyze("machine memory 5P").diagnostics().get(0).message().contains("machine levels 5"));
    }

    @Test
    void theLimitOfMachineMemoryFollowsTheLevelsSetAfterIt() {
        clean("machine memory 2P", "machine pt-reclaim on", "machine levels 5", "process p");
        // the last levels line counts, wherever it stands among the machine lines
        assertReported(analyze("machine levels 5", "machine memory 2P", "machine levels 4"), 2, 16, "machine-memory",
                "over the limit of 64T with 4 paging levels", "add 'machine levels 5'");
    }

    @Test
    void sizesInTebibytesAndPebibytes() {
        clean("machine memory 64T", "process p", "mmap p buf 2T", "touch p buf[0..16]", "expect rss p == 64K");
        clean("machine levels 5", "process p", "mmap p buf 1P", "mmap p big 1.5PiB");
        assertReported(analyze("process p", "mmap p buf 1P"), 2, 12, "size-too-large", "128T with 4 paging levels");
    }

    @Test
    void theTitleOnlyFirst() {
        assertReported(analyze("process p", "scenario \"late\""), 2, 1, "scenario-not-first", "only be the first");
        assertReported(analyze("repeat 1 {", "  scenario \"inner\"", "}"), 2, 3, "scenario-not-first");
    }

    @Test
    void aMisspeltProcessOrRegionNameIsAnsweredWithTheNameMeant() {
        Diagnostic process = assertReported(analyze("process parent", "mmap parent buf 4", "touch parnet buf"), 3, 7,
                "undeclared-process", "process 'parnet' is not declared (did you mean 'parent'?)");
        assertFalse(process.message().contains("declare it first"), process.message());
        assertReported(analyze("process parent", "mmap parent buf 4", "touch parent bfu"), 3, 14,
                "undeclared-region", "process 'parent' has no region 'bfu' (did you mean 'buf'?)");
        // nothing close: how to declare it
        assertReported(analyze("process parent", "touch child buf"), 2, 7, "undeclared-process",
                "declare it first with 'process child'");
    }

    @Test
    void policyNamesAreKnown() {
        assertReported(analyze("policy cow-ptee"), 1, 8, "unknown-policy", "unknown policy 'cow-ptee'",
                "did you mean 'cow-pte'", "classic, cow-pte, cow-pte-rfc, odf");
        assertReported(analyze("process p", "fork p -> q policy fast"), 2, 20, "unknown-policy", "'fast'");
        clean("policy classic", "policy cow-pte", "policy cow-pte-rfc", "policy odf");
    }

    @Test
    void repeatLimits() {
        assertReported(analyze("repeat 1_000_001 {", "}"), 1, 1, "repeat-limit", "1,000,001", "limit of 1,000,000");
        clean("repeat 1_000_000 {", "  show", "}");
        assertReported(analyze("repeat 1000 {", "  repeat 1000 {", "    repeat 11 {", "      show", "    }", "  }", "}"),
                4, 7, "repeat-limit", "more than 10,000,000 statements");
        Diagnostic never = single(analyze("repeat 0 {", "  show", "}"));
        assertEquals(Diagnostic.Severity.WARNING, never.severity());
        assertEquals("repeat-never-runs", never.code().id());
    }

    @Test
    void variablesOnlyInsideTheirRepeat() {
        assertReported(analyze("process worker{i}"), 1, 9, "undeclared-variable", "'{i}' in 'worker{i}'",
                "repeat N as i");
        assertReported(analyze("process p", "mmap p buf 4", "touch p buf[i]"), 3, 13, "undeclared-variable",
                "'i' is not a repeat variable");
        assertReported(analyze("repeat 2 {", "  process w{i}", "}"), 2, 11, "undeclared-variable");
        assertReported(analyze("repeat 2 as i {", "  repeat 2 as i {", "  }", "}"), 2, 15, "duplicate-variable",
                "already the variable of the repeat at line 1");
        clean("process p", "mmap p buf 8", "repeat 2 as i {", "  repeat 4 as j {", "    touch p buf[j]",
                "    process w{i}_{j}", "  }", "}", "exit w1_3");
    }

    @Test
    void namesWithPlaceholdersFormFamilies() {
        clean("process parent", "mmap parent buf 64", "repeat 8 as i {", "  fork parent -> worker{i}",
                "  touch worker{i} buf[i]", "}", "touch worker3 buf", "exit worker7", "expect rss worker0 > 0");
        assertReported(analyze("repeat 8 as i {", "  process worker{i}", "}", "show worker8"), 4, 6,
                "undeclared-process", "'worker8'");
        assertReported(analyze("repeat 8 as i {", "  process worker{i}", "}", "exit worker3", "show worker3"), 5, 6,
                "exited-process", "exited at line 4");
        clean("repeat 8 as i {", "  process worker{i}", "}", "exit worker3", "show worker4",
                "repeat 3 as k {", "  show worker{k}", "}");
        assertReported(analyze("repeat 4 as i {", "  process w{i}", "}", "repeat 5 as k {", "  show w{k}", "}"),
                5, 8, "undeclared-process", "'w4' (w{k})");
    }

    @Test
    void aDeclarationRepeatedByTheNextIteration() {
        assertReported(analyze("repeat 2 {", "  process a", "}"), 2, 11, "duplicate-process",
                "earlier iteration of the repeat");
        assertReported(analyze("process p", "repeat 3 as i {", "  mmap p buf 4", "}"), 3, 10, "duplicate-region",
                "earlier iteration");
        assertReported(analyze("process p", "repeat 2 {", "  exit p", "}"), 3, 8, "exited-process");
        clean("process p", "repeat 3 {", "  mmap p buf 4", "  touch p buf", "  munmap p buf", "}");
        clean("repeat 1 {", "  process a", "}", "exit a");
    }

    @Test
    void aFamilyOfAMillionIsChecked() {
        clean("process parent", "mmap parent buf 4G", "repeat 1_000_000 as i {", "  fork parent -> w{i}",
                "  touch w{i} buf[i]", "  exit w{i}", "}");
        assertReported(analyze("process parent", "mmap parent buf 1G", "repeat 1_000_000 as i {",
                "  touch parent buf[i]", "}"), 4, 20, "index-out-of-region", "up to 999999");
    }

    @Test
    void expectSegvWrapsOnlyAnAccess() {
        assertReported(analyze("process p", "expect segv fork p -> q"), 2, 13, "segv-not-access",
                "touch, read, write or pin", "not 'fork'");
        assertReported(analyze("process p", "mmap p a 4", "expect segv munmap p a"), 3, 13, "segv-not-access");
        clean("process p", "mmap p a 4 readonly", "expect segv write p a[0] = 1");
        clean("process q", "expect segv read q 0x0");
        clean("process r", "expect segv pin r 0x0");
        clean("process s", "expect segv touch s 0x0 read");
    }

    @Test
    void numbersThatDoNotFitAreReportedNotWrapped() {
        assertReported(analyze("process p", "mmap p a 99999999999999999999"), 2, 10, "number-too-large",
                "too large");
        assertReported(analyze("process p", "mmap p a 0x1_0000_0000_0000_0000"), 2, 10, "number-too-large");
        assertReported(analyze("process p", "mmap p a 9999999999T"), 2, 10, "number-too-large");
        assertReported(analyze("process p", "mmap p a 1", "write p a = 0x1_0000_0000_0000_0000"), 3, 13,
                "number-too-large", "does not fit in 64 bits");
        assertReported(analyze("repeat 99999999999999999999999 {", "}"), 1, 8, "number-too-large");
        assertReported(analyze("machine levels 99999999999"), 1, 1, "machine-levels");
    }

    @Test
    void anOptionGivenTwice() {
        assertReported(analyze("process p", "mmap p a 4 shared shared"), 2, 19, "duplicate-option", "'shared'");
        assertReported(analyze("process p", "mmap p a 4 at 0x1000 at 0x2000"), 2, 22, "duplicate-option", "'at'");
    }

    @Test
    void statementsAfterEveryProcessExitedAreFine() {
        clean("process p", "exit p", "expect memory == 0", "expect pagetables == 0", "show");
    }

    /** LANGUAGE.md 1.1: names of memory a process no longer maps. */
    @Test
    void aRegionsNameKeepsNamingWhatAProcessNoLongerMaps() {
        // a fork that did not copy a region: expect segv works, a touch or a value is an error saying why
        clean("process p", "mmap p buf 4 dontfork", "fork p -> child", "expect segv write child buf[0]");
        assertReported(analyze("process p", "mmap p buf 4 dontfork", "fork p -> c", "expect value c buf[1] == 0"),
                4, 16, "unmapped-region", "region 'buf' is no longer mapped", "not copied by the fork at line 3");
        // in part: the part made dofork again came with the fork, the rest did not
        clean("process p", "mmap p buf 4M dontfork", "madvise p buf[512..] dofork", "fork p -> c",
                "touch c buf[512]", "expect segv write c buf[0]");
        assertReported(analyze("process p", "mmap p buf 4M", "madvise p buf[0..512] dontfork", "fork p -> c",
                "touch c buf[511..513]"), 5, 9, "unmapped-region", "page 511", "line 4");
        // addresses a child did not get are free for a new mapping there
        clean("process p", "mmap p buf 4M at 0x10000000", "madvise p buf[0..512] dontfork", "fork p -> c",
                "mmap c other 2M at 0x10000000", "touch c other", "touch c buf[512..]");
        assertReported(analyze("process p", "mmap p buf 4M at 0x10000000", "madvise p buf[0..512] dontfork",
                "fork p -> c", "mmap c other 2M at 0x10100000"), 5, 1, "overlapping-at");
        // a partial munmap: the rest stays usable, the hole is a segv
        clean("process p", "mmap p buf 16", "munmap p buf[4..8]", "touch p buf[0..4]", "touch p buf[8..]",
                "expect segv read p buf[5]");
        assertReported(analyze("process p", "mmap p buf 16", "munmap p buf[4..8]", "touch p buf"), 4, 9,
                "unmapped-region", "page 4", "unmapped at line 3");
        // in a repeat, with a variable
        assertReported(analyze("process p", "mmap p buf 16", "munmap p buf[10]", "repeat 16 as i {",
                "touch p buf[i]", "}"), 5, 9, "unmapped-region", "page 10");
        // an address is one page: a region's name alone is its first page, buf[A..B] is page A
        clean("process p", "mmap p buf 16", "munmap p buf[8..]", "expect value p buf == 0", "read p buf[0]",
                "expect value p buf[2..9] == 0", "expect mapcount p buf == 0", "show p buf");
        assertReported(analyze("process p", "mmap p buf 16", "munmap p buf[0..2]", "expect value p buf == 0"), 4, 16,
                "unmapped-region", "page 0");
        assertReported(analyze("process p", "mmap p buf 16", "munmap p buf[8..]", "touch p buf"), 4, 9,
                "unmapped-region", "page 8");
        assertReported(analyze("process p", "mmap p buf 16", "munmap p buf[10]", "repeat 16 as i {",
                "expect value p buf[i] == 0", "}"), 5, 16, "unmapped-region", "page 10");
        // one error, not a cascade: the name stays declared, so later uses are not "undeclared"
        FrontEnd.Result r = analyze("process p", "mmap p buf 4", "munmap p buf", "touch p buf", "expect segv read p buf");
        assertEquals(1, r.diagnostics().size(), Analysis.describe(r));
    }
}
