/**
 * What `cowpte.kernel` answers (the scenario on the running Linux kernel beside the simulation)
 * and how the "cowpte kernel" output shows it. No VS Code API here, so it is tested in Node.
 */
export const KERNEL_COMMAND = 'cowpte.kernel';

export interface KernelRow {
    /** 1-based; 0 for the kernel helper's own failures. */
    line: number;
    statement: string;
    kind: string;
    counter: string;
    kernel: string;
    simulated: string;
    verdict: string;
    outcome: string;
    note: string;
}

export interface KernelSummary {
    uri: string;
    version: number;
    /** 0 agree and every expectation held on both, 1 a disagreement or a failed expectation, 2 errors. */
    exitCode: number;
    summary: string;
    kernel: string;
    refused: string[];
    notes: string[];
    rows: KernelRow[];
}

function str(v: unknown): string {
    return typeof v === 'string' ? v : '';
}

function strings(v: unknown): string[] {
    return Array.isArray(v) ? v.map(x => String(x)) : [];
}

/** The answer of `cowpte.kernel`, or undefined when it is not one. */
export function asKernelSummary(v: unknown): KernelSummary | undefined {
    if (typeof v !== 'object' || v === null) {
        return undefined;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.uri !== 'string' || typeof o.version !== 'number' || typeof o.exitCode !== 'number'
        || typeof o.summary !== 'string' || !Array.isArray(o.rows)) {
        return undefined;
    }
    const rows = o.rows.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null).map(r => ({
        line: typeof r.line === 'number' ? r.line : 0,
        statement: str(r.statement),
        kind: str(r.kind),
        counter: str(r.counter),
        kernel: str(r.kernel),
        simulated: str(r.simulated),
        verdict: str(r.verdict),
        outcome: str(r.outcome),
        note: str(r.note),
    }));
    return {
        uri: o.uri, version: o.version, exitCode: o.exitCode, summary: o.summary, kernel: str(o.kernel),
        refused: strings(o.refused), notes: strings(o.notes), rows,
    };
}

/** The one-line message after a check: warning when the kernel disagrees or nothing ran. */
export function kernelMessage(s: KernelSummary): { text: string; severity: 'info' | 'warning' } {
    const bad = s.exitCode !== 0 || s.refused.length > 0;
    return { text: `cowpte: ${s.summary}`, severity: bad ? 'warning' : 'info' };
}

function pad(s: string, n: number): string {
    return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function clip(s: string, n: number): string {
    return s.length <= n ? s : s.slice(0, n - 1) + '…';
}

/** The check as text for an output channel: what ran, the notes, then a table of rows. */
export function kernelCheckText(file: string, s: KernelSummary): string {
    const out: string[] = [`${file} (version ${s.version}) on ${s.kernel || 'this kernel'}`];
    for (const r of s.refused) {
        out.push(`  not run on the kernel: ${r}`);
    }
    for (const n of s.notes) {
        out.push(`  note: ${n}`);
    }
    if (s.rows.length > 0) {
        out.push('');
        out.push(`${pad('line', 6)}${pad('statement', 32)}${pad('counter', 34)}${pad('kernel', 14)}${pad('simulated', 14)}verdict`);
        for (const r of s.rows) {
            const verdict = [r.verdict, r.outcome].filter(x => x).join(', ') + (r.note ? `: ${r.note}` : '');
            out.push(`${pad(String(r.line), 6)}${pad(clip(r.statement, 30), 32)}${pad(clip(r.counter, 32), 34)}`
                + `${pad(r.kernel || '—', 14)}${pad(r.simulated || '—', 14)}${verdict}`);
        }
    }
    out.push('');
    out.push(s.summary);
    return out.join('\n') + '\n';
}
