package dev.cowpte.lang.check;

import dev.cowpte.lang.ast.Address;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.Quantity;
import dev.cowpte.lang.ast.Statement;
import java.util.ArrayList;
import java.util.List;

/** The names and indexes written in one statement (not in the body of a repeat). */
final class StatementParts {
    private StatementParts() {
    }

    static List<Name> names(Statement statement) {
        List<Name> names = new ArrayList<>();
        List<Address> addresses = new ArrayList<>();
        collect(statement, names, addresses);
        for (Address address : addresses) {
            if (address instanceof Address.InRegion r) {
                names.add(r.region());
            }
        }
        return names;
    }

    static List<Quantity> indexes(Statement statement) {
        List<Name> names = new ArrayList<>();
        List<Address> addresses = new ArrayList<>();
        collect(statement, names, addresses);
        List<Quantity> indexes = new ArrayList<>();
        for (Address address : addresses) {
            if (address instanceof Address.InRegion r) {
                if (r.from() != null) {
                    indexes.add(r.from());
                }
                if (r.to() != null) {
                    indexes.add(r.to());
                }
            }
        }
        return indexes;
    }

    private static void collect(Statement statement, List<Name> names, List<Address> addresses) {
        if (statement instanceof Statement.Process s) {
            names.add(s.name());
        } else if (statement instanceof Statement.Mmap s) {
            names.add(s.process());
            names.add(s.region());
        } else if (statement instanceof Statement.Munmap s) {
            add(s.process(), s.target(), names, addresses);
        } else if (statement instanceof Statement.Mprotect s) {
            add(s.process(), s.target(), names, addresses);
        } else if (statement instanceof Statement.Madvise s) {
            add(s.process(), s.target(), names, addresses);
        } else if (statement instanceof Statement.Touch s) {
            add(s.process(), s.target(), names, addresses);
        } else if (statement instanceof Statement.Read s) {
            add(s.process(), s.target(), names, addresses);
        } else if (statement instanceof Statement.Write s) {
            add(s.process(), s.target(), names, addresses);
        } else if (statement instanceof Statement.Pin s) {
            add(s.process(), s.target(), names, addresses);
        } else if (statement instanceof Statement.Unpin s) {
            add(s.process(), s.target(), names, addresses);
        } else if (statement instanceof Statement.Fork s) {
            names.add(s.parent());
            names.add(s.child());
        } else if (statement instanceof Statement.Exit s) {
            names.add(s.process());
        } else if (statement instanceof Statement.Show s) {
            add(s.process(), s.address(), names, addresses);
        } else if (statement instanceof Statement.Expect s) {
            collect(s.expectation(), names, addresses);
        }
    }

    private static void collect(Expectation expectation, List<Name> names, List<Address> addresses) {
        if (expectation instanceof Expectation.PageTables e) {
            add(e.process(), null, names, addresses);
        } else if (expectation instanceof Expectation.Tables e) {
            add(e.process(), null, names, addresses);
        } else if (expectation instanceof Expectation.Faults e) {
            add(e.process(), null, names, addresses);
        } else if (expectation instanceof Expectation.Rss e) {
            add(e.process(), null, names, addresses);
        } else if (expectation instanceof Expectation.Refcount e) {
            add(e.process(), e.address(), names, addresses);
        } else if (expectation instanceof Expectation.Mapcount e) {
            add(e.process(), e.address(), names, addresses);
        } else if (expectation instanceof Expectation.Value e) {
            add(e.process(), e.address(), names, addresses);
        } else if (expectation instanceof Expectation.Private e) {
            add(e.process(), e.address(), names, addresses);
        } else if (expectation instanceof Expectation.Thp e) {
            add(e.process(), null, names, addresses);
        } else if (expectation instanceof Expectation.Huge e) {
            add(e.process(), e.address(), names, addresses);
        } else if (expectation instanceof Expectation.Shared e) {
            add(e.process(), e.address(), names, addresses);
            names.add(e.other());
        } else if (expectation instanceof Expectation.Segv e) {
            collect(e.access(), names, addresses);
        }
    }

    private static void add(Name process, Address address, List<Name> names, List<Address> addresses) {
        if (process != null) {
            names.add(process);
        }
        if (address != null) {
            addresses.add(address);
        }
    }
}
