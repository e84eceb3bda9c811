package dev.cowpte.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads what the running kernel says of a process and of its pages: {@code /proc/PID/status},
 * {@code stat}, {@code smaps_rollup}, {@code pagemap} and {@code mem}, and machine-wide
 * {@code /proc/meminfo}, {@code /proc/kpagecount} and {@code /proc/kpageflags}. Amounts are in
 * bytes. The layout of these files is documented in the kernel's
 * {@code Documentation/filesystems/proc.rst} and {@code Documentation/admin-guide/mm/pagemap.rst}.
 */
public final class ProcFs {
    private static final long PM_PRESENT = 1L << 63;
    private static final long PM_PFN_MASK = (1L << 55) - 1;
    /** {@code KPF_ZERO_PAGE} in {@code /proc/kpageflags}. */
    private static final int KPF_ZERO_PAGE = 24;
    /** {@code KPF_THP}. */
    private static final int KPF_THP = 22;

    private final Path proc;

    public ProcFs(Path proc) {
        this.proc = proc;
    }

    public ProcFs() {
        this(Path.of("/proc"));
    }

    /**
     * What one process shows in {@code status}, {@code stat} and {@code smaps_rollup}; {@code hugetlbPages}
     * is HugetlbPages.
     */
    public record ProcessCounters(long vmPte, long rssAnon, long rssShmem, long rssFile, long minorFaults,
                                  long anonHugePages, long hugetlbPages) {
        public ProcessCounters minus(ProcessCounters base) {
            return new ProcessCounters(vmPte - base.vmPte, rssAnon - base.rssAnon, rssShmem - base.rssShmem,
                    rssFile - base.rssFile, minorFaults - base.minorFaults, anonHugePages - base.anonHugePages,
                    hugetlbPages - base.hugetlbPages);
        }

        /** VmRSS: the three parts. */
        public long rss() {
            return rssAnon + rssShmem + rssFile;
        }
    }

    /** A page as the kernel maps it in one process: present or not, its pfn, mapcount and flags. */
    public record PageInfo(boolean present, long pfn, long mapcount, boolean zeroPage, boolean thp) {
        static final PageInfo ABSENT = new PageInfo(false, 0, 0, false, false);
    }

    public ProcessCounters counters(int pid) throws IOException {
        String status = read(proc.resolve(pid + "/status"));
        if (status.contains("\nState:\tZ") || status.contains("\nState:\tX")) {
            throw new IOException("process " + pid + " has died (a zombie not yet reaped)");
        }
        long minflt = minorFaults(read(proc.resolve(pid + "/stat")));
        long huge = 0;
        try {
            huge = kbField(read(proc.resolve(pid + "/smaps_rollup")), "AnonHugePages:").orElse(0L);
        } catch (IOException e) {
            huge = 0;
        }
        return new ProcessCounters(kbField(status, "VmPTE:").orElse(0L), kbField(status, "RssAnon:").orElse(0L),
                kbField(status, "RssShmem:").orElse(0L), kbField(status, "RssFile:").orElse(0L), minflt, huge,
                kbField(status, "HugetlbPages:").orElse(0L));
    }

    /** Field 10 of {@code /proc/PID/stat}, after the command name in parentheses. */
    static long minorFaults(String stat) {
        int close = stat.lastIndexOf(')');
        String[] f = stat.substring(close + 2).trim().split(" ");
        // f[0] is field 3 (state); minflt is field 10.
        return Long.parseLong(f[10 - 3]);
    }

    /**
     * Hugetlb memory in use on the machine, in bytes: for each pool under
     * {@code sys/kernel/mm/hugepages}, {@code nr_hugepages - free_hugepages} pages of its size.
     */
    public long hugetlbInUse() throws IOException {
        Path pools = proc.resolveSibling("sys/kernel/mm/hugepages");
        long bytes = 0;
        if (!Files.isDirectory(pools)) {
            return 0;
        }
        try (var dirs = Files.list(pools)) {
            for (Path d : dirs.toList()) {
                String name = d.getFileName().toString();
                if (!name.startsWith("hugepages-") || !name.endsWith("kB")) {
                    continue;
                }
                long kb = Long.parseLong(name.substring("hugepages-".length(), name.length() - 2));
                long total = Long.parseLong(read(d.resolve("nr_hugepages")).trim());
                long free = Long.parseLong(read(d.resolve("free_hugepages")).trim());
                bytes += (total - free) * kb * 1024;
            }
        }
        return bytes;
    }

