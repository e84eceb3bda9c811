package dev.cowpte.run;

import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.mm.Mm;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario's names for processes and their regions. A name stays taken after its process
 * exits or is killed, so a later use is reported with what happened to it.
 */
final class ProcessTable {
    private final Map<String, Mm> processes = new LinkedHashMap<>();
    private final Map<String, Map<String, Region>> regions = new HashMap<>();
    private final Map<String, String> gone = new HashMap<>();

    void declare(String name, Mm mm, SourceRange range) {
        requireFree(name, range);
        processes.put(name, mm);
        regions.put(name, new LinkedHashMap<>());
    }

    void requireFree(String name, SourceRange range) {
        if (processes.containsKey(name)) {
            throw new ScenarioError(range, "duplicate-name", "process " + name + " already exists"
                    + (gone.containsKey(name) ? " (it " + gone.get(name) + "); a name can not be used again" : ""));
        }
    }

    /** The live process the name stands for. */
    Mm live(String name, SourceRange range) {
        Mm mm = processes.get(name);
        if (mm == null) {
            throw new ScenarioError(range, "undeclared-name", "no process named " + name
                    + " (declare it with 'process " + name + "' or fork it)");
        }
        if (!mm.alive()) {
            throw new ScenarioError(range, "use-after-exit", "process " + name + " "
                    + gone.getOrDefault(name, "has exited") + "; it can not be used again");
        }
        return mm;
    }

    void addRegion(String process, Region region, SourceRange range) {
        Map<String, Region> own = regions.get(process);
        if (own.containsKey(region.name())) {
            throw new ScenarioError(range, "duplicate-name", "process " + process + " already has a region named "
                    + region.name());
        }
        own.put(region.name(), region);
    }

    void requireNoRegion(String process, String region, SourceRange range) {
        if (regions.getOrDefault(process, Map.of()).containsKey(region)) {
            throw new ScenarioError(range, "duplicate-name", "process " + process + " already has a region named "
                    + region);
        }
    }

    Region region(String process, Name region, String regionName) {
        Region r = regions.getOrDefault(process, Map.of()).get(regionName);
        if (r == null) {
            throw new ScenarioError(region.range(), "undeclared-name", "process " + process
                    + " has no region named " + regionName);
        }
        return r;
    }

    /** A forked child knows the parent's regions that came with it (not dontfork ones). */
    void inherit(String parent, String child, Mm childMm) {
        Map<String, Region> own = regions.get(child);
        for (Region r : regions.get(parent).values()) {
            boolean came = childMm.vmas().stream().anyMatch(v -> v.start() < r.end() && r.start() < v.end());
            if (came) {
                own.put(r.name(), r);
            }
        }
    }

    /** Records how a process went away, for later messages ("exited at line 12"). */
    void markGone(String name, String how) {
        gone.put(name, how);
    }

    /** The name of a process object, or its comm. */
    String nameOf(Mm mm) {
        for (Map.Entry<String, Mm> e : processes.entrySet()) {
            if (e.getValue() == mm) {
                return e.getKey();
            }
        }
        return mm.comm();
    }

    Collection<Mm> all() {
        return processes.values();
    }

    List<Mm> alive() {
        List<Mm> out = new ArrayList<>();
        for (Mm mm : processes.values()) {
            if (mm.alive()) {
                out.add(mm);
            }
        }
        return out;
    }
}
