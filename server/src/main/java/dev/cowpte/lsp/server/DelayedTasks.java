package dev.cowpte.lsp.server;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay: the debounce before a run and the half second before a run shows
 * progress. An interface so that scheduling tests fire delays by hand instead of waiting.
 */
public interface DelayedTasks {
    /** A scheduled task; cancelling one that already ran does nothing. */
    interface Handle {
        void cancel();
    }

    Handle schedule(Runnable task, long delayMs);

    /** One daemon thread; tasks must be short (they only hand work to the run pool). */
    static DelayedTasks daemon() {
        ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cowpte-timer");
            t.setDaemon(true);
            return t;
        });
        return (task, delayMs) -> {
            ScheduledFuture<?> f = ses.schedule(task, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
    }
}
