package dev.cowpte.lang.check;

import dev.cowpte.lang.SourceRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Declared names (of processes, or of the regions of one process) and what is known of each.
 * Single names are found by hash; families declared in a repeat ({@code worker{i}}) by their
 * text before the first placeholder. Later entries shadow earlier ones for the names they share.
 */
public final class NameTable<S> {
    /** One declaration: the names it covers, their state, and where it was written. */
    public static final class Entry<S> {
        public final NameSet names;
        public S state;
        public final SourceRange declaredAt;
        /** The order of declaration in its table. */
        final long seq;

        Entry(NameSet names, S state, SourceRange declaredAt, long seq) {
            this.names = names;
            this.state = state;
            this.declaredAt = declaredAt;
            this.seq = seq;
        }
    }

    private final Map<String, Entry<S>> singles = new HashMap<>();
    private final List<Entry<S>> families = new ArrayList<>();
    private long declarations;

    public void declare(NameSet names, S state, SourceRange declaredAt) {
        Entry<S> entry = new Entry<>(names, state, declaredAt, declarations++);
        if (names.isSingle()) {
            singles.put(names.single(), entry);
        } else {
            families.add(entry);
        }
    }

    /** The entry for one name, or null. */
    public Entry<S> find(String name) {
        Entry<S> single = singles.get(name);
        if (single != null) {
            return single;
        }
        for (int i = families.size() - 1; i >= 0; i--) {
            if (families.get(i).names.matches(name)) {
                return families.get(i);
            }
        }
        return null;
    }

    /** An entry sharing a name with {@code names}, or null. */
    public Entry<S> findOverlapping(NameSet names) {
        if (names.isSingle()) {
            return find(names.single());
        }
        for (int i = families.size() - 1; i >= 0; i--) {
            if (families.get(i).names.overlaps(names)) {
                return families.get(i);
            }
        }
        List<String> expanded = names.expand(Limits.MAX_NAME_EXPANSION);
        if (expanded != null) {
            for (String name : expanded) {
                Entry<S> single = singles.get(name);
                if (single != null) {
                    return single;
                }
            }
            return null;
        }
        for (Entry<S> single : singles.values()) {
            if (names.matches(single.names.single())) {
                return single;
            }
        }
        return null;
    }

    /**
     * The entries for every name of {@code names}, or null with the first name that has none in
     * {@code missing[0]}. A family too large to check name by name counts as found when some
     * declaration shares a name with it.
     */
    public List<Entry<S>> resolve(NameSet names, String[] missing) {
        List<Entry<S>> found = new ArrayList<>();
        if (names.isSingle()) {
            Entry<S> entry = find(names.single());
            if (entry == null) {
                missing[0] = names.single();
                return null;
            }
            found.add(entry);
            return found;
        }
        for (int i = families.size() - 1; i >= 0; i--) {
            Entry<S> family = families.get(i);
            if (family.names.covers(names)) {
                found.add(family);
                addShadowing(names, found);
                return found;
            }
        }
        List<String> expanded = names.expand(Limits.MAX_NAME_EXPANSION);
        if (expanded == null) {
            Entry<S> any = findOverlapping(names);
            if (any == null) {
                missing[0] = names.toString();
                return null;
            }
            found.add(any);
            return found;
        }
        for (String name : expanded) {
            Entry<S> entry = find(name);
            if (entry == null) {
                missing[0] = name;
                return null;
            }
            if (!found.contains(entry)) {
                found.add(entry);
            }
        }
        return found;
    }

    private void addShadowing(NameSet names, List<Entry<S>> found) {
        List<String> expanded = names.expand(Limits.MAX_NAME_EXPANSION);
        if (expanded == null) {
            return;
        }
        for (String name : expanded) {
            Entry<S> single = singles.get(name);
            if (single != null && !found.contains(single)) {
                found.add(single);
            }
        }
    }

    /**
     * The states to change for a change made to {@code names}: an entry wholly named is changed in
     * place; from a family named only in part, the named part is split off with a copy first.
     */
    public List<S> forChange(NameSet names, SourceRange at, UnaryOperator<S> copy) {
        String[] missing = new String[1];
        List<Entry<S>> entries = resolve(names, missing);
        List<S> states = new ArrayList<>();
        if (entries == null) {
            return states;
        }
        for (Entry<S> entry : entries) {
            if (entry.names.isSingle() || names.covers(entry.names)) {
                states.add(entry.state);
            } else if (names.count() <= Limits.MAX_NAME_EXPANSION || names.isSingle()) {
                S split = copy.apply(entry.state);
                declare(names, split, entry.declaredAt);
                states.add(split);
            } else {
                states.add(entry.state);
            }
        }
        return states;
    }

    /** Forgets the declarations wholly covered by {@code names}. */
    public void remove(NameSet names) {
        if (names.isSingle()) {
            singles.remove(names.single());
        } else {
            List<String> expanded = names.expand(Limits.MAX_NAME_EXPANSION);
            if (expanded != null) {
                expanded.forEach(singles::remove);
            }
        }
        families.removeIf(family -> names.covers(family.names));
    }

    /** Every entry, families first. */
    public List<Entry<S>> entries() {
        List<Entry<S>> all = new ArrayList<>(families);
        all.addAll(singles.values());
        return all;
    }
}
