/*
 * The cowpte scenario language, version 1.1: Linux memory scenarios (processes, mmap, touches,
 * forks, writes) checked against a page-table simulator.
 *
 * One statement per line; newlines are significant. '#' starts a comment to the end of the line.
 * Keywords are lower case and recognised by position only: any keyword may also serve as a
 * process, region or variable name (`process read`, `touch p shared`). The one place where a word
 * is read as a keyword before a name is the optional slot of `expect tables` (pgd, p4d, pud,
 * pmd, pte) and `expect faults` (cow, zero, table): `expect tables pte == 3` counts PTE tables.
 *
 * Action-free; the start rule is `scenario`.
 */
grammar Cowpte;

// ---------------------------------------------------------------------------------------------
// Lines and blocks

scenario
    : line* EOF
    ;

line
    : statement (NEWLINE | EOF)
    | NEWLINE
    ;

statement
    : scenarioStatement
    | policyStatement
    | machineStatement
    | processStatement
    | fileStatement
    | mmapStatement
    | munmapStatement
    | mremapStatement
    | mprotectStatement
    | madviseStatement
    | touchStatement
    | readStatement
    | writeStatement
    | forkStatement
    | exitStatement
    | pinStatement
    | unpinStatement
    | repeatStatement
    | showStatement
    | expectStatement
    ;

// ---------------------------------------------------------------------------------------------
// Statements

scenarioStatement
    : SCENARIO STRING
    ;

policyStatement
    : POLICY policyName
    ;

machineStatement
    : MACHINE machineSetting
    ;

machineSetting
    : MEMORY quantity            # machineMemory
    | LEVELS count               # machineLevels
    | PT_RECLAIM (ON | OFF)      # machinePtReclaim
    | FAULT_AROUND (ON | OFF)    # machineFaultAround
    | THP thpSize? thpMode       # machineThp
    | SEED count                 # machineSeed
    | HUGETLB quantity count     # machineHugetlb
    | KERNEL kernelVersion       # machineKernel
    ;

thpMode
    : NEVER
    | MADVISE
    | ALWAYS
    | INHERIT
    ;

// multi-size THP: the folio size of a hugepages-<size>kB/enabled line
thpSize
    : quantity
    ;

kernelVersion
    : FRACTION
    | DECIMAL_INTEGER
    ;

processStatement
    : PROCESS processName
    ;

fileStatement
    : FILE fileName quantity
    ;

mmapStatement
    : MMAP processName regionName quantity mapOption*
    ;

mapOption
    : AT integer
    | FILE fileName
    | SHARED
    | READONLY
    | DONTFORK
    | WIPEONFORK
    | HUGEPAGE
    | NOHUGEPAGE
    | HUGETLB hugetlbSize=SIZE?
    | MSHARE mshareName=name
    ;

munmapStatement
    : MUNMAP processName address
    ;

mremapStatement
    : MREMAP processName regionName quantity (AT integer)?
    ;

mprotectStatement
    : MPROTECT processName address protection
    ;

protection
    : READONLY
    | READWRITE
    ;

madviseStatement
    : MADVISE processName address advice
    ;

advice
    : DONTNEED
    | DONTFORK
    | DOFORK
    | WIPEONFORK
    | KEEPONFORK
    | HUGEPAGE
    | NOHUGEPAGE
    ;

touchStatement
    : TOUCH processName address accessKind?
    ;

accessKind
    : READ
    | WRITE
    ;

readStatement
    : READ processName address
    ;

writeStatement
    : WRITE processName address (ASSIGN value)?
    ;

forkStatement
    : FORK processName ARROW childName (POLICY policyName)?
    ;

exitStatement
    : EXIT processName
    ;

pinStatement
    : PIN processName address
    ;

unpinStatement
    : UNPIN processName address
    ;

repeatStatement
    : REPEAT repeatHeader block
    ;

repeatHeader
    : count (AS variable)?
    ;

block
    : NEWLINE* LBRACE blockLine* RBRACE
    ;

blockLine
    : statement NEWLINE
    | NEWLINE
    ;

showStatement
    : SHOW (processName address?)?
    ;

expectStatement
    : EXPECT expectation
    ;

// ---------------------------------------------------------------------------------------------
// Expectations

expectation
    : pageTablesExpectation
    | tablesExpectation
    | rssExpectation
    | memoryExpectation
    | refcountExpectation
    | mapcountExpectation
    | valueExpectation
    | faultsExpectation
    | sharedExpectation
    | privateExpectation
    | segvExpectation
    | thpExpectation
    | hugeExpectation
    | hugetlbExpectation
    | mthpExpectation
    ;

