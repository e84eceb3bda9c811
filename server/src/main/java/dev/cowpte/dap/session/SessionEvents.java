package dev.cowpte.dap.session;

import dev.cowpte.run.RunResult;

/** What a session tells its editor, from the run's thread. Implementations must not block. */
public interface SessionEvents {
    /** The run stopped and waits; {@link DebugSession#stop()} describes it until the next resume. */
    void stopped(DebugSession.StopInfo stop);

    /** Text for the Debug Console: {@code console}, {@code stdout} or {@code stderr}. */
    void output(String category, String text);

    /** The run finished (not when it was abandoned for a restart or a step back). */
    void terminated(RunResult result);
}
