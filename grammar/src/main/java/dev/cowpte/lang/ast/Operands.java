package dev.cowpte.lang.ast;

import java.util.List;

/** The operands expectations share (their process, other process and address), one case per kind. */
final class Operands {
    private Operands() {
    }

    static Name subject(Expectation x) {
        List<Name> processes = processes(x);
        return processes.isEmpty() ? null : processes.get(0);
    }

    static List<Name> processes(Expectation x) {
        return x.accept(PROCESSES);
    }

    static Address target(Expectation x) {
        return x.accept(TARGET);
    }

    private static final Expectation.Visitor<List<Name>> PROCESSES = new Expectation.Visitor<>() {
        @Override
        public List<Name> visit(Expectation.PageTables x) {
            return one(x.process());
        }

        @Override
        public List<Name> visit(Expectation.Tables x) {
            return one(x.process());
        }

        @Override
        public List<Name> visit(Expectation.Rss x) {
            return one(x.process());
        }

        @Override
        public List<Name> visit(Expectation.Memory x) {
            return List.of();
        }

        @Override
        public List<Name> visit(Expectation.Refcount x) {
            return one(x.process());
        }

        @Override
        public List<Name> visit(Expectation.Mapcount x) {
            return one(x.process());
        }

        @Override
        public List<Name> visit(Expectation.Value x) {
            return one(x.process());
        }

        @Override
        public List<Name> visit(Expectation.Faults x) {
            return one(x.process());
        }

        @Override
        public List<Name> visit(Expectation.Shared x) {
            return java.util.stream.Stream.of(x.process(), x.other()).filter(java.util.Objects::nonNull).toList();
        }

        @Override
        public List<Name> visit(Expectation.Private x) {
            return one(x.process());
        }

        @Override
        public List<Name> visit(Expectation.Thp x) {
            return one(x.process());
        }

        @Override
        public List<Name> visit(Expectation.Hugetlb x) {
            return one(x.process());
        }

        @Override
        public List<Name> visit(Expectation.Mthp x) {
            return List.of();
        }

        @Override
        public List<Name> visit(Expectation.Huge x) {
            return one(x.process());
        }

        @Override
        public List<Name> visit(Expectation.Segv x) {
            return List.of();
        }
    };

    private static final Expectation.Visitor<Address> TARGET = new Expectation.Visitor<>() {
        @Override
        public Address visit(Expectation.PageTables x) {
            return null;
        }

        @Override
        public Address visit(Expectation.Tables x) {
            return null;
        }

        @Override
        public Address visit(Expectation.Rss x) {
            return null;
        }

        @Override
        public Address visit(Expectation.Memory x) {
            return null;
        }

        @Override
        public Address visit(Expectation.Refcount x) {
            return x.address();
        }

        @Override
        public Address visit(Expectation.Mapcount x) {
            return x.address();
        }

        @Override
        public Address visit(Expectation.Value x) {
            return x.address();
        }

        @Override
        public Address visit(Expectation.Faults x) {
            return null;
        }

        @Override
        public Address visit(Expectation.Shared x) {
            return x.address();
        }

        @Override
        public Address visit(Expectation.Private x) {
            return x.address();
        }

        @Override
        public Address visit(Expectation.Thp x) {
            return null;
        }

        @Override
        public Address visit(Expectation.Hugetlb x) {
            return null;
        }

        @Override
        public Address visit(Expectation.Mthp x) {
            return null;
        }

        @Override
        public Address visit(Expectation.Huge x) {
            return x.address();
        }

        @Override
        public Address visit(Expectation.Segv x) {
            return null;
        }
    };

    private static List<Name> one(Name process) {
        return process == null ? List.of() : List.of(process);
    }
}
