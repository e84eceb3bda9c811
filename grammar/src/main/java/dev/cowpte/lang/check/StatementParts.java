package dev.cowpte.lang.check;

import dev.cowpte.lang.ast.Address;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.Quantity;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.ast.Statements;
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
                if (r.set() instanceof dev.cowpte.lang.ast.PageSet.Step step) {
                    indexes.add(step.step());
                }
            }
        }
        return indexes;
    }

    private static void collect(Statement statement, List<Name> names, List<Address> addresses) {
        statement.accept(new Parts(names, addresses));
    }

    /** Adds the names written in a statement, and the addresses whose region names come after them. */
    private record Parts(List<Name> names, List<Address> addresses) implements Statement.Visitor<Void> {
        @Override
        public Void visit(Statement.ScenarioTitle s) {
            return null;
        }

        @Override
        public Void visit(Statement.Policy s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineMemory s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineLevels s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachinePtReclaim s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineFaultAround s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineThp s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineSeed s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineHugetlb s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineKernel s) {
            return null;
        }

        @Override
        public Void visit(Statement.Process s) {
            names.add(s.name());
            return null;
        }

        @Override
        public Void visit(Statement.File s) {
            names.add(s.name());
            return null;
        }

        @Override
        public Void visit(Statement.Mmap s) {
            names.add(s.process());
            names.add(s.region());
            if (s.file() != null) {
                names.add(s.file());
            }
            return null;
        }

        @Override
        public Void visit(Statement.Munmap s) {
            add(s.process(), s.target(), names, addresses);
            return null;
        }

        @Override
        public Void visit(Statement.Mremap s) {
            names.add(s.process());
            names.add(s.region());
            return null;
        }

        @Override
        public Void visit(Statement.Mprotect s) {
            add(s.process(), s.target(), names, addresses);
            return null;
        }

        @Override
        public Void visit(Statement.Madvise s) {
            add(s.process(), s.target(), names, addresses);
            return null;
        }

        @Override
        public Void visit(Statement.Touch s) {
            add(s.process(), s.target(), names, addresses);
            return null;
        }

        @Override
        public Void visit(Statement.Read s) {
            add(s.process(), s.target(), names, addresses);
            return null;
        }

        @Override
        public Void visit(Statement.Write s) {
            add(s.process(), s.target(), names, addresses);
            return null;
        }

        @Override
        public Void visit(Statement.Fork s) {
            names.add(s.parent());
            names.add(s.child());
            return null;
        }

        @Override
        public Void visit(Statement.Exit s) {
            names.add(s.process());
            return null;
        }

        @Override
        public Void visit(Statement.Pin s) {
            add(s.process(), s.target(), names, addresses);
            return null;
        }

        @Override
        public Void visit(Statement.Unpin s) {
            add(s.process(), s.target(), names, addresses);
            return null;
        }

        @Override
        public Void visit(Statement.Repeat s) {
            // the body's statements are parts of their own
            return null;
        }

        @Override
        public Void visit(Statement.Show s) {
            add(s.process(), s.address(), names, addresses);
            return null;
        }

        @Override
        public Void visit(Statement.Expect s) {
            Expectation x = s.expectation();
            x.processes().forEach(names::add);
            if (x.target() != null) {
                addresses.add(x.target());
            }
            Statement access = Statements.segvAccess(x);
            if (access != null) {
                access.accept(this);
            }
            return null;
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
