package dev.cowpte.gen;

import dev.cowpte.gen.MemoryModel.Page;
import dev.cowpte.gen.MemoryModel.Proc;
import dev.cowpte.gen.MemoryModel.Region;
import dev.cowpte.mm.ForkPolicies;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Valid scenarios with the values Linux gives written into them: each step picks a statement
 * that the language accepts in the state {@link MemoryModel} keeps, applies it to the model, and
 * now and then writes {@code expect value} lines with the model's values; an access the model
 * says faults is written as {@code expect segv}. A scenario ends with every live process's
 * values checked, every process exiting and {@code expect memory == 0}.
 *
 * <p>The steps come from a list of integers, one per step (its remainder picks the statement,
 * its quotient seeds the statement's details), so that a property-based test shrinks a failing
 * scenario by dropping and lowering integers. The same list always gives the same text.
 */
public final class ValidScenarios {

    /** A generated scenario and the number of expectations it holds (each runs once). */
    public record Scenario(String text, int expectations) {
    }

    private static final int[] SIZES = {1, 2, 3, 8, 16, 64, 100, 511, 512, 513, 600, 1024, 1025};
    private static final long[] VALUES = {1, 2, 3, 5, 7, 9, 0x10, 42, -1, -42, 1_000_000_007L,
        0x7fff_ffff_ffff_ffffL, 0x1234_5678_9abc_def0L};
    private static final String[] ADVICE = {"dontneed", "dontneed", "dontfork", "dofork", "wipeonfork", "keeponfork"};
    private static final long AT_BASE = 0x10000000L >>> 12;   // regions placed with `at`, upward from 256 MiB
    private static final long TOP_DOWN_KEYS = 1L << 40;      // made-up keys for regions placed top-down
    private static final int MAX_LIVE = 6;
    private static final int MAX_REGIONS = 8;

    private final MemoryModel model = new MemoryModel();
    private final List<String> lines = new ArrayList<>();
    private final List<String> policies = ForkPolicies.names();
    private int expectations;
    private int names;
    private long atCursor = AT_BASE;
    private long topDownCursor = TOP_DOWN_KEYS;

    private ValidScenarios() {
    }

    /** The scenario the steps describe. */
    public static Scenario generate(List<Integer> steps) {
        ValidScenarios g = new ValidScenarios();
        Random header = new Random(steps.isEmpty() ? 0 : steps.get(0));
        g.header(header);
        for (int step : steps) {
            int value = step & Integer.MAX_VALUE;
            g.step(value % 32, new Random(value / 32));
        }
        g.finish();
        return new Scenario(String.join("\n", g.lines) + "\n", g.expectations);
    }

    private void header(Random rnd) {
        if (rnd.nextInt(3) == 0) {
            lines.add("machine pt-reclaim on");
        }
        if (rnd.nextInt(4) == 0) {
            lines.add("machine fault-around off");
        }
        if (rnd.nextInt(8) == 0) {
            lines.add("machine levels 5");
        }
        newProcess();
    }

    private void step(int kind, Random rnd) {
        if (model.live.isEmpty()) {
            newProcess();
        }
        Proc p = pickProcess(rnd);
        switch (kind) {
            case 0, 1, 2 -> mmap(p, rnd);
            case 3, 4, 5, 6 -> fork(p, rnd);
            case 7, 8, 9, 10, 11, 12 -> write(p, rnd);
            case 13, 14 -> touch(p, rnd);
            case 15 -> read(p, rnd);
            case 16, 17 -> munmap(p, rnd);
            case 18, 19 -> mprotect(p, rnd);
            case 20, 21, 22 -> madvise(p, rnd);
            case 23, 24 -> pin(p, rnd);
            case 25, 26 -> check(rnd, 1 + rnd.nextInt(3));
            case 27, 28, 29 -> segv(p, rnd);
            case 30 -> exit(p);
            default -> {
                if (model.live.size() < 3) {
                    newProcess();
                } else {
                    check(rnd, 1);
                }
            }
        }
    }

    /** A live process, most often one that maps something. */
    private Proc pickProcess(Random rnd) {
        List<Proc> procs = model.liveProcesses();
        List<Proc> mapping = procs.stream().filter(p -> !p.pages.isEmpty()).toList();
        List<Proc> from = mapping.isEmpty() || rnd.nextInt(5) == 0 ? procs : mapping;
        return from.get(rnd.nextInt(from.size()));
    }

    // ---- statements ----

    private void newProcess() {
        String name = "p" + names++;
        model.process(name);
        lines.add("process " + name);
    }

    private void mmap(Proc p, Random rnd) {
        if (p.regions.size() >= MAX_REGIONS) {
            return;
        }
        int pages = SIZES[rnd.nextInt(rnd.nextInt(4) == 0 ? SIZES.length : 9)];
        boolean shared = rnd.nextInt(4) == 0;
        boolean readonly = rnd.nextInt(6) == 0;
        boolean dontfork = rnd.nextInt(6) == 0;
        boolean wipeonfork = !shared && rnd.nextInt(5) == 0;
        String name = "r" + names++;
        List<String> options = new ArrayList<>();
        long start;
        if (!p.holes && rnd.nextInt(3) == 0) {
            start = topDownCursor;
            topDownCursor += pages + 1;
        } else {
            switch (rnd.nextInt(4)) {
                case 0 -> { } // right after the last one: the kernel would merge them
                case 1 -> atCursor += 1 + rnd.nextInt(16);
                case 2 -> atCursor = (atCursor + 511) / 512 * 512;
                default -> atCursor = (atCursor + 511) / 512 * 512 + 512 - 1 - rnd.nextInt(4); // across a table's end
            }
            start = atCursor;
            atCursor += pages;
            options.add(String.format("at 0x%x", start << 12));
        }
        if (shared) {
            options.add("shared");
        }
        if (readonly) {
            options.add("readonly");
        }
        if (dontfork) {
            options.add("dontfork");
        }
        if (wipeonfork) {
            options.add("wipeonfork");
        }
        if (rnd.nextInt(3) == 0) {
            Collections.shuffle(options, rnd);
        }
        String size = rnd.nextInt(4) == 0 ? (pages * 4) + "K" : Integer.toString(pages);
        lines.add("mmap " + p.name + " " + name + " " + size + (options.isEmpty() ? "" : " " + String.join(" ", options)));
        model.mmap(p, name, start, pages, shared, readonly, dontfork, wipeonfork);
        if (!readonly && rnd.nextBoolean()) {
            long value = VALUES[rnd.nextInt(VALUES.length)];
            lines.add("write " + p.name + " " + name + " = " + value);
            model.access(p, p.regions.get(name), 0, pages, true, value);
        }
        maybeCheck(rnd);
    }

    private void fork(Proc p, Random rnd) {
        if (model.live.size() >= MAX_LIVE) {
            exit(p);
            return;
        }
        String child = "c" + names++;
        String policy = rnd.nextInt(6) == 0 ? " policy " + policies.get(rnd.nextInt(policies.size())) : "";
        lines.add("fork " + p.name + " -> " + child + policy);
        model.fork(p, child);
        maybeCheck(rnd);
    }

    private void write(Proc p, Random rnd) {
        Target t = target(p, rnd);
        if (t == null || MemoryModel.wouldFault(p, t.region, t.from, t.to, true) >= 0) {
            return;
        }
        long value = VALUES[rnd.nextInt(VALUES.length)];
        boolean plain = value == 1 && rnd.nextBoolean();
        lines.add("write " + p.name + " " + t.text + (plain ? "" : " = " + value));
        model.access(p, t.region, t.from, t.to, true, value);
        maybeCheck(rnd);
    }

    private void touch(Proc p, Random rnd) {
        Target t = target(p, rnd);
        boolean write = rnd.nextInt(3) != 0;
        if (t == null || MemoryModel.wouldFault(p, t.region, t.from, t.to, write) >= 0) {
            return;
        }
        String kind = write ? (rnd.nextBoolean() ? "" : " write") : " read";
        lines.add("touch " + p.name + " " + t.text + kind);
        model.access(p, t.region, t.from, t.to, write, 0);
        maybeCheck(rnd);
    }

    private void read(Proc p, Random rnd) {
        Target t = target(p, rnd);
        if (t == null || MemoryModel.wouldFault(p, t.region, t.from, t.from + 1, false) >= 0) {
            return;
        }
        lines.add("read " + p.name + " " + page(t.region, t.from, rnd, true));
    }

    private void munmap(Proc p, Random rnd) {
        Target t = target(p, rnd);
        if (t == null) {
            return;
        }
        lines.add("munmap " + p.name + " " + t.text);
        model.munmap(p, t.region, t.from, t.to);
        maybeCheck(rnd);
    }

    private void mprotect(Proc p, Random rnd) {
        Target t = mappedTarget(p, rnd);
        if (t == null) {
            return;
        }
        boolean writable = rnd.nextInt(3) == 0;
        lines.add("mprotect " + p.name + " " + t.text + (writable ? " readwrite" : " readonly"));
        model.mprotect(p, t.region, t.from, t.to, writable);
    }

    private void madvise(Proc p, Random rnd) {
        Target t = mappedTarget(p, rnd);
        if (t == null) {
            return;
        }
        String advice = ADVICE[rnd.nextInt(ADVICE.length)];
        if (t.region.shared() && advice.equals("wipeonfork")) {
            advice = "dontneed";
        }
        lines.add("madvise " + p.name + " " + t.text + " " + advice);
        model.madvise(p, t.region, t.from, t.to, advice);
        maybeCheck(rnd);
    }

    private void pin(Proc p, Random rnd) {
        for (Region r : p.regions.values()) {
            for (int i = 0; i < r.pages(); i++) {
                Page page = p.page(r, i);
                if (page != null && page.pins > 0 && rnd.nextBoolean()) {
                    lines.add("unpin " + p.name + " " + page(r, i, rnd, false));
                    model.pin(p, r, i, i + 1, -1);
                    return;
                }
            }
        }
        Target t = mappedTarget(p, rnd);
        if (t == null) {
            return;
        }
        lines.add("pin " + p.name + " " + t.text);
        model.pin(p, t.region, t.from, t.to, 1);
    }

    /** An access the model says faults, written as {@code expect segv}, in p or in a child forked to probe. */
    private void segv(Proc p, Random rnd) {
        List<int[]> faults = new ArrayList<>();
        List<Region> regions = new ArrayList<>(p.regions.values());
        for (int r = 0; r < regions.size(); r++) {
            Region region = regions.get(r);
            for (int i = 0; i < region.pages(); i++) {
                Page page = p.page(region, i);
                if (page == null || !page.writable) {
                    faults.add(new int[] {r, i, page == null ? 1 : 0});
                }
            }
        }
        Proc in = p;
        if (rnd.nextBoolean() && model.live.size() < MAX_LIVE) {
            String probe = "c" + names++;
            lines.add("fork " + p.name + " -> " + probe);
            in = model.fork(p, probe);
            for (int r = 0; r < regions.size(); r++) { // pages the probe lost at fork (dontfork)
                Region region = regions.get(r);
                for (int i = 0; i < region.pages(); i++) {
                    if (p.mapped(region, i) && !in.mapped(region, i)) {
                        faults.add(new int[] {r, i, 1});
                    }
                }
            }
        }
        if (faults.isEmpty()) {
            return;
        }
        int[] f = faults.get(rnd.nextInt(faults.size()));
        Region region = regions.get(f[0]);
        int i = f[1];
        boolean unmapped = !in.mapped(region, i);
        int from = rnd.nextInt(3) == 0 ? rnd.nextInt(i + 1) : i;
        int to = rnd.nextInt(3) == 0 ? i + 1 + rnd.nextInt(region.pages() - i) : i + 1;
        String range = range(region, from, to, rnd);
        String access;
        boolean write;
        long value = 0;
        if (unmapped && to == from + 1 && rnd.nextInt(3) == 0) {
            access = "read " + in.name + " " + page(region, from, rnd, true);
            write = false;
        } else if (unmapped && rnd.nextBoolean()) {
            access = "touch " + in.name + " " + range + " read";
            write = false;
        } else if (rnd.nextBoolean()) {
            value = VALUES[rnd.nextInt(VALUES.length)];
            access = "write " + in.name + " " + range + " = " + value;
            write = true;
        } else {
            access = "touch " + in.name + " " + range;
            write = true;
        }
        if (MemoryModel.wouldFault(in, region, from, to, write) < 0) {
            throw new IllegalStateException("the model expected a fault in " + access);
        }
        lines.add("expect segv " + access);
        expectations++;
        model.access(in, region, from, to, write, value);
        maybeCheck(rnd);
    }

    private void exit(Proc p) {
        lines.add("exit " + p.name);
        model.exit(p);
    }

    // ---- expectations ----

    private void maybeCheck(Random rnd) {
        if (rnd.nextInt(3) == 0) {
            check(rnd, 1 + rnd.nextInt(2));
        }
    }

    /** {@code expect value} lines for n mapped pages of live processes. */
    private void check(Random rnd, int n) {
        List<Proc> procs = model.liveProcesses();
        for (int k = 0; k < n && !procs.isEmpty(); k++) {
            Proc p = procs.get(rnd.nextInt(procs.size()));
            List<Region> regions = new ArrayList<>(p.regions.values());
            if (regions.isEmpty()) {
                continue;
            }
            Region r = regions.get(rnd.nextInt(regions.size()));
            int i = interestingPage(r, rnd);
            if (p.mapped(r, i)) {
                expectValue(p, r, i, rnd);
            }
        }
    }

    private void expectValue(Proc p, Region r, int i, Random rnd) {
        long v = p.page(r, i).load();
        String op = "==";
        long shown = v;
        int form = rnd.nextInt(8);
        if (form == 0 && v != Long.MAX_VALUE) {
            op = rnd.nextBoolean() ? "!=" : "<";
            shown = v + 1;
        } else if (form == 1 && v != Long.MIN_VALUE) {
            op = rnd.nextBoolean() ? "≥" : ">";
            shown = v - 1;
        }
        lines.add("expect value " + p.name + " " + page(r, i, rnd, true) + " " + op + " " + shown);
        expectations++;
    }

    /** Checks every live process's values, then every process exits and nothing is left. */
    private void finish() {
        Random rnd = new Random(expectations * 31L + lines.size());
        for (Proc p : model.liveProcesses()) {
            for (Region r : p.regions.values()) {
                for (int i : new int[] {0, r.pages() - 1, 511, 512, rnd.nextInt(r.pages())}) {
                    if (i < r.pages() && p.mapped(r, i)) {
                        expectValue(p, r, i, rnd);
                    }
                }
            }
        }
        for (Proc p : model.liveProcesses()) {
            exit(p);
        }
        lines.add("expect memory == 0");
        expectations++;
    }

    // ---- targets ----

    private record Target(Region region, int from, int to, String text) {
    }

    /** A range of one of p's regions, mapped or not. */
    private Target target(Proc p, Random rnd) {
        if (p.regions.isEmpty()) {
            return null;
        }
        List<Region> regions = new ArrayList<>(p.regions.values());
        Region r = regions.get(rnd.nextInt(regions.size()));
        int n = r.pages();
        int from;
        int to;
        switch (rnd.nextInt(6)) {
            case 0 -> {
                from = 0;
                to = n;
            }
            case 1 -> {
                from = interestingPage(r, rnd);
                to = from + 1;
            }
            case 2 -> {
                from = rnd.nextInt(n);
                to = n;
            }
            case 3 -> {
                from = n > 512 ? 508 + rnd.nextInt(4) : rnd.nextInt(n);
                to = Math.min(n, from + 1 + rnd.nextInt(8));
            }
            default -> {
                from = rnd.nextInt(n);
                to = from + 1 + rnd.nextInt(n - from);
            }
        }
        return new Target(r, from, to, range(r, from, to, rnd));
    }

    /** A range whose every page p maps: a target, or its first mapped page. */
    private Target mappedTarget(Proc p, Random rnd) {
        Target t = target(p, rnd);
        if (t == null || p.allMapped(t.region, t.from, t.to)) {
            return t;
        }
        for (int i = t.from; i < t.to; i++) {
            if (p.mapped(t.region, i)) {
                return new Target(t.region, i, i + 1, page(t.region, i, rnd, false));
            }
        }
        return null;
    }

    private static int interestingPage(Region r, Random rnd) {
        int n = r.pages();
        return switch (rnd.nextInt(5)) {
            case 0 -> 0;
            case 1 -> n - 1;
            case 2 -> Math.min(n - 1, 511 + rnd.nextInt(2));
            default -> rnd.nextInt(n);
        };
    }

    /** Pages [from, to) of r as the language writes them, in pages or bytes. */
    private static String range(Region r, int from, int to, Random rnd) {
        int n = r.pages();
        if (from == 0 && to == n && rnd.nextBoolean()) {
            return r.name();
        }
        if (to == from + 1 && rnd.nextBoolean()) {
            return page(r, from, rnd, false);
        }
        if (to == n && rnd.nextBoolean()) {
            return r.name() + "[" + from + "..]";
        }
        if (rnd.nextInt(4) == 0) {
            return r.name() + "[" + from * 4 + "K.." + to * 4 + "K]";
        }
        return r.name() + "[" + from + ".." + to + "]";
    }

    /** Page i of r as one page: a range of one page, or (asAddress) where an address is expected, as the bare name for page 0. */
    private static String page(Region r, int i, Random rnd, boolean asAddress) {
        return switch (rnd.nextInt(6)) {
            case 0 -> r.name() + "[" + (i * 4 + rnd.nextInt(4)) + "K]"; // any byte of the page
            case 1 -> i == 0 && asAddress ? r.name() : r.name() + "[" + i + "]";
            default -> r.name() + "[" + i + "]";
        };
    }
}
