package dev.cowpte.lsp.services;

import dev.cowpte.lang.ast.Statement;

/**
 * The text that tells what one fork costs under another policy: the scenario up to the end of
 * the top-level statement holding the fork (the fork, or its repeat), with that fork's policy set
 * to the other one. Everything above runs as before, so the fork starts from the same state; the
 * rest of the scenario is left out, because it can not change what the fork did.
 */
final class ForkVariant {
    private ForkVariant() {
    }

    static String of(String text, Statement.Fork fork, Statement topLevel, String policy) {
        int end = Math.min(text.length(), topLevel.range().endOffset());
        String edited;
        int delta;
        if (fork.policy() != null && fork.policyRange() != null) {
            int from = fork.policyRange().startOffset();
            int to = fork.policyRange().endOffset();
            edited = text.substring(0, from) + policy + text.substring(to, end);
            delta = policy.length() - (to - from);
        } else {
            int at = fork.child().range().endOffset();
            String inserted = " policy " + policy;
            edited = text.substring(0, at) + inserted + text.substring(at, end);
            delta = inserted.length();
        }
        return edited.substring(0, end + delta) + "\n";
    }
}
