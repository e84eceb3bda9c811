package dev.cowpte.cli;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.run.RunResult;
import dev.cowpte.run.StatementRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JUnit XML as Jenkins, GitLab and most CI systems read it (the Ant format): one testsuite per
 * scenario file, one testcase per expectation with {@code <failure>} when it failed, and one
 * testcase per other statement that hit an error, with {@code <error>}. A file the front end
 * rejected gets one testcase per error.
 */
final class JunitReport implements Report {
    private record Case(String name, String kind, String type, String message, String detail) {
    }

    @Override
    public String render(List<FileRun> runs) {
        StringBuilder suites = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int errors = 0;
        for (FileRun run : runs) {
            List<Case> cases = cases(run);
            int f = (int) cases.stream().filter(c -> "failure".equals(c.kind())).count();
            int e = (int) cases.stream().filter(c -> "error".equals(c.kind())).count();
            tests += cases.size();
            failures += f;
            errors += e;
            suite(suites, run, cases, f, e);
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"cowpte\" tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\""
                + errors + "\">\n" + suites + "</testsuites>\n";
    }

    private static void suite(StringBuilder sb, FileRun run, List<Case> cases, int failures, int errors) {
        String file = run.file().display();
        String classname = classname(file);
        sb.append("  <testsuite name=\"").append(attr(file)).append("\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                .append("\" skipped=\"").append(cases.stream().filter(c -> "skipped".equals(c.kind())).count())
                .append("\" time=\"").append(String.format(Locale.ROOT, "%.3f", run.seconds()))
                .append("\">\n");
        String title = run.result().title();
        if (title != null) {
            sb.append("    <properties>\n      <property name=\"title\" value=\"").append(attr(title))
                    .append("\"/>\n    </properties>\n");
        }
        for (Case c : cases) {
            sb.append("    <testcase name=\"").append(attr(c.name())).append("\" classname=\"").append(attr(classname))
                    .append('"');
            if (c.kind() == null) {
                sb.append("/>\n");
                continue;
            }
            if (c.type() == null) {
                sb.append(">\n      <").append(c.kind()).append(" message=\"").append(attr(c.message()))
                        .append("\"/>\n    </testcase>\n");
                continue;
            }
            sb.append(">\n      <").append(c.kind()).append(" message=\"").append(attr(c.message()))
                    .append("\" type=\"").append(attr(c.type())).append("\">").append(text(c.detail()))
                    .append("</").append(c.kind()).append(">\n    </testcase>\n");
        }
        sb.append("  </testsuite>\n");
    }

    private static List<Case> cases(FileRun run) {
        String file = run.file().display();
        RunResult r = run.result();
        List<Case> out = new ArrayList<>();
        if (r.records().isEmpty()) {
            for (Diagnostic d : r.diagnostics()) {
                if (d.severity() == Diagnostic.Severity.ERROR) {
                    out.add(new Case("line " + d.range().line() + ": " + d.code().id(), "error", d.code().id(),
                            d.message(), d.format(file)));
                }
            }
            return out;
        }
        for (StatementRecord rec : r.records()) {
            String name = "line " + rec.range().line() + ": " + rec.text();
            if (rec.errorMessage() != null) {
                String msg = rec.errorMessage();
                out.add(new Case(name, "error", rec.errorCode().id(), msg, at(file, rec.errorRange()) + msg));
            } else if (!rec.invariantViolations().isEmpty()) {
                String msg = "simulator invariant broken after this statement: " + rec.invariantViolations().get(0);
                out.add(new Case(name, "error", DiagnosticCode.INVARIANT.id(), msg, at(file, rec.range()) + msg));
            } else if (rec.failedCount() > 0) {
                String msg = rec.firstFailure().message();
                out.add(new Case(name, "failure", DiagnosticCode.EXPECTATION_FAILED.id(),
                        msg, at(file, rec.range()) + msg));
            } else if (rec.expectation() != null) {
                out.add(new Case(name, null, null, null, null));
            } else if (rec.statement() instanceof dev.cowpte.lang.ast.Statement.Expect) {
                out.add(new Case(name, "skipped", null, "not run: the scenario stopped before this expectation", null));
            }
        }
        return out;
    }

    private static String at(String file, SourceRange r) {
        return file + ":" + r.line() + ":" + r.column() + ": ";
    }

    static String classname(String file) {
        String c = file.endsWith(".cowpte") ? file.substring(0, file.length() - ".cowpte".length()) : file;
        c = c.replace('\\', '/');
        while (c.startsWith("./") || c.startsWith("../")) {
            c = c.substring(c.indexOf('/') + 1);
        }
        return c.replace('/', '.');
    }

    static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
    }

    /** Escaped XML character data; what XML 1.0 cannot hold (controls, U+FFFE, U+FFFF, lone surrogates) becomes U+FFFD. */
    static String text(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> {
                    if (xmlChar(c)) {
                        sb.appendCodePoint(c);
                    } else {
                        sb.append('\uFFFD');
                    }
                }
            }
        }
        return sb.toString();
    }

    /** XML 1.0's Char production. */
    private static boolean xmlChar(int c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
