package dev.cowpte.lang.check;

import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Address;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.NameTemplate;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.ast.Statements;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes down what {@link NameChecker} finds while it follows the names, as {@link Names}: the
 * symbols declared, what each written name resolves to, and the scope after each statement it
 * follows for the first time (a repeat's first iteration; the state after the whole repeat).
 */
final class NameRecorder {
    /** Instances of a family listed one by one in a scope, at most. */
    static final int MAX_INSTANCES = 64;
    /** Processes and regions written into scopes in all, at most; later scopes repeat the last. */
    static final int MAX_SCOPE_ENTRIES = 250_000;

    private final Map<Integer, Names.Occurrence> written = new LinkedHashMap<>();
    private final Map<Integer, Set<Names.Symbol>> resolved = new HashMap<>();
    private final Map<Integer, Names.Symbol> processSymbols = new HashMap<>();
    private final Map<Integer, Names.Symbol> regionSymbols = new HashMap<>();
    private final Map<Integer, Names.Symbol> fileSymbols = new HashMap<>();
    private final TreeMap<Integer, Names.Scope> scopes = new TreeMap<>();
    private boolean changed = true;
    private long entries;

    /** Where the names stand in {@code statements}, before anything is resolved. */
    void collect(List<Statement> statements) {
        for (Statement s : statements) {
            statement(s);
        }
    }

    void declared(Names.Kind kind, Name name) {
        Names.Symbol symbol = new Names.Symbol(kind, name.text(), name.range(), name.isTemplate());
        symbols(kind).putIfAbsent(name.range().startOffset(), symbol);
        resolvedTo(name.range(), symbol);
        changed = true;
    }

    <S> void resolved(Names.Kind kind, Name name, List<NameTable.Entry<S>> entries) {
        for (NameTable.Entry<S> entry : entries) {
            Names.Symbol symbol = symbol(kind, entry.declaredAt);
            if (symbol != null) {
                resolvedTo(name.range(), symbol);
            }
        }
    }

    void changed() {
        changed = true;
    }

    private void resolvedTo(SourceRange at, Names.Symbol symbol) {
        resolved.computeIfAbsent(at.startOffset(), k -> new LinkedHashSet<>()).add(symbol);
    }

    /** A use of the file declared at {@code declaredAt}. */
    void resolvedFile(Name name, SourceRange declaredAt) {
        Names.Symbol symbol = symbol(Names.Kind.FILE, declaredAt);
        if (symbol != null) {
            resolvedTo(name.range(), symbol);
        }
    }

    private Names.Symbol symbol(Names.Kind kind, SourceRange declaredAt) {
        return symbols(kind).get(declaredAt.startOffset());
    }

    private Map<Integer, Names.Symbol> symbols(Names.Kind kind) {
        return switch (kind) {
            case PROCESS -> processSymbols;
            case REGION -> regionSymbols;
            case FILE -> fileSymbols;
        };
    }

    /** The scope from {@code key} on, when something changed since the last one. */
    void scope(int key, Map<String, NameSet.Span> variables, NameTable<ProcessState> processes) {
        if (!changed || entries > MAX_SCOPE_ENTRIES || scopes.containsKey(key)) {
            return;
        }
        changed = false;
        List<Names.ProcessView> views = new ArrayList<>();
        Set<Names.Symbol> listed = new HashSet<>();
        for (NameTable.Entry<ProcessState> entry : ordered(processes, e -> 0)) {
            if (entry.state.endedAt != null) {
                continue;
            }
            Names.Symbol symbol = symbol(Names.Kind.PROCESS, entry.declaredAt);
            List<Names.RegionView> regions = new ArrayList<>();
            Set<Names.Symbol> listedRegions = new HashSet<>();
            for (NameTable.Entry<RegionState> region : ordered(entry.state.regions, r -> r.state.inherited)) {
                Names.Symbol regionSymbol = symbol(Names.Kind.REGION, region.declaredAt);
                List<Names.PageRun> runs = region.state.pageRuns();
                for (String name : shown(region, regionSymbol, entry.state.regions, variables, listedRegions)) {
                    regions.add(new Names.RegionView(name, regionSymbol, region.state.inherited, runs));
                }
            }
            entries += 1 + regions.size();
            for (String name : shown(entry, symbol, processes, variables, listed)) {
                views.add(new Names.ProcessView(name, symbol, entry.state.parent, List.copyOf(regions)));
            }
        }
        scopes.put(key, new Names.Scope(List.copyOf(variables.keySet()), List.copyOf(views)));
    }

    private static <S> List<NameTable.Entry<S>> ordered(NameTable<S> table,
                                                       java.util.function.ToIntFunction<NameTable.Entry<S>> first) {
        List<NameTable.Entry<S>> all = new ArrayList<>(table.entries());
        all.sort(Comparator.comparingInt(first)
                .thenComparingInt(e -> e.declaredAt.startOffset())
                .thenComparingLong(e -> e.seq));
        return all;
    }

    /**
     * The names an entry is listed under: a family's written text where all its variables are
     * bound (once), else its names one by one (those no later entry shadows, up to {@link #MAX_INSTANCES}).
     */
    private static <S> List<String> shown(NameTable.Entry<S> entry, Names.Symbol symbol, NameTable<S> table,
                                          Map<String, NameSet.Span> variables, Set<Names.Symbol> listed) {
        if (symbol != null && symbol.family()
                && NameTemplate.of(symbol.text()).variables().stream().allMatch(variables::containsKey)) {
            return listed.add(symbol) ? List.of(symbol.text()) : List.of();
        }
        List<String> names = entry.names.expand(MAX_INSTANCES);
        if (names == null) {
            return List.of();
        }
        return names.stream().filter(n -> table.find(n) == entry).toList();
    }

    Names names() {
        List<Names.Occurrence> out = new ArrayList<>();
        for (Names.Occurrence o : written.values()) {
            Set<Names.Symbol> symbols = resolved.get(o.range().startOffset());
            out.add(new Names.Occurrence(o.kind(), o.text(), o.process(), o.range(), o.declaration(),
                    symbols == null ? List.of() : List.copyOf(symbols)));
        }
        out.sort(Comparator.comparingInt(o -> o.range().startOffset()));
        return new Names(out, scopes);
    }

    // ---- where names are written

    private void process(Name n, boolean declaration) {
        if (n != null) {
            written.putIfAbsent(n.range().startOffset(),
                    new Names.Occurrence(Names.Kind.PROCESS, n.text(), null, n.range(), declaration, List.of()));
        }
    }

    private void region(Name process, Name region, boolean declaration) {
        if (region != null) {
            written.putIfAbsent(region.range().startOffset(), new Names.Occurrence(Names.Kind.REGION, region.text(),
                    process == null ? null : process.text(), region.range(), declaration, List.of()));
        }
    }

    private void file(Name file, boolean declaration) {
        if (file != null) {
            written.putIfAbsent(file.range().startOffset(),
                    new Names.Occurrence(Names.Kind.FILE, file.text(), null, file.range(), declaration, List.of()));
        }
    }

    private void address(Name process, Address a) {
        if (a instanceof Address.InRegion r) {
            region(process, r.region(), false);
        }
    }

    private void statement(Statement st) {
        st.accept(names);
    }

    /** The names each kind of statement declares or uses. */
    private final Statement.Visitor<Void> names = new Statement.Visitor<>() {
        @Override
        public Void visit(Statement.ScenarioTitle s) {
            return null;
        }

        @Override
        public Void visit(Statement.Policy s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineMemory s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineLevels s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachinePtReclaim s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineFaultAround s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineThp s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineSeed s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineHugetlb s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineKernel s) {
            return null;
        }

        @Override
        public Void visit(Statement.Process s) {
            process(s.name(), true);
            return null;
        }

        @Override
        public Void visit(Statement.Mmap s) {
            process(s.process(), false);
            region(s.process(), s.region(), true);
            file(s.file(), false);
            return null;
        }

        @Override
        public Void visit(Statement.File s) {
            file(s.name(), true);
            return null;
        }

        @Override
        public Void visit(Statement.Munmap s) {
            atAddress(s);
            return null;
        }

        @Override
        public Void visit(Statement.Mremap s) {
            process(s.process(), false);
            region(s.process(), s.region(), false);
            return null;
        }

        @Override
        public Void visit(Statement.Mprotect s) {
            atAddress(s);
            return null;
        }

        @Override
        public Void visit(Statement.Madvise s) {
            atAddress(s);
            return null;
        }

        @Override
        public Void visit(Statement.Touch s) {
            atAddress(s);
            return null;
        }

        @Override
        public Void visit(Statement.Read s) {
            atAddress(s);
            return null;
        }

        @Override
        public Void visit(Statement.Write s) {
            atAddress(s);
            return null;
        }

        @Override
        public Void visit(Statement.Fork s) {
            process(s.parent(), false);
            process(s.child(), true);
            return null;
        }

        @Override
        public Void visit(Statement.Exit s) {
            process(s.process(), false);
            return null;
        }

        @Override
        public Void visit(Statement.Pin s) {
            atAddress(s);
            return null;
        }

        @Override
        public Void visit(Statement.Unpin s) {
            atAddress(s);
            return null;
        }

        @Override
        public Void visit(Statement.Repeat s) {
            collect(s.body());
            return null;
        }

        @Override
        public Void visit(Statement.Show s) {
            process(s.process(), false);
            address(s.process(), s.address());
            return null;
        }

        @Override
        public Void visit(Statement.Expect s) {
            expectation(s.expectation());
            return null;
        }
    };

    private void atAddress(Statement.AtAddress a) {
        process(a.process(), false);
        address(a.process(), a.target());
    }

    private void expectation(Expectation x) {
        x.processes().forEach(p -> process(p, false));
        address(x.subject(), x.target());
        Statement access = Statements.segvAccess(x);
        if (access != null) {
            statement(access);
        }
    }
}
