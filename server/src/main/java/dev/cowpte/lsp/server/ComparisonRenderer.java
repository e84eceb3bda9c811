package dev.cowpte.lsp.server;

import dev.cowpte.run.PolicyComparison.PolicyRun;
import java.util.List;

/** Renders a policy comparison as text; the command line passes its {@code cowpte compare} table. */
@FunctionalInterface
public interface ComparisonRenderer {
    String render(String file, List<PolicyRun> runs);
}
