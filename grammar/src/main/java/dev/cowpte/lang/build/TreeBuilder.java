package dev.cowpte.lang.build;

import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.DiagnosticList;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Address;
import dev.cowpte.lang.ast.Comparison;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.Offset;
import dev.cowpte.lang.ast.PageSet;
import dev.cowpte.lang.ast.Quantity;
import dev.cowpte.lang.ast.Scenario;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.parser.CowpteParser;
import dev.cowpte.lang.parser.CowpteParser.*;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds the typed syntax tree from the parse tree, with exact source ranges. Statements with a
 * syntax error (already reported) are left out; numbers that do not fit are reported here.
 */
public final class TreeBuilder {
    /** Thrown out of one statement whose number does not fit; the statement is left out. */
    private static final class Unusable extends Exception {
        Unusable() {
            super(null, null, false, false);
        }
    }

    private final SourceMap sourceMap;
    private final DiagnosticList diagnostics;

    public TreeBuilder(SourceMap sourceMap, DiagnosticList diagnostics) {
        this.sourceMap = sourceMap;
        this.diagnostics = diagnostics;
    }

    public Scenario build(ScenarioContext tree) {
        List<Statement> statements = new ArrayList<>();
        if (tree != null) {
            for (LineContext line : tree.line()) {
                addStatement(line.statement(), statements);
            }
        }
        String title = !statements.isEmpty() && statements.get(0) instanceof Statement.ScenarioTitle t ? t.title() : null;
        return new Scenario(title, List.copyOf(statements));
    }

    private void addStatement(StatementContext context, List<Statement> into) {
        if (context == null || isBroken(context)) {
            return;
        }
        try {
            Statement statement = statement(context);
            if (statement != null) {
                into.add(statement);
            }
        } catch (Unusable reported) {
            // the number that does not fit has been reported
        }
    }

