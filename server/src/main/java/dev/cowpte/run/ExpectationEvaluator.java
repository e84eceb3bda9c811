package dev.cowpte.run;

import static dev.cowpte.mm.Geometry.PAGE_SIZE;

import dev.cowpte.lang.DiagnosticCode;
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
import dev.cowpte.run.Probe.Measure;
import dev.cowpte.words.Amounts;
import java.util.Locale;

/**
 * Evaluates the state expectations (all but {@code segv}, which the interpreter runs) against
 * the machine, without changing it: {@code value} peeks, it does not fault. Each evaluation
 * first measures ({@link #measure}: a {@link Probe}), then judges the measured value against
 * what was written ({@link #judge}), so the same judgement serves a value measured elsewhere.
 */
public final class ExpectationEvaluator {
    private final Machine machine;
    private final ProcessTable names;
    private final RepeatScope scope;
    private final AddressResolver addresses;
    /** Told of every (process, address) an expectation names, so its page walk can be recorded. */
    private final WalkSink named;
    /** The scenario's text, to word amounts in the unit they were written in; null when unknown. */
    private final String source;

    /** Where the addresses an expectation names go: the process, the address and its source range. */
    interface WalkSink {
        void walk(Mm mm, long address, SourceRange at);
    }

    /** A measured expectation and its verdict. */
    record Evaluated(Probe probe, ExpectationOutcome outcome) {
    }

    ExpectationEvaluator(Machine machine, ProcessTable names, RepeatScope scope, AddressResolver addresses,
                         WalkSink named) {
        this(machine, names, scope, addresses, named, null);
    }

    ExpectationEvaluator(Machine machine, ProcessTable names, RepeatScope scope, AddressResolver addresses,
                         WalkSink named, String source) {
        this.source = source;
        this.machine = machine;
        this.names = names;
        this.scope = scope;
        this.addresses = addresses;
        this.named = named;
    }

    Evaluated evaluate(Expectation e) {
        Probe p = e.accept(measure);
        return new Evaluated(p, e.accept(new Verdict(p)));
    }

    /** The verdict on a measured probe: a comparison for the numeric kinds, a description of the table for the others. */
    private final class Verdict implements Expectation.Visitor<ExpectationOutcome> {
        private final Probe p;

        Verdict(Probe p) {
            this.p = p;
        }

        @Override
        public ExpectationOutcome visit(Expectation.PageTables x) {
            return judge(x, p.subject(), p.simulated(), source);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Tables x) {
            return judge(x, p.subject(), p.simulated(), source);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Rss x) {
            return judge(x, p.subject(), p.simulated(), source);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Memory x) {
            return judge(x, p.subject(), p.simulated(), source);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Refcount x) {
            return judge(x, p.subject(), p.simulated(), source);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Mapcount x) {
            return judge(x, p.subject(), p.simulated(), source);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Value x) {
            return judge(x, p.subject(), p.simulated(), source);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Faults x) {
            return judge(x, p.subject(), p.simulated(), source);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Shared x) {
            return shared(p);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Private x) {
            return privateTable(p);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Thp x) {
            return judge(x, p.subject(), p.simulated(), source);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Hugetlb x) {
            return judge(x, p.subject(), p.simulated(), source);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Mthp x) {
            return judge(x, p.subject(), p.simulated(), source);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Huge x) {
            return huge(p);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Segv x) {
            throw new IllegalArgumentException("the interpreter runs " + x.getClass().getSimpleName());
        }
    }

