package dev.cowpte.dap.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugResponseMessage;

/** Connects a {@link CowpteDebugServer} to a pair of streams: stdio, a socket, or piped streams in tests. */
public final class DapLauncher {
    private DapLauncher() {
    }

    /**
     * A started connection. {@code ended} completes once the answer to the client's
     * {@code disconnect} is written (the session is then over, even while the client keeps its
     * end open), or when the input ends; it fails with the cause when reading the input fails.
     */
    public record Connection(Launcher<IDebugProtocolClient> launcher, CompletableFuture<Void> ended) {
    }

    public static Connection start(CowpteDebugServer server, InputStream in, OutputStream out) {
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cowpte-dap-reader");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<Void> ended = new CompletableFuture<>();
        Launcher<IDebugProtocolClient> launcher = DSPLauncher.createServerLauncher(server, in, out, reader,
                next -> afterDisconnectAnswer(next, ended));
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        Thread input = new Thread(() -> {
            try {
                listening.get();
                ended.complete(null);
            } catch (ExecutionException e) {
                ended.completeExceptionally(e.getCause());
            } catch (InterruptedException | CancellationException e) {
                ended.complete(null);
            }
        }, "cowpte-dap-input");
        input.setDaemon(true);
        input.start();
        return new Connection(launcher, ended);
    }

    /**
     * Passes each message on and completes {@code ended} after the response to
     * {@code disconnect} went out (the wrapper sees incoming messages too, which are no responses).
     */
    private static MessageConsumer afterDisconnectAnswer(MessageConsumer next, CompletableFuture<Void> ended) {
        return message -> {
            next.consume(message);
            if (message instanceof DebugResponseMessage r && "disconnect".equals(r.getMethod())) {
                ended.complete(null);
            }
        };
    }
}
