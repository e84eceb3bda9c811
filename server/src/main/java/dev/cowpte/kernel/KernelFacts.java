package dev.cowpte.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the running kernel and machine allow a kernel comparison to do, read once: Linux or not,
 * root or not (shown only), the release, the THP mode, {@code CONFIG_PT_RECLAIM}, the paging
 * levels in use, the PGD's size, the memory available, and whether pfns are readable: whether
 * {@code /proc/self/pagemap} gives a non-zero pfn for a touched page and {@code /proc/kpagecount}
 * can be read ({@link ProcFs#pfnProblems()} says what is missing). That, not the user id, decides
 * whether mapcounts and huge walks are compared: root without CAP_SYS_ADMIN reads pfns as 0.
 */
public record KernelFacts(boolean linux, boolean root, String release, String arch, String thp,
                          Optional<Boolean> ptReclaim, int levels, long pgdBytes, long memAvailable,
                          boolean pfnsReadable) {

    public static KernelFacts read(ProcFs proc) {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                && Files.isDirectory(Path.of("/proc/self"));
        if (!linux) {
            return new KernelFacts(false, false, System.getProperty("os.name") + " " + System.getProperty("os.version"),
                    System.getProperty("os.arch"), "never", Optional.empty(), 4, 4096, 0, false);
        }
        String release = firstLine(Path.of("/proc/sys/kernel/osrelease")).orElse("unknown");
        String thp = firstLine(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"))
                .map(KernelFacts::bracketed).orElse("never");
        Optional<String> config = proc.kernelConfig().or(() -> read(Path.of("/boot/config-" + release)));
        Optional<Boolean> ptReclaim = config.map(c -> c.contains("\nCONFIG_PT_RECLAIM=y"));
        boolean la57 = read(Path.of("/proc/cpuinfo")).map(c -> c.contains(" la57")).orElse(false)
                && config.map(c -> c.contains("\nCONFIG_X86_5LEVEL=y")).orElse(false);
        boolean pti = firstLine(Path.of("/sys/devices/system/cpu/vulnerabilities/meltdown"))
                .map(s -> s.contains("PTI")).orElse(false);
        long avail;
        try {
            avail = proc.meminfo("MemAvailable").orElse(0L);
        } catch (IOException e) {
            avail = 0;
        }
        return new KernelFacts(true, uid() == 0, release, machineArch(), thp, ptReclaim, la57 ? 5 : 4,
                pti ? 8192 : 4096, avail, proc.pfnsReadable());
    }

    /** One line for reports: {@code Linux 6.18.44 x86-64, 4 levels, THP madvise, CONFIG_PT_RECLAIM=y}. */
    public String describe() {
        if (!linux) {
            return release + " (not Linux)";
        }
        return "Linux " + release + " " + arch + " (" + profile() + "), " + levels + " levels, THP " + thp + ", CONFIG_PT_RECLAIM="
                + ptReclaim.map(b -> b ? "y" : "n").orElse("unknown") + (pfnsReadable ? "" : ", pfns not readable");
    }

    /** Why nothing can be run on this machine, or empty when something can. */
    public List<String> blockers() {
        List<String> out = new ArrayList<>();
        if (!linux) {
            out.add("the kernel oracle needs Linux; this is " + release);
        } else if (!arch.equals("x86-64")) {
            out.add("the model is of x86-64 page tables; this machine is " + arch);
        }
        return out;
    }

    private static String machineArch() {
        String a = System.getProperty("os.arch", "");
        return a.equals("amd64") || a.equals("x86_64") ? "x86-64" : a;
    }

    private static int uid() {
        return read(Path.of("/proc/self/status")).flatMap(s -> s.lines().filter(l -> l.startsWith("Uid:")).findFirst())
                .map(l -> Integer.parseInt(l.substring(4).trim().split("\\s+")[1])).orElse(-1);
    }

    private static String bracketed(String s) {
        int a = s.indexOf('[');
        int b = s.indexOf(']');
        return a >= 0 && b > a ? s.substring(a + 1, b) : s.trim();
    }

    /** The running kernel's release ({@code /proc/sys/kernel/osrelease}), or null. */
    static String runningRelease() {
        return firstLine(Path.of("/proc/sys/kernel/osrelease")).orElse(null);
    }

    /** Whether the running kernel has {@code CONFIG_PT_RECLAIM=y}, from its config; empty when the config is not readable. */
    static Optional<Boolean> ptReclaim(ProcFs proc, String release) {
        return proc.kernelConfig().or(() -> read(Path.of("/boot/config-" + release)))
                .map(c -> c.contains("\nCONFIG_PT_RECLAIM=y"));
    }

    /** The kernel profile this kernel's rules are (the newest at or below its release), as reports name it. */
    public String profile() {
        return dev.cowpte.lang.check.KernelProfile.forRelease(release).map(p -> "profile " + p.version())
                .orElse("older than every profile");
    }

    private static Optional<String> firstLine(Path p) {
        return read(p).map(s -> s.lines().findFirst().orElse("").trim());
    }

    private static Optional<String> read(Path p) {
        try {
            return Optional.of(Files.readString(p, StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
