package dev.cowpte.lsp.document;

import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Address;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.Scenario;
import dev.cowpte.lang.ast.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every process and region name in a scenario, where it stands, and which occurrences name
 * the same thing: a process by its name (templates such as {@code worker{i}} by their text), a
 * region by its name within the processes that share it through fork (a child inherits its
 * parent's regions).
 */
public final class NameIndex {
    public enum Kind { PROCESS, REGION }

    /**
     * One occurrence. For a region, {@code process} is the name of the process it was written
     * after. {@code statement} is the innermost statement holding it.
     */
    public record Occurrence(Kind kind, String text, String process, SourceRange range, boolean declaration,
                             Statement statement) {
    }

    private final List<Occurrence> occurrences;
    private final Map<String, String> family;

    private NameIndex(List<Occurrence> occurrences, Map<String, String> family) {
        this.occurrences = occurrences;
        this.family = family;
    }

    public static NameIndex of(Scenario scenario) {
        Builder b = new Builder();
        if (scenario != null) {
            b.statements(scenario.statements());
        }
        b.out.sort(Comparator.comparingInt(o -> o.range().startOffset()));
        return new NameIndex(List.copyOf(b.out), b.family);
    }

    public List<Occurrence> all() {
        return occurrences;
    }

    /** The occurrence whose range holds {@code offset} (its end included, as a cursor after a word). */
    public Optional<Occurrence> at(int offset) {
        Occurrence best = null;
        for (Occurrence o : occurrences) {
            if (o.range().startOffset() <= offset && offset <= o.range().endOffset()) {
                if (best == null || o.range().startOffset() >= best.range().startOffset()) {
                    best = o;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every occurrence of what {@code o} names, declarations included, in text order. */
    public List<Occurrence> sameSymbol(Occurrence o) {
        List<Occurrence> out = new ArrayList<>();
        for (Occurrence x : occurrences) {
            if (x.kind() == o.kind() && x.text().equals(o.text())
                    && (o.kind() == Kind.PROCESS || root(x.process()).equals(root(o.process())))) {
                out.add(x);
            }
        }
        return out;
    }

    /** The declarations of what {@code o} names: process or fork statements, or mmaps. */
    public List<Occurrence> declarations(Occurrence o) {
        return sameSymbol(o).stream().filter(Occurrence::declaration).toList();
    }

    /** Processes declared in the scenario, in order, each once. */
    public List<Occurrence> processDeclarations() {
        return occurrences.stream().filter(o -> o.kind() == Kind.PROCESS && o.declaration()).toList();
    }

    /** Regions declared (by mmap) in the processes that share regions with {@code process}. */
    public List<Occurrence> regionDeclarations(String process) {
        return occurrences.stream().filter(o -> o.kind() == Kind.REGION && o.declaration()
                && root(o.process()).equals(root(process))).toList();
    }

    /** Whether regions written after {@code a} and after {@code b} can be the same (one family through fork). */
    public boolean shareRegions(String a, String b) {
        return root(a).equals(root(b));
    }

    private String root(String process) {
        String p = process == null ? "" : process;
        String up = parent(p);
        int guard = 0;
        while (up != null && guard++ < 10_000) {
            p = up;
            up = parent(p);
        }
        return p;
    }

    /** The parent of {@code p}; an instance such as {@code worker3} has the parent of its template {@code worker{i}}. */
    private String parent(String p) {
        String up = family.get(p);
        if (up != null || p.indexOf('{') >= 0) {
            return up;
        }
        for (Map.Entry<String, String> e : family.entrySet()) {
            if (e.getKey().indexOf('{') >= 0 && NameTemplate.of(e.getKey()).match(p) != null) {
                return e.getValue();
            }
        }
        return null;
    }

    private static final class Builder {
        final List<Occurrence> out = new ArrayList<>();
        /** child process name to parent process name: regions are inherited through fork. */
        final Map<String, String> family = new HashMap<>();

        void statements(List<Statement> list) {
            for (Statement s : list) {
                statement(s, s);
            }
        }

        private void process(Name n, boolean declaration, Statement s) {
            if (n != null) {
                out.add(new Occurrence(Kind.PROCESS, n.text(), null, n.range(), declaration, s));
            }
        }

        private void address(Name process, Address a, Statement s) {
            if (a instanceof Address.InRegion r && r.region() != null) {
                out.add(new Occurrence(Kind.REGION, r.region().text(), process == null ? null : process.text(),
                        r.region().range(), false, s));
            }
        }

        void statement(Statement st, Statement holder) {
            if (st instanceof Statement.Process p) {
                process(p.name(), true, holder);
            } else if (st instanceof Statement.Mmap m) {
                process(m.process(), false, holder);
                if (m.region() != null) {
                    out.add(new Occurrence(Kind.REGION, m.region().text(),
                            m.process() == null ? null : m.process().text(), m.region().range(), true, holder));
                }
            } else if (st instanceof Statement.Munmap m) {
                process(m.process(), false, holder);
                address(m.process(), m.target(), holder);
            } else if (st instanceof Statement.Mprotect m) {
                process(m.process(), false, holder);
                address(m.process(), m.target(), holder);
            } else if (st instanceof Statement.Madvise m) {
                process(m.process(), false, holder);
                address(m.process(), m.target(), holder);
            } else if (st instanceof Statement.Touch t) {
                process(t.process(), false, holder);
                address(t.process(), t.target(), holder);
            } else if (st instanceof Statement.Read r) {
                process(r.process(), false, holder);
                address(r.process(), r.target(), holder);
            } else if (st instanceof Statement.Write w) {
                process(w.process(), false, holder);
                address(w.process(), w.target(), holder);
            } else if (st instanceof Statement.Fork f) {
                process(f.parent(), false, holder);
                process(f.child(), true, holder);
                if (f.parent() != null && f.child() != null && !f.parent().text().equals(f.child().text())) {
                    family.putIfAbsent(f.child().text(), f.parent().text());
                }
            } else if (st instanceof Statement.Exit e) {
                process(e.process(), false, holder);
            } else if (st instanceof Statement.Pin p) {
                process(p.process(), false, holder);
                address(p.process(), p.target(), holder);
            } else if (st instanceof Statement.Unpin u) {
                process(u.process(), false, holder);
                address(u.process(), u.target(), holder);
            } else if (st instanceof Statement.Repeat r) {
                for (Statement inner : r.body()) {
                    statement(inner, inner);
                }
            } else if (st instanceof Statement.Show s) {
                process(s.process(), false, holder);
                address(s.process(), s.address(), holder);
            } else if (st instanceof Statement.Expect e) {
                expectation(e.expectation(), holder);
            }
        }

        private void expectation(Expectation x, Statement holder) {
            if (x instanceof Expectation.PageTables e) {
                process(e.process(), false, holder);
            } else if (x instanceof Expectation.Tables e) {
                process(e.process(), false, holder);
            } else if (x instanceof Expectation.Rss e) {
                process(e.process(), false, holder);
            } else if (x instanceof Expectation.Refcount e) {
                process(e.process(), false, holder);
                address(e.process(), e.address(), holder);
            } else if (x instanceof Expectation.Mapcount e) {
                process(e.process(), false, holder);
                address(e.process(), e.address(), holder);
            } else if (x instanceof Expectation.Value e) {
                process(e.process(), false, holder);
                address(e.process(), e.address(), holder);
            } else if (x instanceof Expectation.Faults e) {
                process(e.process(), false, holder);
            } else if (x instanceof Expectation.Shared e) {
                process(e.process(), false, holder);
                process(e.other(), false, holder);
                address(e.process(), e.address(), holder);
            } else if (x instanceof Expectation.Private e) {
                process(e.process(), false, holder);
                address(e.process(), e.address(), holder);
            } else if (x instanceof Expectation.Huge e) {
                process(e.process(), false, holder);
                address(e.process(), e.address(), holder);
            } else if (x instanceof Expectation.Thp e) {
                process(e.process(), false, holder);
            } else if (x instanceof Expectation.Segv e && e.access() != null) {
                statement(e.access(), holder);
            }
        }
    }
}
