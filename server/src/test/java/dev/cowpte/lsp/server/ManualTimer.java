package dev.cowpte.lsp.server;

import java.util.ArrayList;
import java.util.List;

/** Delays that elapse only when a test says so: no sleeping, no timing in assertions. */
final class ManualTimer implements DelayedTasks {
    private record Task(Runnable run, long delayMs, boolean[] cancelled) {
    }

    private final List<Task> tasks = new ArrayList<>();

    @Override
    public synchronized Handle schedule(Runnable task, long delayMs) {
        boolean[] cancelled = {false};
        tasks.add(new Task(task, delayMs, cancelled));
        return () -> {
            synchronized (ManualTimer.this) {
                cancelled[0] = true;
            }
        };
    }

    /** Runs every armed delay (not cancelled ones), in order; returns how many ran. */
    int fireAll() {
        List<Task> due;
        synchronized (this) {
            due = new ArrayList<>(tasks);
            tasks.clear();
        }
        int n = 0;
        for (Task t : due) {
            boolean skip;
            synchronized (this) {
                skip = t.cancelled()[0];
            }
            if (!skip) {
                t.run().run();
                n++;
            }
        }
        return n;
    }

    /** Delays armed and not cancelled. */
    synchronized long armed() {
        return tasks.stream().filter(t -> !t.cancelled()[0]).count();
    }

    /** The delay of the last armed task. */
    synchronized long lastDelay() {
        return tasks.isEmpty() ? -1 : tasks.get(tasks.size() - 1).delayMs();
    }
}
