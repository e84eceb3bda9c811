/**
 * Scenarios in a test explorer: the expectations of a file (found in its text, before any run)
 * and their verdicts from the language server's run summary (`cowpte.run`). No VS Code API here.
 */

/** An expectation as the run summary lists it (line 0-based). */
export interface ExpectationResult {
    line: number;
    text: string;
    passed: boolean;
    expected?: string | null;
    actual?: string | null;
    message?: string | null;
}

export interface Problem {
    line: number;
    message: string;
}

/** An `expect` line of a scenario: its 0-based line and its text without comment. */
export interface ExpectLine {
    line: number;
    label: string;
}

/** The `expect` statements of a scenario's text, one per line, comments dropped. */
export function expectLines(text: string): ExpectLine[] {
    const out: ExpectLine[] = [];
    text.split(/\r\n|\r|\n/).forEach((raw, line) => {
        const code = raw.replace(/#.*$/, '').trim();
        if (/^expect\s/.test(code)) {
            out.push({ line, label: code.replace(/\s+/g, ' ') });
        }
    });
    return out;
}

/** The expectations and problems of a `cowpte.run` answer; empty lists when it has none. */
export function runDetails(v: unknown): { expectations: ExpectationResult[]; problems: Problem[] } {
    const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
    const list = (x: unknown) => (Array.isArray(x) ? x.filter(e => typeof e === 'object' && e !== null) : []);
    const expectations = list(o.expectations).map(e => e as ExpectationResult)
        .filter(e => typeof e.line === 'number' && typeof e.passed === 'boolean');
    const problems = list(o.problems).map(e => e as Problem).filter(p => typeof p.line === 'number');
    return { expectations, problems };
}

/** The verdict of one expectation line: passed, failed with expected and actual, or not run. */
export type Verdict =
    | { kind: 'passed' }
    | { kind: 'failed'; message: string; expected?: string; actual?: string }
    | { kind: 'errored'; message: string }
    | { kind: 'skipped' };

export function verdict(line: number, details: ReturnType<typeof runDetails>): Verdict {
    const e = details.expectations.find(x => x.line === line);
    if (e) {
        return e.passed ? { kind: 'passed' }
            : { kind: 'failed', message: `expectation failed: ${e.message ?? e.text}`, expected: e.expected ?? undefined, actual: e.actual ?? undefined };
    }
    const p = details.problems.find(x => x.line === line);
    return p ? { kind: 'errored', message: p.message } : { kind: 'skipped' };
}
