package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.mm.Machine;
import dev.cowpte.mm.Mm;
import dev.cowpte.mm.PageWalk;
import dev.cowpte.run.RunListener;
import dev.cowpte.run.RunOptions;
import dev.cowpte.run.ScenarioRunner;
import dev.cowpte.words.StateRenderer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code show} and the hover word a walk alike; an owner is named only where the policy charges the owner alone. */
class WalkWordingTest {
    private static PageWalk walkAfterFork(String policy) {
        PageWalk[] walk = new PageWalk[1];
        ScenarioRunner.run("process parent\nmmap parent buf 2M\ntouch parent buf\nfork parent -> child\n",
                RunOptions.defaults().withInitialPolicy(policy), new RunListener() {
                    @Override
                    public void afterStatement(Machine machine, List<Mm> alive) {
                        if (alive.isEmpty() || alive.get(0).vmas().isEmpty()) {
                            return;
                        }
                        Mm parent = alive.get(0);
                        walk[0] = machine.inspector().walk(parent, parent.vmas().get(0).start());
                    }
                });
        return walk[0];
    }

    private static List<String> showLines(PageWalk w) {
        return Arrays.stream(StateRenderer.walk(w).split("\n")).skip(1).map(String::strip).toList();
    }

    private static List<String> hoverLines(PageWalk w) {
        return Arrays.stream(WalkMarkdown.render("buf[0]", w).split("\n")).filter(l -> l.startsWith("- "))
                .map(l -> l.substring(2)).toList();
    }

    @Test
    void showAndHoverSayTheSameLines() {
        for (String policy : List.of("classic", "cow-pte", "cow-pte-rfc", "odf")) {
            PageWalk w = walkAfterFork(policy);
            assertEquals(showLines(w), hoverLines(w), policy);
        }
    }

    @Test
    void anOwnerOnlyWhereThePolicyChargesTheOwnerAlone() {
        String cowPte = String.join("\n", hoverLines(walkAfterFork("cow-pte")));
        assertTrue(cowPte.contains("refcount 2, sharers parent, child"), cowPte);
        assertFalse(cowPte.contains("owner"), cowPte);
        String rfc = String.join("\n", hoverLines(walkAfterFork("cow-pte-rfc")));
        assertTrue(rfc.contains("owner parent"), rfc);
        assertFalse(String.join("\n", showLines(walkAfterFork("classic"))).contains("owner"));
    }
}