    /** Resolves the expectation's names and reads the simulated value. */
    private final Expectation.Visitor<Probe> measure = new Expectation.Visitor<>() {
        @Override
        public Probe visit(Expectation.PageTables p) {
            if (p.process() == null) {
                return probe(Measure.PAGETABLES, "pagetables", null, machine.pageTablesBytes());
            }
            Mm mm = mm(p.process());
            return probe(Measure.PAGETABLES, "pagetables " + mm.comm(), mm, mm.pgtablesBytes());
        }

        @Override
        public Probe visit(Expectation.Tables t) {
            return tables(t);
        }

        @Override
        public Probe visit(Expectation.Rss r) {
            Mm mm = mm(r.process());
            if (r.kind() == null) {
                return probe(Measure.RSS, "rss " + mm.comm(), mm, mm.rss() * PAGE_SIZE);
            }
            return switch (r.kind()) {
                case ANON -> probe(Measure.RSS_ANON, "rss " + mm.comm() + " anon", mm, mm.rssAnon() * PAGE_SIZE);
                case FILE -> probe(Measure.RSS_FILE, "rss " + mm.comm() + " file", mm, mm.rssFile() * PAGE_SIZE);
                case SHMEM -> probe(Measure.RSS_SHMEM, "rss " + mm.comm() + " shmem", mm, mm.rssShmem() * PAGE_SIZE);
            };
        }

        @Override
        public Probe visit(Expectation.Memory x) {
            return probe(Measure.MEMORY, "memory", null, machine.memoryInUse());
        }

        @Override
        public Probe visit(Expectation.Refcount r) {
            Mm mm = mm(r.process());
            long addr = address(mm, r.process(), r.address());
            return new Probe(Measure.REFCOUNT, "refcount " + mm.comm() + " " + written(r.address()), mm, null, addr,
                    null, machine.inspector().pteRefcount(mm, addr));
        }

        @Override
        public Probe visit(Expectation.Mapcount r) {
            Mm mm = mm(r.process());
            long addr = address(mm, r.process(), r.address());
            return new Probe(Measure.MAPCOUNT, "mapcount " + mm.comm() + " " + written(r.address()), mm, null, addr,
                    null, machine.inspector().mapcount(mm, addr));
        }

        @Override
        public Probe visit(Expectation.Value v) {
            Mm mm = mm(v.process());
            long addr = address(mm, v.process(), v.address());
            return new Probe(Measure.VALUE, "value " + mm.comm() + " " + written(v.address()), mm, null, addr, null,
                    peek(mm, addr, v.address()));
        }

        @Override
        public Probe visit(Expectation.Faults f) {
            return faults(f);
        }

        @Override
        public Probe visit(Expectation.Shared s) {
            Mm a = mm(s.process());
            Mm b = mm(s.other());
            long addr = address(a, s.process(), s.address());
            named.walk(b, addr, s.address().range());
            return new Probe(Measure.SHARED, "shared " + a.comm() + " " + b.comm() + " " + written(s.address()), a, b,
                    addr, null, machine.inspector().sameTable(a, b, addr) ? 1 : 0);
        }

        @Override
        public Probe visit(Expectation.Private p) {
            Mm mm = mm(p.process());
            long addr = address(mm, p.process(), p.address());
            return new Probe(Measure.PRIVATE, "private " + mm.comm() + " " + written(p.address()), mm, null, addr,
                    null, machine.inspector().pteRefcount(mm, addr) == 1 ? 1 : 0);
        }

        @Override
        public Probe visit(Expectation.Thp t) {
            if (t.process() == null) {
                return probe(Measure.THP, "thp", null, machine.anonHugeBytes());
            }
            Mm mm = mm(t.process());
            return probe(Measure.THP, "thp " + mm.comm(), mm, mm.anonHugeBytes());
        }

        @Override
        public Probe visit(Expectation.Hugetlb t) {
            if (t.process() == null) {
                return probe(Measure.HUGETLB, "hugetlb", null, machine.hugetlbInUseBytes());
            }
            Mm mm = mm(t.process());
            return probe(Measure.HUGETLB, "hugetlb " + mm.comm(), mm, mm.hugetlbBytes());
        }

        @Override
        public Probe visit(Expectation.Mthp t) {
            long bytes = scope.bytes(t.size());
            return probe(Measure.MTHP, "mthp " + Amounts.size(bytes) + " " + t.statistic(), null,
                    machine.mthpStats(bytes).get(t.statistic()));
        }

        @Override
        public Probe visit(Expectation.Huge h) {
            Mm mm = mm(h.process());
            long addr = address(mm, h.process(), h.address());
            return new Probe(Measure.HUGE, "huge " + mm.comm() + " " + written(h.address()), mm, null, addr, null,
                    machine.inspector().huge(mm, addr) ? 1 : 0);
        }

        @Override
        public Probe visit(Expectation.Segv s) {
            throw new IllegalArgumentException("the interpreter runs " + s.getClass().getSimpleName());
        }
    };

