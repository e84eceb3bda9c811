package dev.cowpte.lang;

/**
 * A span of scenario text. Lines and columns are 1-based; columns count UTF-16 code units, as
 * editors do; {@code endColumn} is exclusive. Offsets are 0-based UTF-16 offsets into the text.
 */
public record SourceRange(int line, int column, int endLine, int endColumn, int startOffset, int endOffset) {

    public static final SourceRange NONE = new SourceRange(1, 1, 1, 1, 0, 0);

    /** The smallest range covering both. */
    public SourceRange to(SourceRange other) {
        return new SourceRange(line, column, other.endLine, other.endColumn, startOffset, other.endOffset);
    }

    public boolean contains(int offset) {
        return offset >= startOffset && offset <= endOffset;
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
