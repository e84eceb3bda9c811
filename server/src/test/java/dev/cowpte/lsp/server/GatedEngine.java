package dev.cowpte.lsp.server;

import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.run.RunOptions;
import dev.cowpte.run.RunResult;
import dev.cowpte.run.ScenarioRunner;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A run engine a test holds at the start of each run until it lets it go: shows which versions
 * began, with which options, and whether each run had been cancelled when it was let go.
 */
final class GatedEngine implements RunEngine {
    static final long WAIT_S = 30;

    record Began(ScenarioDocument document, RunOptions options) {
    }

    private final Semaphore gate = new Semaphore(0);
    final BlockingQueue<Began> began = new LinkedBlockingQueue<>();
    final List<Boolean> cancelledWhenReleased = new CopyOnWriteArrayList<>();
    private volatile boolean open;

    @Override
    public RunResult run(ScenarioDocument document, RunOptions options) {
        return run(document, options, dev.cowpte.run.RunListener.NONE);
    }

    @Override
    public RunResult run(ScenarioDocument document, RunOptions options, dev.cowpte.run.RunListener listener) {
        began.add(new Began(document, options));
        if (!open) {
            try {
                if (!gate.tryAcquire(WAIT_S, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the run");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        cancelledWhenReleased.add(options.cancellation().isCancelled());
        return ScenarioRunner.run(document.text(), options, listener);
    }

    /** Lets one held run go on. */
    void release() {
        gate.release();
    }

    /** From now on runs go through without waiting. */
    void openForGood() {
        open = true;
        gate.release(1000);
    }

    /** The next run to begin, waiting at most 30 s. */
    Began nextBegun() throws InterruptedException {
        Began b = began.poll(WAIT_S, TimeUnit.SECONDS);
        if (b == null) {
            throw new AssertionError("no run began within " + WAIT_S + " s");
        }
        return b;
    }
}
