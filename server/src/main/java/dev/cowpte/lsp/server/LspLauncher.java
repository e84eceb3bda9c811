package dev.cowpte.lsp.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;

/**
 * Connects a {@link CowpteLanguageServer} to a pair of streams (stdio, a socket, or in tests
 * piped streams) with LSP4J, reading frames with {@link FramedMessageProducer}.
 */
public final class LspLauncher {
    private LspLauncher() {
    }

    /** A started connection: {@code listening} completes when the input ends or fails. */
    public record Connection(Launcher<CowpteLanguageClient> launcher, Future<Void> listening) {
    }

    public static Connection start(CowpteLanguageServer server, InputStream in, OutputStream out) {
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cowpte-lsp-reader");
            t.setDaemon(true);
            return t;
        });
        Launcher<CowpteLanguageClient> launcher = new Builder()
                .setLocalService(server)
                .setRemoteInterface(CowpteLanguageClient.class)
                .setInput(in)
                .setOutput(out)
                .setExecutorService(reader)
                .setExceptionHandler(server::internalError)
                .create();
        server.connect(launcher.getRemoteProxy());
        return new Connection(launcher, launcher.startListening());
    }

    /** LSP4J's builder with the frame reader replaced. */
    private static final class Builder extends Launcher.Builder<CowpteLanguageClient> {
        private MessageJsonHandler json;
        private RemoteEndpoint endpoint;

        @Override
        protected MessageJsonHandler createJsonHandler() {
            json = super.createJsonHandler();
            return json;
        }

        @Override
        protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler jsonHandler) {
            endpoint = super.createRemoteEndpoint(jsonHandler);
            return endpoint;
        }

        @Override
        protected ConcurrentMessageProcessor createMessageProcessor(MessageProducer reader,
                MessageConsumer messageConsumer, CowpteLanguageClient remoteProxy) {
            return new ConcurrentMessageProcessor(new FramedMessageProducer(input, json, endpoint), messageConsumer);
        }
    }
}
