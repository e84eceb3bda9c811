package dev.cowpte.lang.ast;

/** What a statement is about, for the code that needs it without caring which statement it is. */
public final class Statements {
    private Statements() {
    }

    /**
     * The process a statement acts on: the one written after mmap, munmap, mprotect, madvise,
     * touch, read, write, pin, unpin and exit, and a fork's parent. Null for the others.
     */
    public static Name subject(Statement s) {
        if (s instanceof Statement.Fork f) {
            return f.parent();
        } else if (s instanceof Statement.Exit e) {
            return e.process();
        } else if (s instanceof Statement.Mmap m) {
            return m.process();
        } else if (s instanceof Statement.AtAddress a) {
            return a.process();
        }
        return null;
    }

    /**
     * The process of an access that can fault and so be killed by SIGSEGV (touch, read, write,
     * pin), as inside {@code expect segv}; null for any other statement.
     */
    public static Name faultingProcess(Statement s) {
        boolean faults = s instanceof Statement.Touch || s instanceof Statement.Read || s instanceof Statement.Write
                || s instanceof Statement.Pin;
        return faults ? subject(s) : null;
    }

    /**
     * The address or range a statement names: the target of a mapping or access statement, the
     * address of {@code show} and of {@code expect refcount|mapcount|value|shared|private}, and
     * that of the statement inside {@code expect segv}. Null when it names none.
     */
    public static Address address(Statement s) {
        if (s instanceof Statement.AtAddress a) {
            return a.target();
        } else if (s instanceof Statement.Show sh) {
            return sh.address();
        } else if (s instanceof Statement.Expect e) {
            Expectation x = e.expectation();
            if (x instanceof Expectation.Refcount r) {
                return r.address();
            } else if (x instanceof Expectation.Mapcount m) {
                return m.address();
            } else if (x instanceof Expectation.Value v) {
                return v.address();
            } else if (x instanceof Expectation.Shared sh) {
                return sh.address();
            } else if (x instanceof Expectation.Private p) {
                return p.address();
            } else if (x instanceof Expectation.Huge h) {
                return h.address();
            } else if (x instanceof Expectation.Segv segv && segv.access() != null) {
                return address(segv.access());
            }
        }
        return null;
    }
}