pageTablesExpectation
    : PAGETABLES processName? comparison quantity
    ;

// A level word right after `tables` is the level, not a process (first alternative wins).
tablesExpectation
    : TABLES tableLevel comparison count
    | TABLES processName tableLevel? comparison count
    | TABLES comparison count
    ;

tableLevel
    : PGD
    | P4D
    | PUD
    | PMD
    | PTE
    ;

// A kind word right after the process is the part of rss, not a comparison.
rssExpectation
    : RSS processName rssKind? comparison quantity
    ;

rssKind
    : ANON
    | FILE
    | SHMEM
    ;

memoryExpectation
    : MEMORY comparison quantity
    ;

refcountExpectation
    : REFCOUNT processName address comparison count
    ;

mapcountExpectation
    : MAPCOUNT processName address comparison count
    ;

valueExpectation
    : VALUE processName address comparison value
    ;

// A kind word right after `faults` is the kind, not a process (first alternative wins).
faultsExpectation
    : FAULTS faultKind comparison count
    | FAULTS processName faultKind? comparison count
    | FAULTS comparison count
    ;

faultKind
    : COW
    | ZERO
    | TABLE
    ;

sharedExpectation
    : SHARED processName otherProcess=processName address
    ;

privateExpectation
    : PRIVATE processName address
    ;

segvExpectation
    : SEGV statement
    ;

thpExpectation
    : THP processName? comparison quantity
    ;

hugeExpectation
    : HUGE processName address
    ;

hugetlbExpectation
    : HUGETLB processName? comparison quantity
    ;

// one statistic of a multi-size THP size, as hugepages-<size>kB/stats/<name>
mthpExpectation
    : MTHP thpSize name comparison count
    ;

// ---------------------------------------------------------------------------------------------
// Addresses, quantities, names

address
    : regionName index?
    | HEX_INTEGER
    ;

index
    : LBRACK (from=bound (DOTDOT to=bound? pageSet?)? | pageSet) RBRACK
    ;

// A page set: every S-th page of the range, or N % of its pages chosen by `machine seed`.
pageSet
    : STEP step=bound                 # stepSet
    | RANDOM percent=integer PERCENT  # randomSet
    ;

// An offset: a number, a size or a repeat variable, or an integer expression of them.
bound
    : bound STAR bound                # boundProduct
    | bound (PLUS | MINUS) bound      # boundSum
    | LPAREN bound RPAREN             # boundGroup
    | quantity                        # boundQuantity
    | variable                        # boundVariable
    ;

quantity
    : integer
    | SIZE
    ;

count
    : integer
    ;

value
    : MINUS? integer
    ;

integer
    : DECIMAL_INTEGER
    | HEX_INTEGER
    ;

comparison
    : EQ
    | NE
    | LT
    | LE
    | GT
    | GE
    ;

processName
    : name
    ;

childName
    : name
    ;

regionName
    : name
    ;

fileName
    : name
    ;

variable
    : name
    ;

policyName
    : name
    | HYPHENATED_WORD
    ;

// Keywords are not reserved: each one may stand where a name is expected.
name
    : NAME
    | SCENARIO | POLICY | MACHINE | MEMORY | LEVELS | PT_RECLAIM | FAULT_AROUND | ON | OFF
    | PROCESS | MMAP | AT | SHARED | READONLY | DONTFORK | WIPEONFORK
    | MUNMAP | MPROTECT | READWRITE | MADVISE | DONTNEED | DOFORK | KEEPONFORK
    | TOUCH | READ | WRITE | FORK | EXIT | PIN | UNPIN | REPEAT | AS | SHOW
    | EXPECT | PAGETABLES | TABLES | PGD | P4D | PUD | PMD | PTE | RSS | REFCOUNT | MAPCOUNT
    | VALUE | FAULTS | COW | ZERO | TABLE | PRIVATE | SEGV
    | THP | NEVER | ALWAYS | HUGEPAGE | NOHUGEPAGE | HUGE
    | SEED | STEP | RANDOM
    | FILE | ANON | SHMEM | MREMAP
    | HUGETLB | MSHARE
    | INHERIT | KERNEL | MTHP
    ;

// ---------------------------------------------------------------------------------------------
// Lexer