    /** A {@code /proc/meminfo} field in bytes. */
    public Optional<Long> meminfo(String field) throws IOException {
        return kbField(read(proc.resolve("meminfo")), field + ":");
    }

    /** The kernel's view of the page at {@code address} in process {@code pid}. */
    public PageInfo page(int pid, long address) throws IOException {
        long entry = readLong(proc.resolve(pid + "/pagemap"), (address >>> 12) * 8);
        if ((entry & PM_PRESENT) == 0) {
            return PageInfo.ABSENT;
        }
        long pfn = entry & PM_PFN_MASK;
        long count = readLong(proc.resolve("kpagecount"), pfn * 8);
        long flags = readLong(proc.resolve("kpageflags"), pfn * 8);
        return new PageInfo(true, pfn, count, (flags >>> KPF_ZERO_PAGE & 1) != 0, (flags >>> KPF_THP & 1) != 0);
    }

    /**
     * What a load of 64 bits at {@code address} would return, without faulting anything in: a
     * present page through {@code /proc/PID/mem}; a page a {@code MAP_SHARED} mapping does not
     * map yet from the shmem object behind it ({@code /proc/PID/map_files}, which reads the page
     * cache, and a hole as zeros); a private page that is not there reads as 0.
     */
    public long value(int pid, long address) throws IOException {
        if (page(pid, address).present()) {
            return readLong(proc.resolve(pid + "/mem"), address);
        }
        for (String line : read(proc.resolve(pid + "/maps")).split("\n")) {
            String[] f = line.split("\\s+");
            if (f.length < 3) {
                continue;
            }
            int dash = f[0].indexOf('-');
            long start = Long.parseUnsignedLong(f[0].substring(0, dash), 16);
            long end = Long.parseUnsignedLong(f[0].substring(dash + 1), 16);
            if (Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0) {
                // anonymous private memory not mapped yet reads 0; shmem and files read their page
                boolean file = f.length > 4 && !f[4].equals("0");
                if (f[1].charAt(3) != 's' && !file) {
                    return 0;
                }
                long offset = Long.parseUnsignedLong(f[2], 16) + (address - start);
                return readLong(proc.resolve(pid + "/map_files/" + f[0]), offset);
            }
        }
        return 0;
    }

    /** The address ranges [start, end) of a process's mappings, from {@code /proc/PID/maps}. */
    public java.util.List<long[]> mappings(int pid) throws IOException {
        java.util.List<long[]> out = new java.util.ArrayList<>();
        for (String line : read(proc.resolve(pid + "/maps")).split("\n")) {
            int dash = line.indexOf('-');
            int sp = line.indexOf(' ');
            if (dash > 0 && sp > dash) {
                out.add(new long[] {Long.parseUnsignedLong(line.substring(0, dash), 16),
                        Long.parseUnsignedLong(line.substring(dash + 1, sp), 16)});
            }
        }
        return out;
    }

    /**
     * {@code AnonHugePages} of the vma of process {@code pid} that holds {@code address}, from
     * {@code /proc/PID/smaps}: the anonymous memory its huge PMDs map (the huge zero page not
     * counted); 0 when no vma holds the address.
     */
    public long vmaAnonHugePages(int pid, long address) throws IOException {
        boolean inside = false;
        for (String line : read(proc.resolve(pid + "/smaps")).split("\n")) {
            int dash = line.indexOf('-');
            int space = line.indexOf(' ');
            if (dash > 0 && space > dash && line.substring(0, dash).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
                long end = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                inside = Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
            } else if (inside && line.startsWith("AnonHugePages:")) {
                return kbField(line, "AnonHugePages:").orElse(0L);
            }
        }
        return 0;
    }

