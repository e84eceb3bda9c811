package dev.cowpte.lang.ast;

/**
 * What a statement is about, for the code that needs it without caring which statement it is. Each
 * answer is one visitor with a case per kind, so a new kind of statement must say what it is about.
 */
public final class Statements {
    private Statements() {
    }

    /**
     * The process a statement acts on: the one written after mmap, munmap, mprotect, madvise,
     * touch, read, write, pin, unpin and exit, and a fork's parent. Null for the others.
     */
    public static Name subject(Statement s) {
        return s.accept(SUBJECT);
    }

    /** Whether the statement is an access that can fault and so be killed by SIGSEGV: touch, read, write, pin. */
    public static boolean isAccess(Statement s) {
        return s.accept(ACCESS);
    }

    /**
     * The process of an access that can fault and so be killed by SIGSEGV (touch, read, write,
     * pin), as inside {@code expect segv}; null for any other statement.
     */
    public static Name faultingProcess(Statement s) {
        return isAccess(s) ? subject(s) : null;
    }

    /**
     * The address or range a statement names: the target of a mapping or access statement, the
     * address of {@code show} and of {@code expect refcount|mapcount|value|shared|private|huge}, and
     * that of the statement inside {@code expect segv}. Null when it names none.
     */
    public static Address address(Statement s) {
        return s.accept(ADDRESS);
    }

    /** The address an expectation names, that of the access inside {@code expect segv} included; or null. */
    public static Address address(Expectation x) {
        if (x.target() != null) {
            return x.target();
        }
        Statement access = segvAccess(x);
        return access == null ? null : address(access);
    }

    /** The statement if it is {@code expect segv STATEMENT}; null for any other statement. */
    public static Statement.Expect expectSegv(Statement s) {
        return s.accept(EXPECT_SEGV);
    }

    /** The access statement of {@code expect segv STATEMENT}; null for any other expectation. */
    public static Statement segvAccess(Expectation x) {
        return x instanceof Expectation.Segv segv ? segv.access() : null;
    }

    private static final Statement.Visitor<Statement.Expect> EXPECT_SEGV = new Statement.Partial<>() {
        @Override
        protected Statement.Expect otherwise(Statement s) {
            return null;
        }

        @Override
        public Statement.Expect visit(Statement.Expect s) {
            return segvAccess(s.expectation()) == null ? null : s;
        }
    };

    private static final Statement.Visitor<Name> SUBJECT = new Statement.Visitor<>() {
        @Override
        public Name visit(Statement.ScenarioTitle s) {
            return null;
        }

        @Override
        public Name visit(Statement.Policy s) {
            return null;
        }

        @Override
        public Name visit(Statement.MachineMemory s) {
            return null;
        }

        @Override
        public Name visit(Statement.MachineLevels s) {
            return null;
        }

        @Override
        public Name visit(Statement.MachinePtReclaim s) {
            return null;
        }

        @Override
        public Name visit(Statement.MachineFaultAround s) {
            return null;
        }

        @Override
        public Name visit(Statement.MachineThp s) {
            return null;
        }

        @Override
        public Name visit(Statement.MachineSeed s) {
            return null;
        }

        @Override
        public Name visit(Statement.MachineHugetlb s) {
            return null;
        }

        @Override
        public Name visit(Statement.MachineKernel s) {
            return null;
        }

        @Override
        public Name visit(Statement.Process s) {
            return null;
        }

        @Override
        public Name visit(Statement.File s) {
            return null;
        }

        @Override
        public Name visit(Statement.Mmap s) {
            return s.process();
        }

        @Override
        public Name visit(Statement.Munmap s) {
            return s.process();
        }

        @Override
        public Name visit(Statement.Mremap s) {
            return s.process();
        }

        @Override
        public Name visit(Statement.Mprotect s) {
            return s.process();
        }

        @Override
        public Name visit(Statement.Madvise s) {
            return s.process();
        }

        @Override
        public Name visit(Statement.Touch s) {
            return s.process();
        }

        @Override
        public Name visit(Statement.Read s) {
            return s.process();
        }

        @Override
        public Name visit(Statement.Write s) {
            return s.process();
        }

        @Override
        public Name visit(Statement.Fork s) {
            return s.parent();
        }

        @Override
        public Name visit(Statement.Exit s) {
            return s.process();
        }

        @Override
        public Name visit(Statement.Pin s) {
            return s.process();
        }

        @Override
        public Name visit(Statement.Unpin s) {
            return s.process();
        }

        @Override
        public Name visit(Statement.Repeat s) {
            return null;
        }

        @Override
        public Name visit(Statement.Show s) {
            return null;
        }

        @Override
        public Name visit(Statement.Expect s) {
            return null;
        }
    };

