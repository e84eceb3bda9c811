package dev.cowpte.run;

import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.check.NameMessages;
import dev.cowpte.mm.Mm;
import java.util.ArrayList;
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
    /** The processes that have not exited or been killed, in order of creation. */
    private final Map<String, Mm> living = new LinkedHashMap<>();
    private final Map<String, Map<String, Region>> regions = new HashMap<>();
    /** Where each process that has not gone was declared, for "already declared at line N". */
    private final Map<String, SourceRange> declaredAt = new HashMap<>();
    private final Map<String, String> gone = new HashMap<>();
    /** Children whose fork failed, with why: "was never created: the fork at line 8 did not run". */
    private final Map<String, String> unborn = new HashMap<>();
    /** One copy of each "exited at line N" text. */
    private final Map<String, String> howTexts = new HashMap<>();
    /**
     * The how-texts of kills ("was killed by SIGSEGV at line 4"): which access faults only the run
     * knows, so a use after a kill keeps the run's own wording; a use after an exit reads as the
     * checker's.
     */
    private final java.util.Set<String> kills = new java.util.HashSet<>();

    void declare(String name, Mm mm, Name written) {
        requireFree(name, written);
        unborn.remove(name);
        processes.put(name, mm);
        declaredAt.put(name, written.range());
        living.put(name, mm);
        regions.put(name, new LinkedHashMap<>());
    }

    /** Words and codes as the front end's ({@link NameMessages}): the same problem reads the same at run time. */
    void requireFree(String name, Name written) {
        SourceRange range = written.range();
        if (gone.containsKey(name)) {
            throw new ScenarioError(range, DiagnosticCode.EXITED_PROCESS, NameMessages.nameOfAGoneProcess(name,
                    gone.get(name)));
        }
        SourceRange earlier = declaredAt.get(name);
        if (earlier != null) {
            throw new ScenarioError(range, DiagnosticCode.DUPLICATE_PROCESS, earlier.equals(range)
                    ? NameMessages.processDeclaredByAnEarlierIteration(name, written.text())
                    : NameMessages.processAlreadyDeclared(name, earlier.line()));
        }
    }

    /** The live process the name stands for. */
    Mm live(String name, SourceRange range) {
        Mm mm = processes.get(name);
        if (mm == null && gone.containsKey(name)) {
            String how = gone.get(name);
            throw new ScenarioError(range, DiagnosticCode.EXITED_PROCESS, kills.contains(how)
                    ? "process " + name + " " + how + "; it can not be used again"
                    : NameMessages.processGone(name, how));
        }
        if (mm == null && unborn.containsKey(name)) {
            throw new ScenarioError(range, DiagnosticCode.NEVER_CREATED, "process " + name + " " + unborn.get(name));
        }
        if (mm == null) {
            throw new ScenarioError(range, DiagnosticCode.UNDECLARED_PROCESS, "no process named " + name
                    + " (declare it with 'process " + name + "' or fork it)");
        }
        if (!mm.alive()) {
            throw new ScenarioError(range, DiagnosticCode.EXITED_PROCESS, "process " + name + " "
                    + gone.getOrDefault(name, "has exited") + "; it can not be used again");
        }
        return mm;
    }

    /**
     * Names a new region, after {@link #requireNoRegion} and the mmap. A name may be given again
     * once nothing of the region it named is mapped any more (LANGUAGE.md 1.1: until then it
     * names the addresses it had, mapped or not).
     */
    void addRegion(String process, Region region) {
        regions.get(process).put(region.name(), region);
    }

    void requireNoRegion(String process, Mm mm, String region, SourceRange range) {
        Region old = regions.getOrDefault(process, Map.of()).get(region);
        if (old != null && mm.mapsAny(old.start(), old.end())) {
            throw new ScenarioError(range, DiagnosticCode.DUPLICATE_REGION, old.declaredAt().equals(range)
                    ? NameMessages.regionMappedByAnEarlierIteration(region, process)
                    : NameMessages.regionAlreadyMapped(region, process, old.declaredAt().line()));
        }
    }

    Region region(String process, Name region, String regionName) {
        Region r = regions.getOrDefault(process, Map.of()).get(regionName);
        if (r == null) {
            throw new ScenarioError(region.range(), DiagnosticCode.UNDECLARED_REGION,
                    NameMessages.noSuchRegion(process, regionName));
        }
        return r;
    }

    /**
     * A forked child knows every region of its parent by name, those the fork did not copy
     * (dontfork) included: a name keeps naming its addresses, and an access there is a SIGSEGV.
     */
    void inherit(String parent, String child) {
        regions.get(child).putAll(regions.get(parent));
    }

    /**
     * Records that the fork meant to create {@code name} failed, so that a later use says so
     * instead of "no process named": the scenario did declare it, by that fork.
     */
    void markUnborn(String name, String why) {
        if (!processes.containsKey(name) && !gone.containsKey(name)) {
            unborn.put(name, why);
        }
    }

    /** Records how a process went away, for later messages ("exited at line 12"). */
    void markGone(String name, String how) {
        gone(name, how);
    }

    /** Records that a process was killed ("was killed by SIGSEGV at line 4"), which only the run knows. */
    void markKilled(String name, String how) {
        kills.add(how);
        gone(name, how);
    }

    private void gone(String name, String how) {
        // An exited process keeps only its name and how it went: its regions and its Mm are dropped,
        // so a million processes that came and went cost a name each.
        gone.put(name, howTexts.computeIfAbsent(how, h -> h));
        living.remove(name);
        processes.remove(name);
        declaredAt.remove(name);
        regions.remove(name);
    }

    /**
     * The living processes, as a list made only when read: each statement hands it to its
     * listeners, which mostly ignore it, so it must cost nothing per statement.
     */
    List<Mm> alive() {
        return new java.util.AbstractList<>() {
            private List<Mm> made;

            private List<Mm> made() {
                if (made == null) {
                    made = new ArrayList<>();
                    for (Mm mm : living.values()) {
                        if (mm.alive()) {
                            made.add(mm);
                        }
                    }
                }
                return made;
            }

            @Override
            public Mm get(int index) {
                return made().get(index);
            }

            @Override
            public int size() {
                return made().size();
            }
        };
    }
}