    /** A counter of {@code /proc/vmstat} ({@code thp_fault_fallback}, ...), or empty when the kernel has none. */
    public Optional<Long> vmstat(String name) throws IOException {
        for (String line : read(proc.resolve("vmstat")).split("\n")) {
            if (line.startsWith(name + " ")) {
                return Optional.of(Long.parseLong(line.substring(name.length() + 1).trim()));
            }
        }
        return Optional.empty();
    }

    /** Whether the pfns of pagemap and {@code /proc/kpagecount} are readable here: {@link #pfnProblems()} is empty. */
    public boolean pfnsReadable() {
        return pfnProblems().isEmpty();
    }

    /**
     * What keeps this process from reading pfns and page counts, each said precisely; empty when
     * {@code /proc/self/pagemap} gives a non-zero pfn for a page this process has touched (the
     * top of its stack, which holds its environment) and {@code /proc/kpagecount} and
     * {@code /proc/kpageflags} can be read at that pfn. The kernel zeroes the pfns of pagemap
     * for a reader without CAP_SYS_ADMIN, whatever its user id.
     */
    public java.util.List<String> pfnProblems() {
        java.util.List<String> out = new java.util.ArrayList<>();
        long address;
        long entry;
        try {
            address = stackAddress();
            entry = readLong(proc.resolve("self/pagemap"), (address >>> 12) * 8);
        } catch (IOException | RuntimeException e) {
            out.add(proc.resolve("self/pagemap") + " cannot be read (" + e.getMessage() + ")");
            return out;
        }
        if ((entry & PM_PRESENT) == 0) {
            out.add(proc.resolve("self/pagemap") + " shows the touched page at 0x" + Long.toHexString(address)
                    + " as not present");
            return out;
        }
        long pfn = entry & PM_PFN_MASK;
        if (pfn == 0) {
            out.add(proc.resolve("self/pagemap") + " gives pfn 0 for a touched page: reading pfns needs"
                    + " CAP_SYS_ADMIN, which this process lacks");
        }
        for (String file : new String[] {"kpagecount", "kpageflags"}) {
            Path f = proc.resolve(file);
            if (!Files.exists(f)) {
                out.add(f + " does not exist (a kernel without CONFIG_PROC_PAGE_MONITOR)");
                continue;
            }
            try {
                readLong(f, pfn * 8);
            } catch (IOException | RuntimeException e) {
                out.add(f + " cannot be read (" + e.getMessage() + "; it needs CAP_SYS_ADMIN)");
            }
        }
        return out;
    }

    private long stackAddress() throws IOException {
        for (String line : read(proc.resolve("self/maps")).split("\n")) {
            if (line.endsWith("[stack]")) {
                return Long.parseUnsignedLong(line.substring(line.indexOf('-') + 1, line.indexOf(' ')), 16) - 8;
            }
        }
        throw new IOException("no [stack] in /proc/self/maps");
    }

    /** The kernel's build configuration ({@code /proc/config.gz}), when it exposes it. */
    public Optional<String> kernelConfig() {
        Path gz = proc.resolve("config.gz");
        if (!Files.isReadable(gz)) {
            return Optional.empty();
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public boolean processExists(int pid) {
        return Files.exists(proc.resolve(Integer.toString(pid)));
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.ISO_8859_1);
    }

    private static long readLong(Path p, long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) {
                int n = ch.read(b, offset + b.position());
                if (n <= 0) {
                    throw new IOException(p + ": nothing to read at " + Long.toHexString(offset));
                }
            }
            return b.flip().getLong();
        } catch (NoSuchFileException e) {
            throw new IOException(p + ": no such file (the process is gone)", e);
        }
    }

    /** {@code Name:   1234 kB} → bytes. */
    static Optional<Long> kbField(String text, String name) {
        int i = text.startsWith(name) ? 0 : text.indexOf("\n" + name);
        if (i < 0) {
            return Optional.empty();
        }
        i += text.startsWith(name) ? 0 : 1;
        int end = text.indexOf('\n', i);
        String v = text.substring(i + name.length(), end < 0 ? text.length() : end).trim();
        if (v.endsWith("kB")) {
            return Optional.of(Long.parseLong(v.substring(0, v.length() - 2).trim()) * 1024);
        }
        return Optional.of(Long.parseLong(v));
    }
}
