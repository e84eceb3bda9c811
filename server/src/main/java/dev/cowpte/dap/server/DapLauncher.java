package dev.cowpte.dap.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.Launcher;

/** Connects a {@link CowpteDebugServer} to a pair of streams: stdio, a socket, or piped streams in tests. */
public final class DapLauncher {
    private DapLauncher() {
    }

    /** A started connection: {@code listening} completes when the input ends or fails. */
    public record Connection(Launcher<IDebugProtocolClient> launcher, Future<Void> listening) {
    }

    public static Connection start(CowpteDebugServer server, InputStream in, OutputStream out) {
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cowpte-dap-reader");
            t.setDaemon(true);
            return t;
        });
        Launcher<IDebugProtocolClient> launcher = DSPLauncher.createServerLauncher(server, in, out, reader, null);
        server.connect(launcher.getRemoteProxy());
        return new Connection(launcher, launcher.startListening());
    }
}
