package dev.cowpte.lang.check;

import dev.cowpte.lang.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The names of a scenario as the checker resolved them, computed once by the front end for every
 * reader after it (the language server's completion, hover, definition, references, rename):
 * each process and region name where it is written and the symbol(s) it resolves to, and before
 * each statement the processes alive, their regions and which pages of each are still mapped.
 */
public final class Names {
    public enum Kind { PROCESS, REGION, FILE }

    /**
     * What a name stands for: one declaration ({@code process}, {@code fork … -> C} or
     * {@code mmap}), written as {@code text} at {@code declaredAt}; a family when the text has
     * placeholders ({@code worker{i}}). A region inherited through fork is its mmap's symbol.
     */
    public record Symbol(Kind kind, String text, SourceRange declaredAt, boolean family) {
        // Written out, not left to the record's generated methods: the checker hashes symbols in
        // every run, and the generated ones cost a run's start the spinning of method handles.
        @Override
        public boolean equals(Object o) {
            return o instanceof Symbol s && kind == s.kind && family == s.family && text.equals(s.text)
                    && java.util.Objects.equals(declaredAt, s.declaredAt);
        }

        @Override
        public int hashCode() {
            return ((kind.hashCode() * 31 + text.hashCode()) * 31 + java.util.Objects.hashCode(declaredAt)) * 31
                    + Boolean.hashCode(family);
        }
    }

    /**
     * One written name. {@code process}: for a region, the process name it was written after.
     * {@code symbols}: what it resolves to (empty when the checker could not resolve it; more
     * than one when a family name stands for names declared apart).
     */
    public record Occurrence(Kind kind, String text, String process, SourceRange range, boolean declaration,
                             List<Symbol> symbols) {
    }

    /** Pages [from, to) of a region: mapped when {@code gone} is null, else why not; dontfork as madvised. */
    public record PageRun(long from, long to, String gone, boolean dontfork) {
    }

    /** A region of a process at a place: its name, symbol, inheritance depth (0: mapped by this process) and runs. */
    public record RegionView(String name, Symbol symbol, int inherited, List<PageRun> runs) {
        public boolean anyMapped() {
            return runs.stream().anyMatch(r -> r.gone() == null);
        }
    }

    /**
     * A living process at a place: its name (a family's written text where its variables are
     * bound, else one name per instance), its symbol, the parent it was forked from (or null).
     */
    public record ProcessView(String name, Symbol symbol, String parent, List<RegionView> regions) {
    }

    /** What is in scope at a place: repeat variables bound there (outermost first) and the living processes. */
    public record Scope(List<String> variables, List<ProcessView> processes) {
        static final Scope EMPTY = new Scope(List.of(), List.of());

        /** The process written as {@code name} here, or null. */
        public ProcessView process(String name) {
            for (ProcessView p : processes) {
                if (p.name().equals(name)) {
                    return p;
                }
            }
            return null;
        }
    }

    public static final Names NONE = new Names(List.of(), new TreeMap<>());

    private final List<Occurrence> occurrences;
    /** Scope keyed by the offset from which it holds (a statement's end, or a repeat's start + 1). */
    private final TreeMap<Integer, Scope> scopes;

    Names(List<Occurrence> occurrences, TreeMap<Integer, Scope> scopes) {
        this.occurrences = List.copyOf(occurrences);
        this.scopes = scopes;
    }

    /** Every written process and region name, in text order. */
    public List<Occurrence> occurrences() {
        return occurrences;
    }

    /**
     * The scope for a line starting at {@code lineStart}: after every statement that ends before
     * it, inside the repeats that begin on an earlier line and hold it. Scopes are written down
     * up to a bound on their total size (a scenario of many thousands of names); past it, the
     * last one written stands for the rest.
     */
    public Scope scopeAt(int lineStart) {
        Map.Entry<Integer, Scope> e = scopes.floorEntry(lineStart);
        return e == null ? Scope.EMPTY : e.getValue();
    }

    /** The distinct scopes written down, in text order. */
    public List<Scope> scopes() {
        return scopes.values().stream().distinct().toList();
    }

    /** Whether some process, at some place, has both regions. */
    public boolean coexist(Symbol a, Symbol b) {
        for (Scope scope : scopes.values()) {
            for (ProcessView p : scope.processes()) {
                boolean hasA = false;
                boolean hasB = false;
                for (RegionView r : p.regions()) {
                    hasA |= a.equals(r.symbol());
                    hasB |= b.equals(r.symbol());
                }
                if (hasA && hasB) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every occurrence that resolves to {@code symbol}, in text order. */
    public List<Occurrence> occurrencesOf(Symbol symbol) {
        List<Occurrence> out = new ArrayList<>();
        for (Occurrence o : occurrences) {
            if (o.symbols().contains(symbol)) {
                out.add(o);
            }
        }
        return out;
    }
}