    private static final Statement.Visitor<Boolean> ACCESS = new Statement.Visitor<>() {
        @Override
        public Boolean visit(Statement.ScenarioTitle s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Policy s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.MachineMemory s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.MachineLevels s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.MachinePtReclaim s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.MachineFaultAround s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.MachineThp s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.MachineSeed s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.MachineHugetlb s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.MachineKernel s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Process s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.File s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Mmap s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Munmap s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Mremap s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Mprotect s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Madvise s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Touch s) {
            return true;
        }

        @Override
        public Boolean visit(Statement.Read s) {
            return true;
        }

        @Override
        public Boolean visit(Statement.Write s) {
            return true;
        }

        @Override
        public Boolean visit(Statement.Fork s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Exit s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Pin s) {
            return true;
        }

        @Override
        public Boolean visit(Statement.Unpin s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Repeat s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Show s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Expect s) {
            return false;
        }
    };

    private static final Statement.Visitor<Address> ADDRESS = new Statement.Visitor<>() {
        @Override
        public Address visit(Statement.ScenarioTitle s) {
            return null;
        }

        @Override
        public Address visit(Statement.Policy s) {
            return null;
        }

        @Override
        public Address visit(Statement.MachineMemory s) {
            return null;
        }

        @Override
        public Address visit(Statement.MachineLevels s) {
            return null;
        }

        @Override
        public Address visit(Statement.MachinePtReclaim s) {
            return null;
        }

        @Override
        public Address visit(Statement.MachineFaultAround s) {
            return null;
        }

        @Override
        public Address visit(Statement.MachineThp s) {
            return null;
        }

        @Override
        public Address visit(Statement.MachineSeed s) {
            return null;
        }

        @Override
        public Address visit(Statement.MachineHugetlb s) {
            return null;
        }

        @Override
        public Address visit(Statement.MachineKernel s) {
            return null;
        }

        @Override
        public Address visit(Statement.Process s) {
            return null;
        }

        @Override
        public Address visit(Statement.File s) {
            return null;
        }

        @Override
        public Address visit(Statement.Mmap s) {
            return null;
        }

        @Override
        public Address visit(Statement.Munmap s) {
            return s.target();
        }

        @Override
        public Address visit(Statement.Mremap s) {
            return null;
        }

        @Override
        public Address visit(Statement.Mprotect s) {
            return s.target();
        }

        @Override
        public Address visit(Statement.Madvise s) {
            return s.target();
        }

        @Override
        public Address visit(Statement.Touch s) {
            return s.target();
        }

        @Override
        public Address visit(Statement.Read s) {
            return s.target();
        }

        @Override
        public Address visit(Statement.Write s) {
            return s.target();
        }

        @Override
        public Address visit(Statement.Fork s) {
            return null;
        }

        @Override
        public Address visit(Statement.Exit s) {
            return null;
        }

        @Override
        public Address visit(Statement.Pin s) {
            return s.target();
        }

        @Override
        public Address visit(Statement.Unpin s) {
            return s.target();
        }

        @Override
        public Address visit(Statement.Repeat s) {
            return null;
        }

        @Override
        public Address visit(Statement.Show s) {
            return s.address();
        }

        @Override
        public Address visit(Statement.Expect s) {
            return address(s.expectation());
        }
    };
}
