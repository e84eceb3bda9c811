package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `cowpte run` shows of hugetlb memory: the walk through a shared pmd table, and its sharers. */
class HugetlbShowTest {
    @TempDir
    Path dir;

    @Test
    void showWalksThroughTheSharedPmdTableToTheHugetlbEntry() throws Exception {
        Path f = Files.writeString(dir.resolve("h.cowpte"), """
                machine hugetlb 2M 512
                process p
                mmap p buf 1G shared hugetlb at 0x7e0000000000
                write p buf[1029] = 7
                fork p -> c
                read c buf[1029]
                show c buf[1029]
                show c
                """);
        Cli r = Cli.run("run", f.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("vma buf 0x7e0000000000-0x7e0040000000 rw-s 1 GiB hugetlb 2M"), r.out());
        assertTrue(r.out().contains("pmd #") && r.out().contains("refcount 2, sharers p, c"), r.out());
        assertTrue(r.out().contains("hugetlb 2M page (pmd entry 2, no PTE table): hugetlb#1, a page of the shared"
                + " mapping's file, mapcount 1, refcount 2, writable; 4 KiB page 5 of it: value 7"), r.out());
        assertTrue(r.out().contains("process c (pid 2): rss 0 pages (anon 0, shmem 0), pgtables_bytes 8 KiB\n"),
                r.out());
    }

    @Test
    void compareShowsHugetlbPagesBesideThePolicies() throws Exception {
        Path f = Files.writeString(dir.resolve("p.cowpte"), """
                machine hugetlb 2M 4
                process p
                mmap p buf 4M hugetlb
                touch p buf
                fork p -> c
                """);
        Cli r = Cli.run("compare", f.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*process c\\n.*HugetlbPages\\s+4 MiB\\s+4 MiB.*"), r.out());
    }

    @Test
    void theReportTreesSayWhichPmdTableIsSharedAndByWhom() throws Exception {
        Path f = Files.writeString(dir.resolve("r.cowpte"), """
                machine hugetlb 2M 512
                process p
                mmap p buf 1G shared hugetlb at 0x7e0000000000
                touch p buf[0..1024]
                fork p -> c
                touch c buf[0..1024] read
                """);
        Path html = dir.resolve("r.html");
        Cli r = Cli.run("report", f.toString(), "-o", html.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String page = Files.readString(html);
        assertTrue(page.contains("shared ×2"), "the pmd table's box");
        assertTrue(page.contains("pmd table covering 1 GiB, refcount 2: reached by p, c"), "its tooltip");
    }
}
