package dev.cowpte.run;

/**
 * A cancellation token, checked by the interpreter between statements. An editor cancels the
 * run of an outdated text; the headless runner never does.
 */
public final class Cancellation {
    /** A token that is never cancelled. */
    public static final Cancellation NEVER = new Cancellation();

    private volatile boolean cancelled;

    public void cancel() {
        if (this == NEVER) {
            throw new IllegalStateException("the NEVER token cannot be cancelled");
        }
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
