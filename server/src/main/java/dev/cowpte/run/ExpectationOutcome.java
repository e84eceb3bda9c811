package dev.cowpte.run;

/**
 * The verdict of one {@code expect}: what was compared ({@code subject}, e.g. {@code rss child}),
 * the expected side as the user wrote it with its comparison ({@code == 12 KiB}) and the actual
 * value in the same unit.
 */
public record ExpectationOutcome(boolean passed, String subject, String expected, String actual) {

    /** The message of a failure: {@code rss child: expected == 0 pages, actual 262144 pages}. */
    public String message() {
        return subject + ": expected " + expected + ", actual " + actual;
    }
}
