package dev.cowpte.dap.session;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What can stop a run after a statement, as the editor's exception breakpoints offer it. Each is
 * read from what the statement did: its expectation's verdict, its error, or the work and faults
 * it added to the machine ({@code Machine.work().since(before)}).
 */
public enum ExceptionFilter {
    EXPECTATION_FAILED("expectation-failed", "Expectation fails", true),
    SEGV("segv", "Segmentation fault", true),
    OUT_OF_MEMORY("out-of-memory", "Out of memory", true),
    ERROR("error", "Other statement error", false),
    TABLE_SHARED("table-shared", "PTE table shared", false),
    TABLE_COPIED("table-copied", "PTE table copied", false),
    TABLE_REUSED("table-reused", "PTE table reused", false),
    TABLE_FREED("table-freed", "Page table freed", false),
    PAGE_COPIED("page-copied", "COW page copy", false);

    private final String id;
    private final String label;
    private final boolean byDefault;

    ExceptionFilter(String id, String label, boolean byDefault) {
        this.id = id;
        this.label = label;
        this.byDefault = byDefault;
    }

    /** The filter's id in {@code setExceptionBreakpoints} and launch configurations. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public boolean byDefault() {
        return byDefault;
    }

    public static Optional<ExceptionFilter> byId(String id) {
        for (ExceptionFilter f : values()) {
            if (f.id.equals(id)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public static Set<ExceptionFilter> defaults() {
        EnumSet<ExceptionFilter> s = EnumSet.noneOf(ExceptionFilter.class);
        for (ExceptionFilter f : values()) {
            if (f.byDefault) {
                s.add(f);
            }
        }
        return s;
    }
}
