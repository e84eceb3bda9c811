package dev.cowpte.lsp.server;

/** The answer to {@code cowpte/memory}: the server JVM's heap, for the benchmark and curious users. */
public record MemoryReport(long heapUsedBytes, long heapCommittedBytes, long heapMaxBytes, int openDocuments,
                           long runsStarted, int runsWaiting) {
    static MemoryReport now(int openDocuments, long runsStarted, int runsWaiting) {
        Runtime rt = Runtime.getRuntime();
        return new MemoryReport(rt.totalMemory() - rt.freeMemory(), rt.totalMemory(), rt.maxMemory(), openDocuments,
                runsStarted, runsWaiting);
    }
}
