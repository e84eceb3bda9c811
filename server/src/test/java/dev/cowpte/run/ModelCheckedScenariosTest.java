package dev.cowpte.run;

import dev.cowpte.gen.ValidScenarios;
import dev.cowpte.lang.Diagnostic;
import dev.cowpte.mm.ForkPolicies;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Valid scenarios with the values Linux gives written in as {@code expect value} and
 * {@code expect segv} lines ({@link ValidScenarios}, computed without the simulator), run under
 * every policy of the registry with the simulator's invariants checked after each statement:
 * every expectation holds, no diagnostic is reported and nothing is left at the end. A failure
 * shows the (shrunk) scenario, the policy and what went wrong.
 */
class ModelCheckedScenariosTest {

    @Property
    void everyPolicyGivesWhatLinuxGives(@ForAll @Size(min = 1, max = 45) List<@IntRange(min = 0) Integer> steps) {
        ValidScenarios.Scenario scenario = ValidScenarios.generate(steps);
        for (String policy : ForkPolicies.names()) {
            String problems = problems(scenario, policy);
            if (!problems.isEmpty()) {
                throw new AssertionError("under policy " + policy + ":\n" + problems + "in:\n" + numbered(scenario.text()));
            }
        }
    }

    /** Every scenario the property ever shrank a failure to, kept (the fix is named beside it). */
    @Test
    void findingsStayFixed() {
        List<List<Integer>> findings = List.of(
                // 'expect value p buf' after a munmap of buf's end: the checker looked at the whole region (NameChecker)
                List.of(0, 0, 0, 7, 13));
        for (List<Integer> steps : findings) {
            everyPolicyGivesWhatLinuxGives(steps);
        }
    }

    /** The check is not blind: a value the model did not give, or a segv that does not happen, is reported. */
    @Test
    void aWrongExpectationIsReported() {
        ValidScenarios.Scenario s = ValidScenarios.generate(List.of(0, 7, 4, 32 * 3 + 25, 32 * 5 + 29));
        org.junit.jupiter.api.Assertions.assertEquals("", problems(s, "classic"), s.text());
        String wrong = s.text().replaceFirst("expect value (\\S+) (\\S+) == (-?\\d+)", "expect value $1 $2 == 12345");
        org.junit.jupiter.api.Assertions.assertNotEquals(s.text(), wrong, s.text());
        org.junit.jupiter.api.Assertions.assertTrue(problems(new ValidScenarios.Scenario(wrong, s.expectations()), "cow-pte")
                .contains("expectation-failed"), wrong);
    }

    /** What went wrong in the scenario's run under the policy, one line each; empty when nothing did. */
    static String problems(ValidScenarios.Scenario scenario, String policy) {
        RunResult result = ScenarioRunner.run(scenario.text(),
                RunOptions.defaults().withInvariantChecks(true).withPolicyOverride(policy));
        List<String> out = new ArrayList<>();
        for (Diagnostic d : result.diagnostics()) {
            if (d.severity() == Diagnostic.Severity.HINT) {
                continue; // a hint (read of a whole region loads one page) is advice, not something that went wrong
            }
            out.add(d.range().line() + ":" + d.range().column() + ": " + d.severity() + " " + d.code().id() + ": " + d.message());
        }
        if (out.isEmpty() && result.expectationsPassed() != scenario.expectations()) {
            out.add(result.expectationsPassed() + " expectations held, " + scenario.expectations() + " written");
        }
        return out.isEmpty() ? "" : String.join("\n", out) + "\n";
    }

    static String numbered(String text) {
        StringBuilder out = new StringBuilder();
        int n = 1;
        for (String line : text.split("\n")) {
            out.append(String.format("%3d  ", n++)).append(line).append('\n');
        }
        return out.toString();
    }
}
