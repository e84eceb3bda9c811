package dev.cowpte.lsp.document;

import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Address;
import dev.cowpte.lang.ast.Scenario;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.ast.Statements;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The syntax-tree nodes that stand at an offset: the statements that hold it (a repeat and the
 * statement of its body), the address node and the policy name under it. A node holds an offset
 * from its start to its end inclusive, so a cursor just after a word is on the word.
 */
public final class NodeAt {
    /** A policy name as written: {@code policy NAME} or {@code fork P -> C policy NAME}. */
    public record PolicyName(String name, SourceRange range) {
    }

    private NodeAt() {
    }

    /** The statements holding {@code offset}, outermost first (a repeat, then its body's statement); empty if none. */
    public static List<Statement> statements(Scenario scenario, int offset) {
        List<Statement> path = new ArrayList<>();
        if (scenario == null) {
            return path;
        }
        List<Statement> level = scenario.statements();
        boolean deeper = true;
        while (deeper) {
            deeper = false;
            for (Statement s : level) {
                if (s.range().contains(offset)) {
                    path.add(s);
                    level = s.children();
                    deeper = s.isBlock();
                    break;
                }
            }
        }
        return path;
    }

    /** The innermost statement holding {@code offset}. */
    public static Optional<Statement> statement(Scenario scenario, int offset) {
        List<Statement> path = statements(scenario, offset);
        return path.isEmpty() ? Optional.empty() : Optional.of(path.get(path.size() - 1));
    }

    /** Every address a statement names, the access inside {@code expect segv} included, in text order. */
    public static List<Address> addresses(Statement s) {
        List<Address> out = new ArrayList<>();
        collect(s, out);
        return out;
    }

    /** The address node of {@code s} holding {@code offset}. */
    public static Optional<Address> address(Statement s, int offset) {
        return addresses(s).stream().filter(a -> a.range().contains(offset)).findFirst();
    }

    /** The policy name of a {@code policy} or {@code fork … policy} statement holding {@code offset}. */
    public static Optional<PolicyName> policyName(Statement s, int offset) {
        return Optional.ofNullable(s.accept(POLICY_NAME)).filter(p -> p.range().contains(offset));
    }

    /** The policy name a statement writes: that of {@code policy} and of {@code fork … policy}; no other names one. */
    private static final Statement.Visitor<PolicyName> POLICY_NAME = new Statement.Partial<>() {
        @Override
        protected PolicyName otherwise(Statement s) {
            return null;
        }

        @Override
        public PolicyName visit(Statement.Policy p) {
            return p.nameRange() == null ? null : new PolicyName(p.name(), p.nameRange());
        }

        @Override
        public PolicyName visit(Statement.Fork f) {
            return f.policy() == null || f.policyRange() == null ? null : new PolicyName(f.policy(), f.policyRange());
        }
    };

    private static void collect(Statement s, List<Address> out) {
        Address a = Statements.address(s);
        if (a != null) {
            out.add(a);
        }
    }
}
