#!/usr/bin/env node
// Writes syntaxes/cowpte.tmLanguage.json, the TextMate grammar of .cowpte scenarios
// (docs/LANGUAGE.md, grammar/src/main/antlr4/.../Cowpte.g4). The grammar is built here from
// named regex pieces because one line of the language is one statement whose words are keywords
// by position only (`touch read write read` touches region `write` of process `read`): each
// statement is a region from its keyword to the end of the line, whose rest is matched in one
// piece right after the keyword (\G), so names, addresses and options get their scopes by
// position. What does not fit (a line being typed) falls back to word-level scopes under
// meta.fallback.cowpte, so themes still color it and the tests can tell that it did not fit.
//
//   node scripts/build-grammar.mjs           write the JSON
//   node scripts/build-grammar.mjs --check   fail if the committed JSON is not what this writes
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'syntaxes', 'cowpte.tmLanguage.json');
const r = String.raw;

// ---- the language's words (the grammar module's dev.cowpte.lang.syntax.Vocabulary) -----------
// BEGIN words: written from the grammar's Vocabulary by EditorSurfacesTest (-Dcowpte.updateEditors=true); do not edit
const WORDS = {
    statement: ['scenario', 'policy', 'machine', 'process', 'mmap', 'munmap', 'mprotect', 'madvise', 'touch', 'read', 'write', 'fork', 'exit', 'pin', 'unpin', 'repeat', 'show', 'expect'],
    expectation: ['pagetables', 'tables', 'rss', 'memory', 'refcount', 'mapcount', 'value', 'faults', 'shared', 'private', 'segv', 'thp', 'huge'],
    machineSetting: ['memory', 'levels', 'pt-reclaim', 'fault-around', 'thp'],
    switch: ['on', 'off'],
    thpMode: ['never', 'madvise', 'always'],
    mapOption: ['at', 'shared', 'readonly', 'dontfork', 'wipeonfork', 'hugepage', 'nohugepage'],
    protection: ['readonly', 'readwrite'],
    advice: ['dontneed', 'dontfork', 'dofork', 'wipeonfork', 'keeponfork', 'hugepage', 'nohugepage'],
    accessKind: ['read', 'write'],
    tableLevel: ['pgd', 'p4d', 'pud', 'pmd', 'pte'],
    faultKind: ['cow', 'zero', 'table'],
    repeatVariable: ['as'],
    settingValues: { 'memory': [], 'levels': [], 'pt-reclaim': ['on', 'off'], 'fault-around': ['on', 'off'], 'thp': ['never', 'madvise', 'always'] },
    unit: ['K', 'M', 'G', 'T', 'KiB', 'MiB', 'GiB', 'TiB'],
    comparison: ['==', '!=', '<', '<=', '>', '>=', '≠', '≤', '≥'],
};
// END words

