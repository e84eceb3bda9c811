package dev.cowpte.run;

import static dev.cowpte.mm.Geometry.PAGE_SIZE;

import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Address;
import dev.cowpte.lang.ast.Comparison;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.Quantity;
import dev.cowpte.mm.FaultCounters;
import dev.cowpte.mm.Inspector;
import dev.cowpte.mm.Level;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.Mm;
import java.util.Locale;

/**
 * Evaluates the state expectations (all but {@code segv}, which the interpreter runs) against
 * the machine, without changing it: {@code value} peeks, it does not fault.
 */
final class ExpectationEvaluator {
    private final Machine machine;
    private final ProcessTable names;
    private final RepeatScope scope;
    private final AddressResolver addresses;
    /** Told of every (process, address) an expectation names, so its page walk can be recorded. */
    private final WalkSink named;

    /** Where the addresses an expectation names go: the process, the address and its source range. */
    interface WalkSink {
        void walk(Mm mm, long address, SourceRange at);
    }

    ExpectationEvaluator(Machine machine, ProcessTable names, RepeatScope scope, AddressResolver addresses,
                         WalkSink named) {
        this.machine = machine;
        this.names = names;
        this.scope = scope;
        this.addresses = addresses;
        this.named = named;
    }

    ExpectationOutcome evaluate(Expectation e) {
        if (e instanceof Expectation.PageTables p) {
            return pageTables(p);
        }
        if (e instanceof Expectation.Tables t) {
            return tables(t);
        }
        if (e instanceof Expectation.Rss r) {
            Mm mm = mm(r.process());
            return amount("rss " + mm.comm(), mm.rss() * PAGE_SIZE, r.op(), r.expected());
        }
        if (e instanceof Expectation.Memory m) {
            return amount("memory", machine.memoryInUse(), m.op(), m.expected());
        }
        if (e instanceof Expectation.Refcount r) {
            Mm mm = mm(r.process());
            long addr = address(mm, r.process(), r.address());
            return count("refcount " + mm.comm() + " " + Amounts.hex(addr),
                    machine.inspector().pteRefcount(mm, addr), r.op(), r.expected());
        }
        if (e instanceof Expectation.Mapcount r) {
            Mm mm = mm(r.process());
            long addr = address(mm, r.process(), r.address());
            return count("mapcount " + mm.comm() + " " + Amounts.hex(addr),
                    machine.inspector().mapcount(mm, addr), r.op(), r.expected());
        }
        if (e instanceof Expectation.Value v) {
            Mm mm = mm(v.process());
            long addr = address(mm, v.process(), v.address());
            long actual = peek(mm, addr, v.address());
            return new ExpectationOutcome(v.op().test(actual, v.expected()),
                    "value " + mm.comm() + " " + Amounts.hex(addr),
                    v.op().symbol() + " " + v.expected(), Long.toString(actual));
        }
        if (e instanceof Expectation.Faults f) {
            return faults(f);
        }
        if (e instanceof Expectation.Shared s) {
            return shared(s);
        }
        if (e instanceof Expectation.Private p) {
            return privateTable(p);
        }
        throw new IllegalArgumentException("the interpreter runs " + e.getClass().getSimpleName());
    }

    private ExpectationOutcome pageTables(Expectation.PageTables p) {
        long bytes;
        String subject;
        if (p.process() == null) {
            bytes = machine.pageTablesBytes();
            subject = "pagetables";
        } else {
            Mm mm = mm(p.process());
            bytes = mm.pgtablesBytes();
            subject = "pagetables " + mm.comm();
        }
        return amount(subject, bytes, p.op(), p.expected());
    }

    private ExpectationOutcome tables(Expectation.Tables t) {
        Mm mm = t.process() == null ? null : mm(t.process());
        long n = 0;
        for (Level level : Level.values()) {
            if (t.level() != null && !level.name().equals(t.level().name())) {
                continue;
            }
            n += mm == null ? machine.tables(level) : mm.tables(level);
        }
        String subject = "tables" + (mm == null ? "" : " " + mm.comm())
                + (t.level() == null ? "" : " " + t.level().name().toLowerCase(Locale.ROOT));
        return count(subject, n, t.op(), t.expected());
    }

    private ExpectationOutcome faults(Expectation.Faults f) {
        FaultCounters c = f.process() == null ? machine.faults() : mm(f.process()).faults();
        long n;
        if (f.kind() == null) {
            n = c.all();
        } else {
            switch (f.kind()) {
                case COW -> n = c.cow();
                case ZERO -> n = c.zero();
                default -> n = c.table();
            }
        }
        String subject = "faults" + (f.process() == null ? "" : " " + process(f.process()))
                + (f.kind() == null ? "" : " " + f.kind().name().toLowerCase(Locale.ROOT));
        return count(subject, n, f.op(), f.expected());
    }

    private ExpectationOutcome shared(Expectation.Shared s) {
        Mm a = mm(s.process());
        Mm b = mm(s.other());
        long addr = address(a, s.process(), s.address());
        named.walk(b, addr, s.address().range());
        Inspector in = machine.inspector();
        boolean same = in.sameTable(a, b, addr);
        String actual = same ? "the same PTE table (refcount " + in.pteRefcount(a, addr) + ")"
                : describeTable(in, a, addr) + " and " + describeTable(in, b, addr);
        return new ExpectationOutcome(same, "shared " + a.comm() + " " + b.comm() + " " + Amounts.hex(addr),
                "one PTE table reached by both", actual);
    }

    private ExpectationOutcome privateTable(Expectation.Private p) {
        Mm mm = mm(p.process());
        long addr = address(mm, p.process(), p.address());
        Inspector in = machine.inspector();
        int ref = in.pteRefcount(mm, addr);
        return new ExpectationOutcome(ref == 1, "private " + mm.comm() + " " + Amounts.hex(addr),
                "a PTE table of its own (refcount 1)", describeTable(in, mm, addr));
    }

    private static String describeTable(Inspector in, Mm mm, long addr) {
        int ref = in.pteRefcount(mm, addr);
        return ref == 0 ? mm.comm() + " has no PTE table there" : mm.comm() + "'s PTE table has refcount " + ref;
    }

    private long peek(Mm mm, long addr, Address where) {
        try {
            return machine.peek(mm, addr);
        } catch (dev.cowpte.mm.MmError e) {
            throw new ScenarioError(where.range(), "mm-error", e.getMessage());
        }
    }

    private static ExpectationOutcome amount(String subject, long actualBytes, Comparison op, Quantity expected) {
        boolean inBytes = expected.bytes();
        long want = expected.toBytes(0);
        boolean passed = inBytes ? op.test(actualBytes, want) : op.test(actualBytes / PAGE_SIZE, expected.value());
        return new ExpectationOutcome(passed, subject,
                op.symbol() + " " + (inBytes ? Amounts.bytes(want) : Amounts.pages(expected.value())),
                Amounts.inUnit(actualBytes, inBytes));
    }

    private static ExpectationOutcome count(String subject, long actual, Comparison op, long expected) {
        return new ExpectationOutcome(op.test(actual, expected), subject, op.symbol() + " " + expected,
                Long.toString(actual));
    }

    private String process(Name name) {
        return scope.expand(name);
    }

    private Mm mm(Name name) {
        return names.live(process(name), name.range());
    }

    private long address(Mm mm, Name process, Address address) {
        long addr = addresses.resolve(process(process), address).address();
        named.walk(mm, addr, address.range());
        return addr;
    }
}