    /** Whether the statement (not counting the lines of a repeat block) holds a syntax error. */
    private static boolean isBroken(ParseTree tree) {
        if (tree instanceof ErrorNode) {
            return true;
        }
        if (tree instanceof ParserRuleContext rule) {
            if (rule.exception != null) {
                return true;
            }
            if (rule instanceof BlockContext block) {
                return block.LBRACE() == null || block.RBRACE() == null;
            }
            for (int i = 0; i < rule.getChildCount(); i++) {
                if (isBroken(rule.getChild(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    private SourceRange range(ParserRuleContext context) {
        return sourceMap.range(context);
    }

    private SourceRange range(TerminalNode node) {
        return sourceMap.range(node.getSymbol());
    }

    private Statement statement(StatementContext context) throws Unusable {
        ParseTree child = context.getChild(0);
        SourceRange r = range(context);
        if (child instanceof ScenarioStatementContext c) {
            return new Statement.ScenarioTitle(unquote(c.STRING().getText()), r);
        } else if (child instanceof PolicyStatementContext c) {
            return new Statement.Policy(c.policyName().getText(), range(c.policyName()), r);
        } else if (child instanceof MachineStatementContext c) {
            return machine(c.machineSetting(), r);
        } else if (child instanceof ProcessStatementContext c) {
            return new Statement.Process(name(c.processName()), r);
        } else if (child instanceof FileStatementContext c) {
            return new Statement.File(name(c.fileName()), quantity(c.quantity()), r);
        } else if (child instanceof MmapStatementContext c) {
            return mmap(c, r);
        } else if (child instanceof MunmapStatementContext c) {
            return new Statement.Munmap(name(c.processName()), address(c.address()), r);
        } else if (child instanceof MremapStatementContext c) {
            Long at = c.integer() == null ? null : integer(c.integer());
            return new Statement.Mremap(name(c.processName()), name(c.regionName()), quantity(c.quantity()), at, r);
        } else if (child instanceof MprotectStatementContext c) {
            return new Statement.Mprotect(name(c.processName()), address(c.address()),
                    c.protection().READWRITE() != null, r);
        } else if (child instanceof MadviseStatementContext c) {
            return new Statement.Madvise(name(c.processName()), address(c.address()), advice(c.advice()), r);
        } else if (child instanceof TouchStatementContext c) {
            boolean write = c.accessKind() == null || c.accessKind().WRITE() != null;
            return new Statement.Touch(name(c.processName()), address(c.address()), write, r);
        } else if (child instanceof ReadStatementContext c) {
            return new Statement.Read(name(c.processName()), address(c.address()), r);
        } else if (child instanceof WriteStatementContext c) {
            long value = c.value() == null ? 1 : value(c.value());
            return new Statement.Write(name(c.processName()), address(c.address()), value, r);
        } else if (child instanceof ForkStatementContext c) {
            PolicyNameContext policy = c.policyName();
            return new Statement.Fork(name(c.processName()), name(c.childName()),
                    policy == null ? null : policy.getText(), policy == null ? null : range(policy), r);
        } else if (child instanceof ExitStatementContext c) {
            return new Statement.Exit(name(c.processName()), r);
        } else if (child instanceof PinStatementContext c) {
            return new Statement.Pin(name(c.processName()), address(c.address()), r);
        } else if (child instanceof UnpinStatementContext c) {
            return new Statement.Unpin(name(c.processName()), address(c.address()), r);
        } else if (child instanceof RepeatStatementContext c) {
            return repeat(c, r);
        } else if (child instanceof ShowStatementContext c) {
            Name process = c.processName() == null ? null : name(c.processName());
            Address address = c.address() == null ? null : address(c.address());
            return new Statement.Show(process, address, r);
        } else if (child instanceof ExpectStatementContext c) {
            Expectation expectation = expectation(c.expectation());
            return expectation == null ? null : new Statement.Expect(expectation, r);
        }
        return null;
    }

    private Statement machine(MachineSettingContext setting, SourceRange r) throws Unusable {
        if (setting instanceof MachineMemoryContext c) {
            return new Statement.MachineMemory(quantity(c.quantity()), r);
        } else if (setting instanceof MachineLevelsContext c) {
            long levels = count(c.count());
            return new Statement.MachineLevels((int) Math.min(levels, Integer.MAX_VALUE), r);
        } else if (setting instanceof MachinePtReclaimContext c) {
            return new Statement.MachinePtReclaim(c.ON() != null, r);
        } else if (setting instanceof MachineFaultAroundContext c) {
            return new Statement.MachineFaultAround(c.ON() != null, r);
        } else if (setting instanceof MachineThpContext c) {
            return new Statement.MachineThp(
                    Statement.ThpMode.valueOf(c.thpMode().getText().toUpperCase(java.util.Locale.ROOT)),
                    c.thpSize() == null ? null : quantity(c.thpSize().quantity()), r);
        } else if (setting instanceof MachineSeedContext c) {
            return new Statement.MachineSeed(count(c.count()), r);
        } else if (setting instanceof MachineHugetlbContext c) {
            Quantity size = quantity(c.quantity());
            long count = count(c.count());
            if (!size.bytes() || (size.value() != HUGETLB_2M && size.value() != HUGETLB_1G)) {
                diagnostics.report(size.range(), DiagnosticCode.HUGETLB_SIZE,
                        "a hugetlb pool is of 2M or 1G pages, not " + c.quantity().getText());
                throw new Unusable();
            }
            return new Statement.MachineHugetlb(size.value(), count, r);
        } else if (setting instanceof MachineKernelContext c) {
            return new Statement.MachineKernel(c.kernelVersion().getText(), range(c.kernelVersion()), r);
        }
        return null;
    }

    private Statement mmap(MmapStatementContext c, SourceRange r) throws Unusable {
        Long at = null;
        Name file = null;
        Set<Statement.MapOption> options = EnumSet.noneOf(Statement.MapOption.class);
        List<Statement.MapOption> ordered = new ArrayList<>();
        String mshare = null;
        for (MapOptionContext option : c.mapOption()) {
            Statement.MapOption flag = null;
            if (option.AT() != null) {
                if (at != null) {
                    diagnostics.report(range(option), DiagnosticCode.DUPLICATE_OPTION, "'at' is given twice");
                    continue;
                }
                at = integer(option.integer());
            } else if (option.FILE() != null) {
                if (file != null) {
                    diagnostics.report(range(option), DiagnosticCode.DUPLICATE_OPTION, "'file' is given twice");
                    continue;
                }
                file = name(option.fileName());
            } else if (option.SHARED() != null) {
                flag = Statement.MapOption.SHARED;
            } else if (option.READONLY() != null) {
                flag = Statement.MapOption.READONLY;
            } else if (option.DONTFORK() != null) {
                flag = Statement.MapOption.DONTFORK;
            } else if (option.WIPEONFORK() != null) {
                flag = Statement.MapOption.WIPEONFORK;
            } else if (option.HUGEPAGE() != null) {
                flag = Statement.MapOption.HUGEPAGE;
            } else if (option.NOHUGEPAGE() != null) {
                flag = Statement.MapOption.NOHUGEPAGE;
            } else if (option.MSHARE() != null) {
                if (mshare != null) {
                    diagnostics.report(range(option), DiagnosticCode.DUPLICATE_OPTION, "'mshare' is given twice");
                }
                mshare = option.mshareName.getText();
                continue;
            } else if (option.HUGETLB() != null) {
                flag = hugetlbOption(option);
                if (options.contains(Statement.MapOption.HUGETLB) || options.contains(Statement.MapOption.HUGETLB_1G)) {
                    diagnostics.report(range(option), DiagnosticCode.DUPLICATE_OPTION, "'hugetlb' is given twice");
                    continue;
                }
            }
            if (flag != null && !options.add(flag)) {
                diagnostics.report(range(option), DiagnosticCode.DUPLICATE_OPTION,
                        "'" + option.getText() + "' is given twice");
            } else if (flag != null) {
                ordered.add(flag);
            }
        }
        if (options.contains(Statement.MapOption.HUGEPAGE) && options.contains(Statement.MapOption.NOHUGEPAGE)) {
            diagnostics.report(r, DiagnosticCode.CONFLICTING_OPTIONS, "'hugepage' and 'nohugepage' exclude each other");
        }
        if (file != null && options.contains(Statement.MapOption.WIPEONFORK)) {
            diagnostics.report(r, DiagnosticCode.CONFLICTING_OPTIONS,
                    "'wipeonfork' applies to private anonymous memory only, not to a mapping of file " + file.text());
        }
        Quantity size = quantity(c.quantity());
        long hugetlb = options.contains(Statement.MapOption.HUGETLB_1G) ? HUGETLB_1G
                : options.contains(Statement.MapOption.HUGETLB) ? HUGETLB_2M : 0;
        if (hugetlb != 0) {
            String page = hugetlb == HUGETLB_1G ? "1G" : "2M";
            if (options.contains(Statement.MapOption.HUGEPAGE) || options.contains(Statement.MapOption.NOHUGEPAGE)) {
                diagnostics.report(r, DiagnosticCode.CONFLICTING_OPTIONS,
                        "'hugepage' and 'nohugepage' are for transparent huge pages, not hugetlb memory");
            }
            long bytes = size.bytes() ? size.value() : size.value() * 4096;
            if (bytes % hugetlb != 0) {
                diagnostics.report(size.range(), DiagnosticCode.HUGETLB_SIZE, "a hugetlb mmap of " + page
                        + " pages maps whole pages: " + c.quantity().getText() + " is not a multiple of " + page);
            }
            if (at != null && at % hugetlb != 0) {
                diagnostics.report(r, DiagnosticCode.HUGETLB_SIZE, String.format(
                        "a hugetlb mmap of %s pages starts at a multiple of %s: %#x is not", page, page, at));
            }
        }
        if (mshare != null) {
            long bytes = size.bytes() ? size.value() : size.value() * 4096;
            if (!ordered.isEmpty()) {
                diagnostics.report(r, DiagnosticCode.MSHARE_SIZE, "an mshare region is mapped shared and read-write"
                        + " whole, with 'at' at most: '" + ordered.get(0).name().toLowerCase(java.util.Locale.ROOT)
                        .replace("hugetlb_1g", "hugetlb 1G") + "' does not go with 'mshare'");
            }
            if (bytes % MSHARE_ALIGN != 0) {
                diagnostics.report(size.range(), DiagnosticCode.MSHARE_SIZE, "an mshare region is a multiple of"
                        + " 512G (mshare_align, one pgd entry): " + c.quantity().getText() + " is not");
            }
            if (at != null && at % MSHARE_ALIGN != 0) {
                diagnostics.report(r, DiagnosticCode.MSHARE_SIZE, String.format(
                        "an mshare region starts at a multiple of 512G: %#x is not", at));
            }
        }
        if (file != null && (hugetlb != 0 || mshare != null)) {
            diagnostics.report(r, DiagnosticCode.CONFLICTING_OPTIONS, "a mapping of file " + file.text()
                    + " is of the page cache: 'hugetlb' and 'mshare' map memory of their own");
        }
        return new Statement.Mmap(name(c.processName()), name(c.regionName()), size, at, file,
                List.copyOf(ordered), r, mshare);
    }

    private static final long MSHARE_ALIGN = 512L << 30;
    private static final long HUGETLB_2M = 2L << 20;
    private static final long HUGETLB_1G = 1L << 30;

    /** {@code hugetlb}, {@code hugetlb 2M} or {@code hugetlb 1G}; any other size is reported and read as 2M. */
    private Statement.MapOption hugetlbOption(MapOptionContext option) throws Unusable {
        if (option.hugetlbSize == null) {
            return Statement.MapOption.HUGETLB;
        }
        long bytes = parse(option.hugetlbSize, NumberLiterals::sizeInBytes);
        if (bytes == HUGETLB_1G) {
            return Statement.MapOption.HUGETLB_1G;
        }
        if (bytes != HUGETLB_2M) {
            diagnostics.report(sourceMap.range(option.hugetlbSize), DiagnosticCode.HUGETLB_SIZE,
                    "hugetlb pages are 2M or 1G, not " + option.hugetlbSize.getText());
        }
        return Statement.MapOption.HUGETLB;
    }

    private Statement repeat(RepeatStatementContext c, SourceRange r) throws Unusable {
        RepeatHeaderContext header = c.repeatHeader();
        long count = count(header.count());
        VariableContext variable = header.variable();
        List<Statement> body = new ArrayList<>();
        for (BlockLineContext line : c.block().blockLine()) {
            addStatement(line.statement(), body);
        }
        return new Statement.Repeat(count, variable == null ? null : variable.getText(),
                variable == null ? null : range(variable), List.copyOf(body), r);
    }

    private static Statement.Advice advice(AdviceContext c) {
        return Statement.Advice.valueOf(c.getText().toUpperCase(java.util.Locale.ROOT));
    }

    private Expectation expectation(ExpectationContext context) throws Unusable {
        ParseTree child = context.getChild(0);
        SourceRange r = range(context);
        if (child instanceof PageTablesExpectationContext c) {
            return new Expectation.PageTables(optionalName(c.processName()), comparison(c.comparison()),
                    quantity(c.quantity()), r);
        } else if (child instanceof TablesExpectationContext c) {
            Expectation.TableLevel level = c.tableLevel() == null ? null
                    : Expectation.TableLevel.valueOf(c.tableLevel().getText().toUpperCase(java.util.Locale.ROOT));
            return new Expectation.Tables(optionalName(c.processName()), level, comparison(c.comparison()),
                    count(c.count()), r);
        } else if (child instanceof RssExpectationContext c) {
            Expectation.RssKind kind = c.rssKind() == null ? null
                    : Expectation.RssKind.valueOf(c.rssKind().getText().toUpperCase(java.util.Locale.ROOT));
            return new Expectation.Rss(name(c.processName()), kind, comparison(c.comparison()), quantity(c.quantity()), r);
        } else if (child instanceof MemoryExpectationContext c) {
            return new Expectation.Memory(comparison(c.comparison()), quantity(c.quantity()), r);
        } else if (child instanceof RefcountExpectationContext c) {
            return new Expectation.Refcount(name(c.processName()), address(c.address()), comparison(c.comparison()),
                    count(c.count()), r);
        } else if (child instanceof MapcountExpectationContext c) {
            return new Expectation.Mapcount(name(c.processName()), address(c.address()), comparison(c.comparison()),
                    count(c.count()), r);
        } else if (child instanceof ValueExpectationContext c) {
            return new Expectation.Value(name(c.processName()), address(c.address()), comparison(c.comparison()),
                    value(c.value()), r);
        } else if (child instanceof FaultsExpectationContext c) {
            Expectation.FaultKind kind = c.faultKind() == null ? null
                    : Expectation.FaultKind.valueOf(c.faultKind().getText().toUpperCase(java.util.Locale.ROOT));
            return new Expectation.Faults(optionalName(c.processName()), kind, comparison(c.comparison()),
                    count(c.count()), r);
        } else if (child instanceof SharedExpectationContext c) {
            return new Expectation.Shared(name(c.processName(0)), name(c.otherProcess), address(c.address()), r);
        } else if (child instanceof PrivateExpectationContext c) {
            return new Expectation.Private(name(c.processName()), address(c.address()), r);
        } else if (child instanceof MthpExpectationContext c) {
            return new Expectation.Mthp(quantity(c.thpSize().quantity()), c.name().getText(), range(c.name()),
                    comparison(c.comparison()), count(c.count()), r);
        } else if (child instanceof ThpExpectationContext c) {
            return new Expectation.Thp(optionalName(c.processName()), comparison(c.comparison()),
                    quantity(c.quantity()), r);
        } else if (child instanceof HugetlbExpectationContext c) {
            return new Expectation.Hugetlb(optionalName(c.processName()), comparison(c.comparison()),
                    quantity(c.quantity()), r);
        } else if (child instanceof HugeExpectationContext c) {
            return new Expectation.Huge(name(c.processName()), address(c.address()), r);
        } else if (child instanceof SegvExpectationContext c) {
            List<Statement> access = new ArrayList<>(1);
            addStatement(c.statement(), access);
            return access.isEmpty() ? null : new Expectation.Segv(access.get(0), r);
        }
        return null;
    }

    private Name optionalName(ProcessNameContext context) {
        return context == null ? null : name(context);
    }

    private Name name(ParserRuleContext context) {
        return new Name(context.getText(), range(context));
    }

    private Address address(AddressContext c) throws Unusable {
        if (c.HEX_INTEGER() != null) {
            return new Address.Absolute(parse(c.HEX_INTEGER().getSymbol(), NumberLiterals::integer), range(c));
        }
        Name region = name(c.regionName());
        IndexContext index = c.index();
        if (index == null) {
            return new Address.InRegion(region, null, null, false, range(c));
        }
        PageSet set = index.pageSet() == null ? null : pageSet(index.pageSet());
        if (index.from == null) {
            // R[random N%]: the set of the whole region, from page 0 to its end
            Quantity first = Quantity.pages(0, range(index.pageSet()));
            return new Address.InRegion(region, first, null, true, set, range(c));
        }
        Quantity from = bound(index.from);
        Quantity to = index.to == null ? null : bound(index.to);
        return new Address.InRegion(region, from, to, index.DOTDOT() != null, set, range(c));
    }

    private PageSet pageSet(PageSetContext c) throws Unusable {
        if (c instanceof StepSetContext s) {
            return new PageSet.Step(bound(s.step), range(c));
        }
        RandomSetContext r = (RandomSetContext) c;
        return new PageSet.Random(integer(r.percent), range(c));
    }

    /** A number, size or variable; an expression without variables is folded into its value. */
    private Quantity bound(BoundContext c) throws Unusable {
        if (c instanceof BoundVariableContext v) {
            return new Quantity(0, false, v.variable().getText(), range(c));
        }
        if (c instanceof BoundQuantityContext q) {
            return quantity(q.quantity());
        }
        Offset expression = offset(c);
        Offset.Binary sizes = expression.productOfSizes();
        if (sizes != null) {
            diagnostics.report(sizes.range(), DiagnosticCode.OFFSET_OVERFLOW, "a product of two sizes gives no amount"
                    + " of memory: multiply a size by a number or variable, as in (i+1)*2M");
            throw new Unusable();
        }
        boolean[] variables = {false};
        expression.variables(v -> variables[0] = true);
        if (variables[0]) {
            return Quantity.expression(expression, range(c));
        }
        try {
            Offset.Amount amount = expression.amount(name -> new long[] {0, 0});
            return amount.size() ? Quantity.bytes(amount.lo(), range(c)) : Quantity.pages(amount.lo(), range(c));
        } catch (ArithmeticException e) {
            diagnostics.report(range(c), DiagnosticCode.OFFSET_OVERFLOW,
                    "the offset " + c.getText() + " does not fit in 64 bits");
            throw new Unusable();
        }
    }

    private Offset offset(BoundContext c) throws Unusable {
        if (c instanceof BoundVariableContext v) {
            return new Offset.Variable(v.variable().getText(), range(c));
        }
        if (c instanceof BoundQuantityContext q) {
            Quantity value = quantity(q.quantity());
            return new Offset.Number(value.value(), value.bytes(), range(c));
        }
        if (c instanceof BoundGroupContext g) {
            return offset(g.bound());
        }
        if (c instanceof BoundProductContext p) {
            return new Offset.Binary(offset(p.bound(0)), Offset.Operator.TIMES, offset(p.bound(1)), range(c));
        }
        BoundSumContext sum = (BoundSumContext) c;
        Offset.Operator op = sum.PLUS() != null ? Offset.Operator.PLUS : Offset.Operator.MINUS;
        return new Offset.Binary(offset(sum.bound(0)), op, offset(sum.bound(1)), range(c));
    }

    private Quantity quantity(QuantityContext c) throws Unusable {
        if (c.SIZE() != null) {
            Token size = c.SIZE().getSymbol();
            long bytes = parse(size, NumberLiterals::sizeInBytes);
            return Quantity.bytes(bytes, range(c));
        }
        return Quantity.pages(integer(c.integer()), range(c));
    }

    private long count(CountContext c) throws Unusable {
        return integer(c.integer());
    }

    private long integer(IntegerContext c) throws Unusable {
        return parse(((TerminalNode) c.getChild(0)).getSymbol(), NumberLiterals::integer);
    }

    private long value(ValueContext c) throws Unusable {
        boolean negative = c.MINUS() != null;
        Token digits = ((TerminalNode) c.integer().getChild(0)).getSymbol();
        return parse(digits, text -> NumberLiterals.value(text, negative));
    }

    private interface NumberReader {
        long read(String literal) throws NumberLiterals.TooLarge;
    }

    private long parse(Token token, NumberReader reader) throws Unusable {
        try {
            return reader.read(token.getText());
        } catch (NumberLiterals.TooLarge e) {
            diagnostics.report(sourceMap.range(token), DiagnosticCode.NUMBER_TOO_LARGE, e.getMessage());
            throw new Unusable();
        }
    }

    private static Comparison comparison(ComparisonContext c) {
        return switch (((TerminalNode) c.getChild(0)).getSymbol().getType()) {
            case CowpteParser.EQ -> Comparison.EQ;
            case CowpteParser.NE -> Comparison.NE;
            case CowpteParser.LT -> Comparison.LT;
            case CowpteParser.LE -> Comparison.LE;
            case CowpteParser.GT -> Comparison.GT;
            default -> Comparison.GE;
        };
    }

    /** The text of a string literal without its quotes, with {@code \"} and {@code \\} resolved. */
    static String unquote(String literal) {
        StringBuilder text = new StringBuilder(literal.length());
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c == '\\' && i + 1 < literal.length() - 1) {
                c = literal.charAt(++i);
            }
            text.append(c);
        }
        return text.toString();
    }
}
