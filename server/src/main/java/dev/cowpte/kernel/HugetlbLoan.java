package dev.cowpte.kernel;

import dev.cowpte.mm.HugePageSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The hugetlb pools a scenario asks for ({@code machine hugetlb}), lent on the kernel for one
 * comparison: the helper raises each {@code nr_hugepages} by what the scenario's pool holds and
 * writes the old value back when it ends (quit, end of input, SIGTERM). Closing this gives the
 * pools back once more, for a helper that could not (killed with SIGKILL): whatever happens to
 * the run, the machine's pools are left as they were found.
 */
final class HugetlbLoan implements AutoCloseable {
    private final Path sysfs;
    private final Map<HugePageSize, Long> before = new EnumMap<>(HugePageSize.class);

    HugetlbLoan(Path sysfs) {
        this.sysfs = sysfs;
    }

    HugetlbLoan() {
        this(Path.of("/sys/kernel/mm/hugepages"));
    }

    private Path pool(HugePageSize size) {
        return sysfs.resolve("hugepages-" + (size.bytes() >>> 10) + "kB").resolve("nr_hugepages");
    }

    /**
     * Asks the helper for every pool of {@code wanted} that has pages. Returns why the scenario
     * cannot be run on this kernel (no such pool, not allowed, fewer pages than asked), or null.
     */
    String lend(OracleProcess oracle, Map<HugePageSize, Long> wanted) {
        for (Map.Entry<HugePageSize, Long> w : wanted.entrySet()) {
            HugePageSize size = w.getKey();
            long n = w.getValue();
            if (n <= 0) {
                continue;
            }
            try {
                before.putIfAbsent(size, Long.parseLong(Files.readString(pool(size)).trim()));
            } catch (IOException | NumberFormatException e) {
                return "this kernel has no pool of " + size.label() + " hugetlb pages (" + pool(size) + ")";
            }
            OracleProcess.Answer a = oracle.send("hugetlb " + (size.bytes() >>> 10) + " " + n);
            if (!a.ok()) {
                return "the kernel helper could not set the " + size.label() + " hugetlb pool: " + a.kind() + " "
                        + a.rest();
            }
            long got = Long.parseLong(a.rest().trim());
            if (got < n) {
                return "the scenario's machine hugetlb " + size.label() + " " + n + " needs " + n + " free "
                        + size.label() + " pages, and this kernel could make only " + got
                        + " (nr_hugepages: memory is short or too fragmented for pages this large)";
            }
        }
        return null;
    }

    /** Writes back every pool that is not as it was before the loan. */
    @Override
    public void close() {
        for (Map.Entry<HugePageSize, Long> b : before.entrySet()) {
            Path p = pool(b.getKey());
            try {
                if (Long.parseLong(Files.readString(p).trim()) != b.getValue()) {
                    Files.writeString(p, b.getValue() + "\n");
                }
            } catch (IOException | NumberFormatException e) {
                System.err.println("cowpte kernel: could not give back the " + b.getKey().label()
                        + " hugetlb pool (" + p + "): " + e.getMessage());
            }
        }
    }
}
