/**
 * The `cowpte/runSummary` notification and what the status bar shows for it. No VS Code API
 * here, so the wording is tested in Node.
 */
export const RUN_SUMMARY_METHOD = 'cowpte/runSummary';

export interface RunSummary {
    uri: string;
    version: number;
    passed: number;
    failed: number;
    errors: number;
    durationMs: number;
}

export interface StatusView {
    text: string;
    tooltip: string;
    /** 'error' when something failed, 'ok' when every expectation held. */
    severity: 'ok' | 'error';
}

function plural(n: number, one: string, many: string): string {
    return `${n} ${n === 1 ? one : many}`;
}

export function statusView(s: RunSummary): StatusView {
    const parts: string[] = [];
    if (s.failed > 0) {
        parts.push(`${s.failed} failed`);
    }
    parts.push(`${s.passed} passed`);
    if (s.errors > 0) {
        parts.push(plural(s.errors, 'error', 'errors'));
    }
    const bad = s.failed > 0 || s.errors > 0;
    const icon = bad ? '$(error)' : '$(pass)';
    const tooltip = `cowpte: ${plural(s.passed, 'expectation', 'expectations')} held, ${s.failed} failed, `
        + `${plural(s.errors, 'error', 'errors')} (run of version ${s.version} in ${s.durationMs} ms). Click to run again.`;
    return { text: `${icon} ${parts.join(', ')}`, tooltip, severity: bad ? 'error' : 'ok' };
}

/** Keeps the newest summary per document; an older version's late summary does not replace a newer one. */
export class SummaryStore {
    private readonly byUri = new Map<string, RunSummary>();

    put(s: RunSummary): boolean {
        const old = this.byUri.get(s.uri);
        if (old && old.version > s.version) {
            return false;
        }
        this.byUri.set(s.uri, s);
        return true;
    }

    get(uri: string): RunSummary | undefined {
        return this.byUri.get(uri);
    }

    delete(uri: string): void {
        this.byUri.delete(uri);
    }

    clear(): void {
        this.byUri.clear();
    }
}

/** A summary from the wire, or undefined when it is not one. */
export function asRunSummary(v: unknown): RunSummary | undefined {
    if (typeof v !== 'object' || v === null) {
        return undefined;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.uri !== 'string') {
        return undefined;
    }
    const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
    return {
        uri: o.uri, version: num(o.version), passed: num(o.passed), failed: num(o.failed),
        errors: num(o.errors), durationMs: num(o.durationMs),
    };
}