    /**
     * The verdict of a numeric expectation on a measured value ({@code actual}: bytes for
     * amounts, a count otherwise), worded as every report words it.
     */
    public static ExpectationOutcome judge(Expectation e, String subject, long actual) {
        return judge(e, subject, actual, null);
    }

    /**
     * As {@link #judge(Expectation, String, long)}, amounts in the unit the expectation was written
     * in, read from {@code source}, the scenario's text (null: in the largest exact unit).
     */
    public static ExpectationOutcome judge(Expectation e, String subject, long actual, String source) {
        return e.accept(new Judge(subject, actual, source));
    }

    /** The numeric kinds compared with what was written; the others are not numeric. */
    private record Judge(String subject, long actual, String source) implements Expectation.Visitor<ExpectationOutcome> {
        @Override
        public ExpectationOutcome visit(Expectation.PageTables p) {
            return amount(subject, actual, p.op(), p.expected(), source);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Tables t) {
            return count(subject, actual, t.op(), t.expected());
        }

        @Override
        public ExpectationOutcome visit(Expectation.Rss r) {
            return amount(subject, actual, r.op(), r.expected(), source);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Memory m) {
            return amount(subject, actual, m.op(), m.expected(), source);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Refcount r) {
            return count(subject, actual, r.op(), r.expected());
        }

        @Override
        public ExpectationOutcome visit(Expectation.Mapcount r) {
            return count(subject, actual, r.op(), r.expected());
        }

        @Override
        public ExpectationOutcome visit(Expectation.Value v) {
            return new ExpectationOutcome(v.op().test(actual, v.expected()), subject,
                    v.op().symbol() + " " + v.expected(), Long.toString(actual));
        }

        @Override
        public ExpectationOutcome visit(Expectation.Faults f) {
            return count(subject, actual, f.op(), f.expected());
        }

        @Override
        public ExpectationOutcome visit(Expectation.Shared s) {
            throw new IllegalArgumentException("not a numeric expectation: " + s.getClass().getSimpleName());
        }

        @Override
        public ExpectationOutcome visit(Expectation.Private s) {
            throw new IllegalArgumentException("not a numeric expectation: " + s.getClass().getSimpleName());
        }

        @Override
        public ExpectationOutcome visit(Expectation.Thp t) {
            return amount(subject, actual, t.op(), t.expected(), source);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Hugetlb t) {
            return amount(subject, actual, t.op(), t.expected(), source);
        }

        @Override
        public ExpectationOutcome visit(Expectation.Mthp t) {
            return count(subject, actual, t.op(), t.expected());
        }

        @Override
        public ExpectationOutcome visit(Expectation.Huge s) {
            throw new IllegalArgumentException("not a numeric expectation: " + s.getClass().getSimpleName());
        }

        @Override
        public ExpectationOutcome visit(Expectation.Segv s) {
            throw new IllegalArgumentException("not a numeric expectation: " + s.getClass().getSimpleName());
        }
    }

    private static Probe probe(Measure q, String subject, Mm mm, long value) {
        return new Probe(q, subject, mm, null, 0, null, value);
    }

    private Probe tables(Expectation.Tables t) {
        Mm mm = t.process() == null ? null : mm(t.process());
        long n = 0;
        for (Level level : Level.values()) {
            if (t.level() != null && !level.name().equals(t.level().name())) {
                continue;
            }
            n += mm == null ? machine.tables(level) : machine.tablesReached(mm, level);
        }
        String subject = "tables" + (mm == null ? "" : " " + mm.comm())
                + (t.level() == null ? "" : " " + t.level().name().toLowerCase(Locale.ROOT));
        return probe(Measure.TABLES, subject, mm, n);
    }

    private Probe faults(Expectation.Faults f) {
        Mm mm = f.process() == null ? null : mm(f.process());
        FaultCounters c = mm == null ? machine.faults() : mm.faults();
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
        return new Probe(Measure.FAULTS, subject, mm, null, 0, f.kind(), n);
    }

