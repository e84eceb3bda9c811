package dev.cowpte.lsp.services;

import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.mm.ForkPolicy;
import java.util.Optional;

/**
 * What a fork policy does, as the simulator's registry describes it: where it comes from, its
 * summary, and its row of docs/MODEL.md's table (what fork does, what it defers, the accounting).
 */
final class PolicyMarkdown {
    private PolicyMarkdown() {
    }

    static Optional<String> render(String name) {
        Optional<ForkPolicy> p = ForkPolicies.byName(name);
        if (p.isEmpty()) {
            return Optional.of("**policy " + name + "**: unknown; known: " + String.join(", ", ForkPolicies.names()));
        }
        ForkPolicy.Description d = p.get().description();
        StringBuilder sb = new StringBuilder();
        sb.append("**policy ").append(name).append("** — ").append(d.source());
        sb.append("\n\n").append(p.get().summary()).append("\n\n");
        sb.append("- fork: ").append(d.fork()).append('\n');
        sb.append("- deferred: ").append(d.deferred()).append('\n');
        sb.append("- accounting: ").append(d.accounting()).append('\n');
        return Optional.of(sb.toString());
    }
}
