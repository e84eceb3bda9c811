package dev.cowpte.lsp.document;

import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.Scenario;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.ast.Statements;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is in scope at a place in a scenario, from the statements above it (the statement on the
 * place's own line is not counted, as it is the one being written): the living processes, the
 * repeat variables of the enclosing blocks and the regions each process has.
 *
 * <p>A process declared as a template in a finished repeat ({@code fork p -> worker{i}} in
 * {@code repeat 8 as i}) is in scope as its instances {@code worker0} … {@code worker7} when the
 * block runs at most {@value #MAX_INSTANCES} times.
 */
public final class ScopeAt {
    static final int MAX_INSTANCES = 64;

    /** A process in scope: its name, the statement that declared it, and its parent if forked. */
    public record ProcessDecl(String name, Statement declaredBy, Name declaredName, String parent) {
    }

    private record Declared(Name name, Statement by, String parent, int at, Map<String, Long> counts) {
    }

    private record Mapped(String process, Name region, int at, boolean dontfork) {
    }

    private final int lineStart;
    private final Map<String, Declared> alive = new LinkedHashMap<>();
    private final Map<String, Declared> everDeclared = new HashMap<>();
    private final Set<String> exited = new HashSet<>();
    private final List<Mapped> mapped = new ArrayList<>();
    private final Map<String, Long> bound = new LinkedHashMap<>();
    private final Map<String, Long> counts = new HashMap<>();

    private ScopeAt(int lineStart) {
        this.lineStart = lineStart;
    }

    /** The scope at {@code offset} in {@code document}. */
    public static ScopeAt of(ScenarioDocument document, int offset) {
        LineIndex lines = document.lines();
        int lineStart = lines.lineStart(lines.positionAt(offset).getLine());
        ScopeAt scope = new ScopeAt(lineStart);
        Scenario scenario = document.analysis().scenario();
        if (scenario != null) {
            scope.walk(scenario.statements(), offset, Map.of());
        }
        return scope;
    }

    private boolean walk(List<Statement> statements, int offset, Map<String, Long> outerCounts) {
        for (Statement s : statements) {
            if (s instanceof Statement.Repeat r && r.range().startOffset() < offset && offset <= r.range().endOffset()
                    && r.range().startOffset() < lineStart) {
                Map<String, Long> inner = new HashMap<>(outerCounts);
                if (r.variable() != null) {
                    bound.put(r.variable(), r.count());
                    inner.put(r.variable(), r.count());
                }
                walk(r.body(), offset, inner);
                return false;
            }
            if (s.range().endOffset() > lineStart) {
                return false;
            }
            apply(s, outerCounts);
        }
        return true;
    }

    private void apply(Statement s, Map<String, Long> repeatCounts) {
        int at = s.range().startOffset();
        if (s instanceof Statement.Process p && p.name() != null) {
            declare(new Declared(p.name(), s, null, at, repeatCounts));
        } else if (s instanceof Statement.Fork f && f.child() != null) {
            declare(new Declared(f.child(), s, f.parent() == null ? null : f.parent().text(), at, repeatCounts));
        } else if (s instanceof Statement.Mmap m && m.process() != null && m.region() != null) {
            mapped.add(new Mapped(m.process().text(), m.region(), at,
                    m.options().contains(Statement.MapOption.DONTFORK)));
        } else if (s instanceof Statement.Exit e && e.process() != null) {
            end(e.process().text());
        } else if (s instanceof Statement.Expect e && e.expectation() instanceof Expectation.Segv segv) {
            apply(segv.access(), repeatCounts);
            Name victim = Statements.faultingProcess(segv.access());
            if (victim != null) {
                end(victim.text());
            }
        } else if (s instanceof Statement.Repeat r) {
            Map<String, Long> inner = new HashMap<>(repeatCounts);
            if (r.variable() != null) {
                inner.put(r.variable(), r.count());
            }
            for (Statement b : r.body()) {
                apply(b, inner);
            }
        }
    }

    private void declare(Declared d) {
        alive.put(d.name().text(), d);
        everDeclared.putIfAbsent(d.name().text(), d);
        counts.putAll(d.counts());
    }

    private void end(String name) {
        alive.remove(name);
        exited.add(name);
        NameTemplate t = NameTemplate.of(name);
        if (t.isTemplate()) {
            alive.keySet().removeIf(n -> t.match(n) != null);
        }
    }

    /** The repeat variables of the blocks around the place, outermost first. */
    public List<String> variables() {
        return List.copyOf(bound.keySet());
    }

    /** The processes that live at the place, in order of declaration; finished templates as instances. */
    public List<ProcessDecl> processes() {
        List<ProcessDecl> out = new ArrayList<>();
        for (Declared d : alive.values()) {
            NameTemplate t = NameTemplate.of(d.name().text());
            List<String> free = t.variables().stream().filter(v -> !bound.containsKey(v)).toList();
            if (free.isEmpty()) {
                out.add(new ProcessDecl(d.name().text(), d.by(), d.name(), d.parent()));
                continue;
            }
            for (String instance : instances(t, d.counts())) {
                if (!exited.contains(instance)) {
                    out.add(new ProcessDecl(instance, d.by(), d.name(), d.parent()));
                }
            }
        }
        return out;
    }

    private static List<String> instances(NameTemplate t, Map<String, Long> counts) {
        List<List<Long>> combos = new ArrayList<>();
        combos.add(List.of());
        for (String v : t.variables()) {
            Long n = counts.get(v);
            if (n == null || n <= 0) {
                return List.of();
            }
            List<List<Long>> next = new ArrayList<>();
            for (List<Long> c : combos) {
                for (long i = 0; i < n; i++) {
                    List<Long> longer = new ArrayList<>(c);
                    longer.add(i);
                    next.add(longer);
                    if (next.size() > MAX_INSTANCES) {
                        return List.of();
                    }
                }
            }
            combos = next;
        }
        return combos.stream().map(t::instance).toList();
    }

    /** The regions {@code process} has at the place: its own mmaps and those inherited through fork. */
    public List<Name> regions(String process) {
        Set<String> seen = new LinkedHashSet<>();
        List<Name> out = new ArrayList<>();
        collectRegions(process, Integer.MAX_VALUE, false, seen, out, 0);
        return out;
    }

    private void collectRegions(String process, int before, boolean inherited, Set<String> seen, List<Name> out,
                                int depth) {
        if (depth > 1000) {
            return;
        }
        for (Mapped m : mapped) {
            if (m.at() < before && sameProcess(m.process(), process) && !(inherited && m.dontfork())
                    && seen.add(m.region().text())) {
                out.add(m.region());
            }
        }
        Declared d = declaration(process);
        if (d != null && d.parent() != null && !sameProcess(d.parent(), process)) {
            collectRegions(d.parent(), Math.min(before, d.at()), true, seen, out, depth + 1);
        }
    }

    private Declared declaration(String process) {
        Declared d = everDeclared.get(process);
        if (d != null) {
            return d;
        }
        for (Declared x : everDeclared.values()) {
            if (sameProcess(x.name().text(), process)) {
                return x;
            }
        }
        return null;
    }

    /** Whether two written process names can name the same process ({@code worker{i}} and {@code worker3}). */
    public static boolean sameProcess(String a, String b) {
        return a.equals(b) || NameTemplate.of(a).match(b) != null || NameTemplate.of(b).match(a) != null;
    }
}