SCENARIO   : 'scenario' ;
POLICY     : 'policy' ;
MACHINE    : 'machine' ;
MEMORY     : 'memory' ;
LEVELS     : 'levels' ;
PT_RECLAIM : 'pt-reclaim' ;
FAULT_AROUND : 'fault-around' ;
ON         : 'on' ;
OFF        : 'off' ;
PROCESS    : 'process' ;
MMAP       : 'mmap' ;
AT         : 'at' ;
SHARED     : 'shared' ;
READONLY   : 'readonly' ;
DONTFORK   : 'dontfork' ;
WIPEONFORK : 'wipeonfork' ;
MUNMAP     : 'munmap' ;
MPROTECT   : 'mprotect' ;
READWRITE  : 'readwrite' ;
MADVISE    : 'madvise' ;
DONTNEED   : 'dontneed' ;
DOFORK     : 'dofork' ;
KEEPONFORK : 'keeponfork' ;
TOUCH      : 'touch' ;
READ       : 'read' ;
WRITE      : 'write' ;
FORK       : 'fork' ;
EXIT       : 'exit' ;
PIN        : 'pin' ;
UNPIN      : 'unpin' ;
REPEAT     : 'repeat' ;
AS         : 'as' ;
SHOW       : 'show' ;
EXPECT     : 'expect' ;
PAGETABLES : 'pagetables' ;
TABLES     : 'tables' ;
PGD        : 'pgd' ;
P4D        : 'p4d' ;
PUD        : 'pud' ;
PMD        : 'pmd' ;
PTE        : 'pte' ;
RSS        : 'rss' ;
REFCOUNT   : 'refcount' ;
MAPCOUNT   : 'mapcount' ;
VALUE      : 'value' ;
FAULTS     : 'faults' ;
COW        : 'cow' ;
ZERO       : 'zero' ;
TABLE      : 'table' ;
PRIVATE    : 'private' ;
SEGV       : 'segv' ;
THP        : 'thp' ;
NEVER      : 'never' ;
ALWAYS     : 'always' ;
HUGEPAGE   : 'hugepage' ;
NOHUGEPAGE : 'nohugepage' ;
HUGE       : 'huge' ;
SEED       : 'seed' ;
STEP       : 'step' ;
RANDOM     : 'random' ;
FILE       : 'file' ;
ANON       : 'anon' ;
SHMEM      : 'shmem' ;
MREMAP     : 'mremap' ;
HUGETLB    : 'hugetlb' ;
MSHARE     : 'mshare' ;
INHERIT    : 'inherit' ;
KERNEL     : 'kernel' ;
MTHP       : 'mthp' ;

EQ : '==' ;
NE : '!=' | '\u2260' ;
LE : '<=' | '\u2264' ;
GE : '>=' | '\u2265' ;
LT : '<' ;
GT : '>' ;

ARROW  : '->' ;
ASSIGN : '=' ;
MINUS  : '-' ;
PLUS   : '+' ;
STAR   : '*' ;
PERCENT : '%' ;
LPAREN : '(' ;
RPAREN : ')' ;
DOTDOT : '..' ;
LBRACK : '[' ;
RBRACK : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;

// A size: a number with a binary unit; a fraction is allowed with a unit.
SIZE
    : DECIMAL_DIGITS ('.' [0-9]+)? UNIT
    ;

HEX_INTEGER
    : '0x' HEX_DIGIT ('_'? HEX_DIGIT)*
    ;

DECIMAL_INTEGER
    : DECIMAL_DIGITS
    ;

// A fraction without a unit is not a quantity; it is lexed whole so the error can say so.
FRACTION
    : DECIMAL_DIGITS '.' [0-9]+
    ;

STRING
    : '"' (~["\\\r\n] | '\\' ["\\])* '"'
    ;

// A name may hold {i} placeholders for repeat variables: worker{i}.
NAME
    : WORD_START (WORD_PART | PLACEHOLDER)*
    ;

// Policy names such as cow-pte; also lexed whole so that 'my-proc' is one (bad) name.
HYPHENATED_WORD
    : WORD_START WORD_PART* ('-' WORD_START WORD_PART*)+
    ;

NEWLINE
    : '\r'? '\n'
    | '\r'
    ;

COMMENT
    : '#' ~[\r\n]* -> skip
    ;

WHITESPACE
    : [ \t\f\uFEFF]+ -> skip
    ;

// Anything else; the parser reports it as an unexpected character.
UNEXPECTED_CHARACTER
    : .
    ;

fragment DECIMAL_DIGITS : [0-9] ('_'? [0-9])* ;
fragment HEX_DIGIT      : [0-9a-fA-F] ;
fragment UNIT           : [KMGTP] 'iB'? ;
fragment WORD_START     : [a-zA-Z_] ;
fragment WORD_PART      : [a-zA-Z0-9_] ;
fragment PLACEHOLDER    : '{' WORD_START WORD_PART* '}' ;
