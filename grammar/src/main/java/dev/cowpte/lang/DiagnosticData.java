package dev.cowpte.lang;

/**
 * What a diagnostic knows that a fix needs, written down where the problem is found so that no
 * reader has to find it again in the message: the word meant, the process or region to declare
 * and where, the access to mark as meant to fault. A diagnostic carries none, one or several.
 */
public sealed interface DiagnosticData {

    /** "Did you mean": {@code word} is what the text at {@code range} was meant to be. */
    record Meant(String word, SourceRange range) implements DiagnosticData {
    }

    /** A process used before any declared it: {@code process NAME} on a new line before the statement at {@code before}. */
    record DeclareProcess(String process, SourceRange before) implements DiagnosticData {
    }

    /** A region the process never mapped: an {@code mmap} of it on a new line before the statement at {@code before}. */
    record MapRegion(String process, String region, SourceRange before) implements DiagnosticData {
    }

    /** An access that faults: {@code expect segv} before the access statement at {@code access}. */
    record ExpectSegv(SourceRange access) implements DiagnosticData {
    }

    /**
     * A {@code read} of a region of more than one page, which loads its first page only:
     * {@code statement} ({@code touch P R read}) in place of the text at {@code range}.
     */
    record ReadEveryPage(String statement, SourceRange range) implements DiagnosticData {
    }
}
