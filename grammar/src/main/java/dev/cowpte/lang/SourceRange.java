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

    // equals and hashCode written out, as in Names.Symbol: ranges are hashed in every run, and the
    // record's generated methods would cost its start the spinning of method handles.
    @Override
    public boolean equals(Object o) {
        return o instanceof SourceRange r && line == r.line && column == r.column && endLine == r.endLine
                && endColumn == r.endColumn && startOffset == r.startOffset && endOffset == r.endOffset;
    }

    @Override
    public int hashCode() {
        int h = line;
        h = 31 * h + column;
        h = 31 * h + endLine;
        h = 31 * h + endColumn;
        h = 31 * h + startOffset;
        return 31 * h + endOffset;
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
