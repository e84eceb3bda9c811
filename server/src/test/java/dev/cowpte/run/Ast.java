package dev.cowpte.run;

import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Address;
import dev.cowpte.lang.ast.Comparison;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.Quantity;
import dev.cowpte.lang.ast.Scenario;
import dev.cowpte.lang.ast.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds syntax trees for interpreter tests without the front end: statement n sits on line n
 * (1-based) at column 1, so a test can assert where a diagnostic points.
 */
final class Ast {
    private List<Statement> statements = new ArrayList<>();
    private final StringBuilder source = new StringBuilder();
    private int line;

    /** The range of the next statement's line; the text stands in the source at that offset. */
    SourceRange next(String text) {
        line++;
        int start = source.length();
        source.append(text).append('\n');
        return new SourceRange(line, 1, line, text.length() + 1, start, start + text.length());
    }

    static SourceRange at(SourceRange line, int column) {
        return new SourceRange(line.line(), column, line.line(), column + 1, line.startOffset() + column - 1,
                line.startOffset() + column);
    }

    Ast add(Statement s) {
        statements.add(s);
        return this;
    }

    Scenario scenario() {
        return new Scenario(null, List.copyOf(statements));
    }

    String source() {
        return source.toString();
    }

    RunResult run(RunOptions options) {
        return Interpreter.run(scenario(), source(), options.withInvariantChecks(true));
    }

    RunResult run() {
        return run(RunOptions.defaults());
    }

    // ---- nodes ----

    static Name name(String text, SourceRange r) {
        return new Name(text, r);
    }

    static Quantity pages(long n, SourceRange r) {
        return Quantity.pages(n, r);
    }

    static Quantity bytes(long n, SourceRange r) {
        return Quantity.bytes(n, r);
    }

    static Quantity var(String v, SourceRange r) {
        return new Quantity(0, false, v, r);
    }

    static Address whole(String region, SourceRange r) {
        return new Address.InRegion(name(region, r), null, null, false, r);
    }

    static Address page(String region, Quantity q, SourceRange r) {
        return new Address.InRegion(name(region, r), q, null, false, r);
    }

    static Address range(String region, Quantity from, Quantity to, SourceRange r) {
        return new Address.InRegion(name(region, r), from, to, true, r);
    }

    // ---- statements, each on its own line ----

    Ast policy(String p) {
        SourceRange r = next("policy " + p);
        return add(new Statement.Policy(p, at(r, 8), r));
    }

    Ast process(String p) {
        SourceRange r = next("process " + p);
        return add(new Statement.Process(name(p, at(r, 9)), r));
    }

    Ast mmap(String p, String region, Quantity size, Statement.MapOption... options) {
        SourceRange r = next("mmap " + p + " " + region + " ...");
        return add(new Statement.Mmap(name(p, r), name(region, r), size, null, List.of(options), r));
    }

    Ast mmapPages(String p, String region, long pages, Statement.MapOption... options) {
        SourceRange r = next("mmap " + p + " " + region + " " + pages);
        return add(new Statement.Mmap(name(p, r), name(region, r), pages(pages, r), null, List.of(options), r));
    }

    Ast mmapAt(String p, String region, long pages, long at) {
        SourceRange r = next("mmap " + p + " " + region + " " + pages + " at " + at);
        return add(new Statement.Mmap(name(p, r), name(region, r), pages(pages, r), at, List.of(), r));
    }

    Ast touch(String p, Address a, boolean write) {
        SourceRange r = next("touch " + p + " ...");
        return add(new Statement.Touch(name(p, r), a, write, r));
    }

    Ast write(String p, Address a, long value) {
        SourceRange r = next("write " + p + " ... = " + value);
        return add(new Statement.Write(name(p, r), a, value, r));
    }

    Ast read(String p, Address a) {
        SourceRange r = next("read " + p + " ...");
        return add(new Statement.Read(name(p, r), a, r));
    }

    Ast fork(String parent, String child, String policy) {
        SourceRange r = next("fork " + parent + " -> " + child + (policy == null ? "" : " policy " + policy));
        return add(new Statement.Fork(name(parent, r), name(child, at(r, 9 + parent.length())), policy, r, r));
    }

    Ast exit(String p) {
        SourceRange r = next("exit " + p);
        return add(new Statement.Exit(name(p, at(r, 6)), r));
    }

    Ast munmap(String p, Address a) {
        SourceRange r = next("munmap " + p + " ...");
        return add(new Statement.Munmap(name(p, r), a, r));
    }

    Ast mprotect(String p, Address a, boolean writable) {
        SourceRange r = next("mprotect " + p + " ...");
        return add(new Statement.Mprotect(name(p, r), a, writable, r));
    }

    Ast show(String p, Address a) {
        SourceRange r = next("show");
        return add(new Statement.Show(p == null ? null : name(p, r), a, r));
    }

    Ast machineMemory(Quantity q) {
        SourceRange r = next("machine memory ...");
        return add(new Statement.MachineMemory(q, r));
    }

    Ast expect(Expectation e) {
        SourceRange r = next("expect ...");
        return add(new Statement.Expect(e, r));
    }

    /** The range the next statement will get (for building an expectation that quotes it). */
    SourceRange peekNext() {
        int start = source.length();
        return new SourceRange(line + 1, 1, line + 1, 2, start, start + 1);
    }

    /** A repeat whose body is what {@code body} adds, on the lines after the header. */
    Ast repeat(long count, String variable, java.util.function.Consumer<Ast> body) {
        SourceRange r = next("repeat " + count + (variable == null ? "" : " as " + variable) + " {");
        List<Statement> outer = statements;
        statements = new ArrayList<>();
        body.accept(this);
        List<Statement> inner = statements;
        statements = outer;
        next("}");
        return add(new Statement.Repeat(count, variable, r, List.copyOf(inner), r));
    }

    Ast expectCount(String kind, String p, Address a, Comparison op, long n) {
        SourceRange r = peekNext();
        Name pn = name(p, r);
        Expectation e = switch (kind) {
            case "refcount" -> new Expectation.Refcount(pn, a, op, n, r);
            case "mapcount" -> new Expectation.Mapcount(pn, a, op, n, r);
            case "value" -> new Expectation.Value(pn, a, op, n, r);
            default -> throw new IllegalArgumentException(kind);
        };
        return expect(e);
    }
}
