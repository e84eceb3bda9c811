package dev.cowpte.lsp.server;

import java.io.PrintStream;
import java.util.concurrent.ExecutorService;
import java.util.function.IntConsumer;
import java.util.function.LongPredicate;

/**
 * What the server needs from outside: how to run a scenario, timers, the bounded pools for runs
 * and for requests, how to end the process, how to render a comparison, where logs go and how
 * to tell whether the editor's process lives. Tests replace the parts they drive by hand.
 */
public record ServerEnvironment(RunEngine engine, DelayedTasks timer, ExecutorService runPool,
                                ExecutorService requestPool, IntConsumer exit, ComparisonRenderer renderer,
                                PrintStream err, LongPredicate processAlive) {
    /** Runs queued behind the running ones, across documents; each document has at most one. */
    public static final int RUN_QUEUE = 64;
    public static final int REQUEST_THREADS = 2;
    public static final int REQUEST_QUEUE = 256;

    public static ServerEnvironment production(ComparisonRenderer renderer, PrintStream err) {
        return new ServerEnvironment(RunEngine.INTERPRETER, DelayedTasks.daemon(),
                RunPool.create("cowpte-run", RunPool.runThreads(), RUN_QUEUE),
                RunPool.create("cowpte-request", REQUEST_THREADS, REQUEST_QUEUE),
                System::exit, renderer, err, ClientWatchdog.PROCESS_HANDLE);
    }

    public ServerEnvironment withEngine(RunEngine e) {
        return new ServerEnvironment(e, timer, runPool, requestPool, exit, renderer, err, processAlive);
    }

    public ServerEnvironment withTimer(DelayedTasks t) {
        return new ServerEnvironment(engine, t, runPool, requestPool, exit, renderer, err, processAlive);
    }

    public ServerEnvironment withExit(IntConsumer x) {
        return new ServerEnvironment(engine, timer, runPool, requestPool, x, renderer, err, processAlive);
    }

    public ServerEnvironment withProcessAlive(LongPredicate p) {
        return new ServerEnvironment(engine, timer, runPool, requestPool, exit, renderer, err, p);
    }
}
