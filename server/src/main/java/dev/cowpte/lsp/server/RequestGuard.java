package dev.cowpte.lsp.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Answers a request on the bounded request pool and keeps one feature's failure from taking the
 * server down: an exception becomes an error response and a log line. A request cancelled by the
 * client before it starts is not computed; a full pool answers "busy" at once.
 */
public final class RequestGuard {
    private final Executor pool;
    private final ServerLog log;

    public RequestGuard(Executor pool, ServerLog log) {
        this.pool = pool;
        this.log = log;
    }

    public <T> CompletableFuture<T> answer(String feature, Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                if (f.isDone()) {
                    return;
                }
                try {
                    f.complete(work.get());
                } catch (ResponseErrorException e) {
                    f.completeExceptionally(e);
                } catch (Throwable e) {
                    f.completeExceptionally(failure(feature, e));
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed,
                    "cowpte is busy with other requests; " + feature + " was not answered", null)));
        }
        return f;
    }

    /** The error response for a feature that threw, after logging it. */
    public ResponseErrorException failure(String feature, Throwable e) {
        log.error(feature + " failed", e);
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InternalError,
                "cowpte: " + feature + " failed (" + e.getClass().getSimpleName() + "); the server log has details",
                null));
    }

    /** An error response for a request the client got wrong (the message is shown to the user). */
    public static ResponseErrorException invalid(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
    }
}
