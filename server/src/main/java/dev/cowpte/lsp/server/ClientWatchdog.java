package dev.cowpte.lsp.server;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * Ends the server when the editor that started it is gone: polls the {@code processId} that
 * {@code initialize} named (with {@link ProcessHandle}) and exits when it is no longer alive,
 * so a crashed editor leaves no orphan server behind.
 */
public final class ClientWatchdog {
    public static final long POLL_MS = 2000;

    /** Whether a process is alive, by pid. */
    public static final LongPredicate PROCESS_HANDLE =
            pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);

    private final LongPredicate alive;
    private final Runnable gone;
    private ScheduledExecutorService poller;

    public ClientWatchdog(LongPredicate alive, Runnable gone) {
        this.alive = alive;
        this.gone = gone;
    }

    /** Starts polling {@code pid}; does nothing for a null pid (the client did not say). */
    public synchronized void watch(Integer pid) {
        if (pid == null || poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cowpte-client-watchdog");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> check(pid), 0, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** One poll; public for tests. Returns whether the client is alive. */
    public boolean check(long pid) {
        if (alive.test(pid)) {
            return true;
        }
        stop();
        gone.run();
        return false;
    }

    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
