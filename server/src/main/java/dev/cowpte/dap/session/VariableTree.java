package dev.cowpte.dap.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Variables view as a tree of named values whose children are computed only when the editor
 * expands them: a node with children gets a reference when it is first listed, and its children
 * are built from the stopped machine on the first request for that reference. One tree per stop;
 * references die with it.
 */
public final class VariableTree {
    /** A node: a leaf when {@code children} is null. */
    public record Node(String name, String value, String type, boolean changed, Supplier<List<Node>> children) {
        public static Node leaf(String name, String value, String type) {
            return new Node(name, value, type, false, null);
        }

        public static Node group(String name, String value, Supplier<List<Node>> children) {
            return new Node(name, value, null, false, children);
        }
    }

    /** A listed variable: {@code reference} is 0 for a leaf. */
    public record Variable(String name, String value, String type, int reference, boolean changed) {
    }

    private final Map<Integer, Supplier<List<Node>>> pending = new HashMap<>();
    private final Map<Integer, List<Variable>> built = new HashMap<>();
    private int next = 1;

    /** Registers a root (a scope) and returns its reference. */
    public synchronized int root(Supplier<List<Node>> children) {
        int ref = next++;
        pending.put(ref, children);
        return ref;
    }

    /** The children of a reference, each with children given a reference of its own; empty if unknown. */
    public synchronized List<Variable> variables(int reference) {
        List<Variable> done = built.get(reference);
        if (done != null) {
            return done;
        }
        Supplier<List<Node>> s = pending.remove(reference);
        if (s == null) {
            return List.of();
        }
        List<Node> nodes = s.get();
        List<Variable> out = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            int ref = 0;
            if (n.children() != null) {
                ref = next++;
                pending.put(ref, n.children());
            }
            out.add(new Variable(n.name(), n.value() + (n.changed() ? " (changed)" : ""), n.type(), ref,
                    n.changed()));
        }
        built.put(reference, out);
        return out;
    }

    /** References handed out so far (for tests and the bench). */
    public synchronized int size() {
        return next - 1;
    }
}
