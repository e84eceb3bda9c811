package dev.cowpte.lsp.services;

import dev.cowpte.run.Cancellation;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The fork costs of recent document versions: at most {@value #MAX_ENTRIES} forks, least recently
 * used first out, computed one at a time on one background thread (never on the thread of a
 * request). A newer version of a document cancels its older versions' computations.
 */
final class ForkCostCache implements AutoCloseable {
    static final int MAX_ENTRIES = 64;

    record Key(String uri, int version, int forkOffset) {
    }

    private record Entry(CompletableFuture<Map<String, ForkCost>> costs, Cancellation cancel) {
    }

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cowpte-fork-costs");
        t.setDaemon(true);
        return t;
    });
    private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    /** The costs of a fork, computed once per version on the background thread. */
    synchronized CompletableFuture<Map<String, ForkCost>> get(Key key, Function<Cancellation, Map<String, ForkCost>> compute) {
        Entry e = entries.get(key);
        if (e == null) {
            Cancellation cancel = new Cancellation();
            e = new Entry(CompletableFuture.supplyAsync(() -> compute.apply(cancel), executor), cancel);
            entries.put(key, e);
            evict();
        }
        return e.costs();
    }

    /** Drops and cancels what was computed for versions of {@code uri} older than {@code version}. */
    synchronized void supersede(String uri, int version) {
        Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Entry> e = it.next();
            if (e.getKey().uri().equals(uri) && e.getKey().version() < version) {
                e.getValue().cancel().cancel();
                it.remove();
            }
        }
    }

    private void evict() {
        Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
        while (entries.size() > MAX_ENTRIES && it.hasNext()) {
            it.next().getValue().cancel().cancel();
            it.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