/** The words as regex alternatives, longest first (`<=` before `<`, `KiB` before `K`). */
const alt = (words) => [...words].sort((a, b) => b.length - a.length)
    .map(w => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
/** A group's words as alternatives in its order, for words none of which is a prefix of another. */
const list = (words) => words.join('|');
/** Fails the build when the pieces below do not cover a group of WORDS exactly. */
function covers(group, ...parts) {
    const have = parts.flat(Infinity);
    const want = WORDS[group];
    const missing = want.filter(w => !have.includes(w));
    const extra = have.filter(w => !want.includes(w));
    if (missing.length || extra.length) {
        throw new Error(`build-grammar.mjs: ${group}: no pattern for [${missing}], not a word of the language: [${extra}]`);
    }
}

// ---- lexical pieces (Cowpte.g4's lexer) ------------------------------------------------------
const WORD = r`[A-Za-z_][A-Za-z0-9_]*`;
const NAME = r`[A-Za-z_](?:[A-Za-z0-9_]|\{[A-Za-z_][A-Za-z0-9_]*\})*`;
const HYPHENATED = r`[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z_][A-Za-z0-9_]*)+`;
/** After a word: no more word characters, no placeholder, no hyphenated continuation. */
const END = r`(?![A-Za-z0-9_{]|-[A-Za-z_])`;
/** Before a number: not inside a word. */
const NUM_START = r`(?<![A-Za-z0-9_])`;
/** After a number: no more word characters, no fraction (`2..4` is 2, .., 4). */
const NUM_END = r`(?![A-Za-z0-9_]|\.[0-9])`;
const DEC = r`[0-9](?:_?[0-9])*`;
const HEX = r`0x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*`;
const UNIT = r`(?:${alt(WORDS.unit)})`;
const SIZE = r`${DEC}(?:\.[0-9]+)?${UNIT}`;
const INTEGER = r`(?:${HEX}|${DEC})${NUM_END}`;
const QUANTITY = r`(?:${HEX}|${SIZE}|${DEC})${NUM_END}`;
const VALUE = r`-?(?:${HEX}|${SIZE}|${DEC})${NUM_END}`;
const OP = alt(WORDS.comparison);
/** An address: a hex virtual address, or a region with an optional [index]. */
const ADDRESS = r`(?:${HEX}${NUM_END}|${NAME}${END}(?:\s*\[[^\]#\n]*\])?)`;
const KW_END = r`(?=\s|$|#)`;
/** Where a statement may start: a line's start, after `{`, after `expect segv`. */
const START = r`(?:^|(?<=\{)|(?<=\bsegv))\s*`;

const LEVEL = r`(?:${list(WORDS.tableLevel)})`;
const FAULT_KIND = r`(?:${list(WORDS.faultKind)})`;
/** The machine settings that take a keyword value, by the group of their values. */
const settingsTaking = (values) => WORDS.machineSetting.filter(s => WORDS.settingValues[s].join() === values.join());
const SWITCHED = settingsTaking(WORDS.switch);
const THP_SETTINGS = settingsTaking(WORDS.thpMode);
covers('machineSetting', ['memory', 'levels'], SWITCHED, THP_SETTINGS);
const MAP_FLAGS = WORDS.mapOption.filter(o => o !== 'at');
covers('mapOption', ['at'], MAP_FLAGS);


// ---- scopes ------------------------------------------------------------------------------------
const S = {
    statement: 'keyword.other.cowpte',
    control: 'keyword.control.cowpte',
    expectation: 'support.function.expectation.cowpte',
    setting: 'support.type.setting.cowpte',
    modifier: 'storage.modifier.cowpte',
    level: 'constant.language.level.cowpte',
    faultKind: 'constant.language.fault-kind.cowpte',
    onOff: 'constant.language.boolean.cowpte',
    policy: 'support.constant.policy.cowpte',
    processDecl: 'entity.name.process.cowpte',
    process: 'variable.other.process.cowpte',
    regionDecl: 'entity.name.region.cowpte',
    region: 'variable.other.region.cowpte',
    variable: 'variable.parameter.cowpte',
    comparison: 'keyword.operator.comparison.cowpte',
    arrow: 'keyword.operator.arrow.cowpte',
    assign: 'keyword.operator.assignment.cowpte',
    range: 'keyword.operator.range.cowpte',
};

const named = (name) => ({ name, patterns: [{ include: '#placeholder' }] });
const include = (...names) => names.map(n => ({ include: `#${n}` }));
const numbers = { patterns: include('numbers') };
const address = { patterns: include('address') };
const op = { name: S.comparison };

/** A statement: its keyword, then `rest` (a regex matched right after it) with `captures`. */
function statement(keyword, rest, captures, extra = []) {
    const patterns = [];
    if (rest) {
        patterns.push({ match: r`\G${rest}`, captures });
    }
    patterns.push(...extra, ...include('comment', 'fallback'));
    return {
        name: `meta.statement.${keyword.replace(/[^a-z0-9]/g, '')}.cowpte`,
        begin: r`${START}(${keyword})${KW_END}`,
        beginCaptures: { 1: { name: keyword === 'repeat' || keyword === 'expect' ? S.control : S.statement } },
        end: '$',
        patterns,
    };
}

const processThenAddress = (tail = '', tailCaptures = {}) => [
    r`\s+(${NAME})${END}(?:\s+(${ADDRESS})${tail})?`,
    { 1: named(S.process), 2: address, ...tailCaptures },
];

/** The expectations by the shape of what follows them. */
const EXPECT = {
    processQuantity: ['pagetables', 'rss', 'thp'],
    machineQuantity: ['memory'],
    tables: ['tables'],
    faults: ['faults'],
    processAddressValue: ['refcount', 'mapcount', 'value'],
    twoProcessesAddress: ['shared'],
    processAddress: ['private', 'huge'],
    statement: ['segv'],
};
covers('expectation', Object.values(EXPECT));

const statements = {
    scenario: statement('scenario', null, {}, include('string')),
    policy: statement('policy', r`\s+(${HYPHENATED}|${NAME})${END}`, { 1: { name: S.policy } }),
    machine: statement('machine',
        r`\s+(?:(memory)${END}(?:\s+(${QUANTITY}))?|(levels)${END}(?:\s+(${INTEGER}))?|(${list(SWITCHED)})${END}(?:\s+(${list(WORDS.switch)})${END})?|(${list(THP_SETTINGS)})${END}(?:\s+(${list(WORDS.thpMode)})${END})?)`,
        { 1: { name: S.setting }, 2: numbers, 3: { name: S.setting }, 4: numbers, 5: { name: S.setting }, 6: { name: S.onOff }, 7: { name: S.setting }, 8: { name: S.modifier } }),
    process: statement('process', r`\s+(${NAME})${END}`, { 1: named(S.processDecl) }),
    mmap: statement('mmap',
        r`\s+(${NAME})${END}(?:\s+(${NAME})${END}(?:\s+(${QUANTITY})((?:\s+(?:at\s+${INTEGER}|(?:${list(MAP_FLAGS)})${END}))*))?)?`,
        {
            1: named(S.process), 2: named(S.regionDecl), 3: numbers,
            4: { patterns: [{ match: r`\bat\b`, name: S.statement }, { match: r`\b(?:${list(MAP_FLAGS)})\b`, name: S.modifier }, ...include('numbers')] },
        }),
    munmap: statement('munmap', ...processThenAddress()),
    mprotect: statement('mprotect', ...processThenAddress(r`(?:\s+(${list(WORDS.protection)})${END})?`, { 3: { name: S.modifier } })),
    madvise: statement('madvise', ...processThenAddress(r`(?:\s+(${list(WORDS.advice)})${END})?`, { 3: { name: S.modifier } })),
    touch: statement('touch', ...processThenAddress(r`(?:\s+(${list(WORDS.accessKind)})${END})?`, { 3: { name: S.modifier } })),
    read: statement('read', ...processThenAddress()),
    write: statement('write', ...processThenAddress(r`(?:\s*(=)(?:\s*(${VALUE}))?)?`, { 3: { name: S.assign }, 4: numbers })),
    fork: statement('fork',
        r`\s+(${NAME})${END}(?:\s*(->)(?:\s*(${NAME})${END}(?:\s+(policy)${END}(?:\s+(${HYPHENATED}|${NAME})${END})?)?)?)?`,
        { 1: named(S.process), 2: { name: S.arrow }, 3: named(S.processDecl), 4: { name: S.statement }, 5: { name: S.policy } }),
    exit: statement('exit', r`\s+(${NAME})${END}`, { 1: named(S.process) }),
    pin: statement('pin', ...processThenAddress()),
    unpin: statement('unpin', ...processThenAddress()),
    repeat: statement('repeat',
        r`\s+(${INTEGER})(?:\s+(${list(WORDS.repeatVariable)})${END}(?:\s+(${WORD})${END})?)?(?:\s*(\{))?`,
        { 1: numbers, 2: { name: S.control }, 3: { name: S.variable }, 4: { name: 'punctuation.section.block.begin.cowpte' } },
        include('statements')),
    show: statement('show', ...processThenAddress()),
    expect: {
        ...statement('expect', null, {}, [
            {
                match: r`\G\s+(${list(EXPECT.processQuantity)})${END}(?:\s+(${NAME})${END})?(?:\s*(${OP})(?:\s*(${QUANTITY}))?)?`,
                captures: { 1: { name: S.expectation }, 2: named(S.process), 3: op, 4: numbers },
            },
            {
                match: r`\G\s+(${list(EXPECT.machineQuantity)})${END}(?:\s*(${OP})(?:\s*(${QUANTITY}))?)?`,
                captures: { 1: { name: S.expectation }, 2: op, 3: numbers },
            },
            {
                match: r`\G\s+(${list(EXPECT.tables)})${END}(?:\s+(${LEVEL})${END}|\s+(${NAME})${END}(?:\s+(${LEVEL})${END})?)?(?:\s*(${OP})(?:\s*(${INTEGER}))?)?`,
                captures: { 1: { name: S.expectation }, 2: { name: S.level }, 3: named(S.process), 4: { name: S.level }, 5: op, 6: numbers },
            },
            {
                match: r`\G\s+(${list(EXPECT.faults)})${END}(?:\s+(${FAULT_KIND})${END}|\s+(${NAME})${END}(?:\s+(${FAULT_KIND})${END})?)?(?:\s*(${OP})(?:\s*(${INTEGER}))?)?`,
                captures: { 1: { name: S.expectation }, 2: { name: S.faultKind }, 3: named(S.process), 4: { name: S.faultKind }, 5: op, 6: numbers },
            },
            {
                match: r`\G\s+(${list(EXPECT.processAddressValue)})${END}(?:\s+(${NAME})${END}(?:\s+(${ADDRESS}))?)?(?:\s*(${OP})(?:\s*(${VALUE}))?)?`,
                captures: { 1: { name: S.expectation }, 2: named(S.process), 3: address, 4: op, 5: numbers },
            },
            {
                match: r`\G\s+(${list(EXPECT.twoProcessesAddress)})${END}(?:\s+(${NAME})${END}(?:\s+(${NAME})${END}(?:\s+(${ADDRESS}))?)?)?`,
                captures: { 1: { name: S.expectation }, 2: named(S.process), 3: named(S.process), 4: address },
            },
            {
                match: r`\G\s+(${list(EXPECT.processAddress)})${END}(?:\s+(${NAME})${END}(?:\s+(${ADDRESS}))?)?`,
                captures: { 1: { name: S.expectation }, 2: named(S.process), 3: address },
            },
            { match: r`\G\s+(${list(EXPECT.statement)})${END}`, captures: { 1: { name: S.expectation } } },
            ...include('statements'),
        ]),
    },
};

covers('statement', Object.keys(statements));

const fallback = (match, scope, inner = {}) => ({ match: `(${match})`, name: 'meta.fallback.cowpte', captures: { 1: { name: scope, ...inner } } });

const grammar = {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'cowpte',
    scopeName: 'source.cowpte',
    fileTypes: ['cowpte'],
    comment: 'Generated by scripts/build-grammar.mjs; edit that file, not this one.',
    patterns: include('comment', 'statements', 'braces', 'fallback'),
    repository: {
        comment: {
            match: r`(#).*$`,
            name: 'comment.line.number-sign.cowpte',
            captures: { 1: { name: 'punctuation.definition.comment.cowpte' } },
        },
        statements: { patterns: Object.keys(statements).map(k => ({ include: `#statement-${k}` })) },
        ...Object.fromEntries(Object.entries(statements).map(([k, v]) => [`statement-${k}`, v])),
        string: {
            name: 'string.quoted.double.cowpte',
            begin: '"',
            beginCaptures: { 0: { name: 'punctuation.definition.string.begin.cowpte' } },
            end: r`(")|(?=$)`,
            endCaptures: { 1: { name: 'punctuation.definition.string.end.cowpte' } },
            patterns: [
                { match: r`\\["\\]`, name: 'constant.character.escape.cowpte' },
                { match: r`\\.?`, name: 'invalid.illegal.escape.cowpte' },
            ],
        },
        placeholder: {
            match: r`(\{)(${WORD})(\})`,
            name: 'meta.placeholder.cowpte',
            captures: {
                1: { name: 'punctuation.definition.placeholder.begin.cowpte' },
                2: { name: S.variable },
                3: { name: 'punctuation.definition.placeholder.end.cowpte' },
            },
        },
        numbers: {
            patterns: [
                { match: r`${NUM_START}-?${HEX}${NUM_END}`, name: 'constant.numeric.integer.hexadecimal.cowpte' },
                {
                    match: r`${NUM_START}(-?${DEC}(?:\.[0-9]+)?)(${UNIT})${NUM_END}`,
                    name: 'constant.numeric.size.cowpte',
                    captures: { 2: { name: 'keyword.other.unit.cowpte' } },
                },
                { match: r`${NUM_START}-?${DEC}${NUM_END}`, name: 'constant.numeric.integer.decimal.cowpte' },
            ],
        },
        address: {
            patterns: [
                { match: r`${NUM_START}${HEX}${NUM_END}`, name: 'constant.numeric.integer.hexadecimal.cowpte' },
                {
                    begin: r`\[`,
                    beginCaptures: { 0: { name: 'punctuation.section.brackets.begin.cowpte' } },
                    end: r`\]`,
                    endCaptures: { 0: { name: 'punctuation.section.brackets.end.cowpte' } },
                    name: 'meta.index.cowpte',
                    patterns: [
                        ...include('numbers'),
                        { match: r`\.\.`, name: S.range },
                        { match: r`${WORD}`, name: S.variable },
                        { match: r`[^\s\]]`, name: 'invalid.illegal.index.cowpte' },
                    ],
                },
                { match: NAME, captures: { 0: named(S.region) } },
            ],
        },
        braces: {
            patterns: [
                { match: r`\{`, name: 'punctuation.section.block.begin.cowpte' },
                { match: r`\}`, name: 'punctuation.section.block.end.cowpte' },
            ],
        },
        fallback: {
            patterns: [
                { include: '#string' },
                fallback(r`${NUM_START}-?${HEX}${NUM_END}`, 'constant.numeric.integer.hexadecimal.cowpte'),
                fallback(r`${NUM_START}-?${SIZE}${NUM_END}`, 'constant.numeric.size.cowpte'),
                fallback(r`${NUM_START}-?${DEC}${NUM_END}`, 'constant.numeric.integer.decimal.cowpte'),
                fallback(r`${NUM_START}${DEC}\.[0-9]+${NUM_END}`, 'invalid.illegal.fraction-without-unit.cowpte'),
                fallback(r`${NUM_START}[0-9][A-Za-z0-9_.]*`, 'invalid.illegal.number.cowpte'),
                fallback(OP, S.comparison),
                fallback('->', S.arrow),
                fallback('=', S.assign),
                fallback(r`\.\.`, S.range),
                fallback(r`\[`, 'punctuation.section.brackets.begin.cowpte'),
                fallback(r`\]`, 'punctuation.section.brackets.end.cowpte'),
                fallback(r`\{`, 'punctuation.section.block.begin.cowpte'),
                fallback(r`\}`, 'punctuation.section.block.end.cowpte'),
                fallback(r`${HYPHENATED}|${NAME}`, 'variable.other.cowpte', { patterns: include('placeholder') }),
                fallback(r`[^\s#]`, 'invalid.illegal.character.cowpte'),
            ],
        },
    },
};

const text = JSON.stringify(grammar, null, 2) + '\n';
if (process.argv.includes('--check')) {
    const committed = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
    if (committed !== text) {
        console.error(`${path.relative(process.cwd(), out)} is not what scripts/build-grammar.mjs writes; run npm run build and commit it`);
        process.exit(1);
    }
} else {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, text);
}
