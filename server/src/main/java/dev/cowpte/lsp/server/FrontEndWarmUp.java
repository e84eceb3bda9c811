package dev.cowpte.lsp.server;

import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.Optional;

/**
 * Takes a small scenario through what the first {@code didOpen} takes a document through (the
 * front end, the diagnostics the server publishes at once), on a background thread while the
 * server starts and answers {@code initialize}: the classes are then loaded and the parser's
 * tables built before the editor's first document arrives, whose diagnostics then come sooner.
 * It changes nothing the server holds and writes nowhere.
 */
public final class FrontEndWarmUp {
    private static final String SCENARIO = """
            scenario "warm-up"
            policy cow-pte
            process p
            mmap p buf 2M
            touch p buf
            repeat 2 as i {
              fork p -> c{i}
              write c{i} buf[i] = 1
              expect shared p c{i} buf[4]
            }
            expect rss c0 == 4K
            exit q
            """;

    private FrontEndWarmUp() {
    }

    /** Starts the warm-up on a daemon thread; a failure is of no consequence and is dropped. */
    public static void start() {
        Thread t = new Thread(() -> {
            try {
                ScenarioDocument d = new DocumentStore().open("untitled:cowpte-warm-up", 1, SCENARIO);
                FeatureServices.DIAGNOSTICS.diagnostics(d, Optional.empty(), Optional.empty());
            } catch (RuntimeException | StackOverflowError e) {
                // only a head start: the first document pays for what this did not do
            }
        }, "cowpte-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
