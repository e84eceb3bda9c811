package dev.cowpte.cli;

/** A mistake on the command line (a missing file, a bad option value): exit code 2, no stack trace. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message, null, false, false);
    }
}