    private ExpectationOutcome shared(Probe p) {
        Inspector in = machine.inspector();
        String actual = p.simulated() == 1 ? "the same PTE table (refcount " + in.pteRefcount(p.mm(), p.address()) + ")"
                : describeTable(in, p.mm(), p.address()) + " and " + describeTable(in, p.other(), p.address());
        return new ExpectationOutcome(p.simulated() == 1, p.subject(), "one PTE table reached by both", actual);
    }

    private ExpectationOutcome privateTable(Probe p) {
        return new ExpectationOutcome(p.simulated() == 1, p.subject(), "a PTE table of its own (refcount 1)",
                describeTable(machine.inspector(), p.mm(), p.address()));
    }

    private ExpectationOutcome huge(Probe p) {
        return huge(p.subject(), p.simulated() == 1, describeTable(machine.inspector(), p.mm(), p.address()));
    }

    /** The verdict of {@code expect huge}; {@code otherwise} says what maps the address when no huge PMD does. */
    public static ExpectationOutcome huge(String subject, boolean huge, String otherwise) {
        return new ExpectationOutcome(huge, subject, "a huge PMD (a 2 MiB page, no PTE table)",
                huge ? "a huge PMD" : otherwise);
    }

    private static String describeTable(Inspector in, Mm mm, long addr) {
        int ref = in.pteRefcount(mm, addr);
        return ref == 0 ? mm.comm() + " has no PTE table there" : mm.comm() + "'s PTE table has refcount " + ref;
    }

    private long peek(Mm mm, long addr, Address where) {
        try {
            return machine.peek(mm, addr);
        } catch (dev.cowpte.mm.MmError e) {
            throw new ScenarioError(where.range(), DiagnosticCode.MM_ERROR, e.getMessage());
        }
    }

    private static ExpectationOutcome amount(String subject, long actualBytes, Comparison op, Quantity expected,
                                             String source) {
        boolean inBytes = expected.bytes();
        long want = expected.toBytes(0);
        boolean passed = inBytes ? op.test(actualBytes, want) : op.test(actualBytes / PAGE_SIZE, expected.value());
        if (!inBytes) {
            long n = expected.value();
            // 4194304 where 4M was meant: a bare number that reads as bytes
            String hint = !passed && !expected.isVariable() && n >= PAGE_SIZE && n % PAGE_SIZE == 0
                    ? "; a bare number counts 4 KiB pages: for " + n + " bytes write " + Amounts.size(n) : "";
            return new ExpectationOutcome(passed, subject, op.symbol() + " " + Amounts.pages(n),
                    Amounts.pages(Math.floorDiv(actualBytes, PAGE_SIZE)) + hint);
        }
        String written = writtenText(source, expected.range());
        Amounts.Written size = written == null ? null : Amounts.Written.parse(written);
        if (size == null) {
            return new ExpectationOutcome(passed, subject, op.symbol() + " " + Amounts.bytes(want),
                    Amounts.bytes(actualBytes));
        }
        return new ExpectationOutcome(passed, subject, op.symbol() + " " + size.shown(), size.inUnit(actualBytes));
    }

    private static String writtenText(String source, SourceRange r) {
        if (source == null || r == null || r == SourceRange.NONE || r.startOffset() < 0
                || r.endOffset() > source.length() || r.startOffset() >= r.endOffset()) {
            return null;
        }
        return source.substring(r.startOffset(), r.endOffset());
    }

    /**
     * An address as the user wrote it, names of a repeat expanded: {@code buf[0]},
     * {@code buf[12K]}, {@code heap[2M..4M]}, {@code w3buf[5]}, {@code 0x7f0000201000}.
     */
    private String written(Address address) {
        if (address instanceof Address.Absolute a) {
            return Amounts.hex(a.address());
        }
        Address.InRegion r = (Address.InRegion) address;
        String region = scope.expand(r.region());
        if (r.whole()) {
            return region;
        }
        String from = index(r.from());
        if (!r.isRange()) {
            return region + "[" + from + "]";
        }
        return region + "[" + from + ".." + (r.to() == null ? "" : index(r.to())) + "]";
    }

    private String index(Quantity q) {
        if (q.isVariable()) {
            return Long.toString(scope.bytes(q) / PAGE_SIZE);
        }
        return q.bytes() ? Amounts.size(q.value()) : Long.toString(q.value());
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
