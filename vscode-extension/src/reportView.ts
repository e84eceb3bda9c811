/**
 * The page-table report beside the editor: what `cowpte.report` answers, the webview page made
 * of it (the report's own HTML with a Content-Security-Policy that allows no script and nothing
 * from outside) and when to ask again (after a run of the shown document, debounced, only while
 * its panel is open). No VS Code API here, so all of it is tested in Node.
 */
export const REPORT_COMMAND = 'cowpte.report';

/** No script, no fetch, no fonts or frames; inline styles and data: images only. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Pause after a run's summary before the report is asked for again. */
export const REFRESH_DELAY_MS = 300;

/** What `cowpte.report` answers. */
export interface Report {
    uri: string;
    version: number;
    policies: string[];
    html: string;
}

/** The options of the report's webview: scripts, forms and local resources all off. */
export const WEBVIEW_OPTIONS = Object.freeze({
    enableScripts: false,
    enableForms: false,
    enableCommandUris: false,
    localResourceRoots: [] as never[],
});

/** A report from the wire, or undefined when it is not one. */
export function asReport(v: unknown): Report | undefined {
    if (typeof v !== 'object' || v === null) {
        return undefined;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.uri !== 'string' || typeof o.html !== 'string' || typeof o.version !== 'number') {
        return undefined;
    }
    const policies = Array.isArray(o.policies) ? o.policies.filter((p): p is string => typeof p === 'string') : [];
    return { uri: o.uri, version: o.version, policies, html: o.html };
}

function escapeHtml(s: string): string {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CSP_META = `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`;

/**
 * The page for the webview: the report with the CSP meta tag as the first element of its head
 * (before any style), so it rules the whole page. Any CSP meta tag already there is dropped: the
 * webview's policy is this one.
 */
export function webviewHtml(reportHtml: string): string {
    const html = reportHtml.replace(/<meta\s+http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>\s*/gi, '');
    const head = /<head(\s[^>]*)?>/i.exec(html);
    if (head) {
        const at = head.index + head[0].length;
        return `${html.slice(0, at)}\n${CSP_META}${html.slice(at)}`;
    }
    return `<!DOCTYPE html>\n<html lang="en">\n<head>\n${CSP_META}\n<meta charset="utf-8">\n</head>\n<body>\n${html}\n</body>\n</html>\n`;
}

/** A page for the webview that says why there is no report (the message is text, not markup). */
export function messageHtml(title: string, message: string): string {
    return webviewHtml('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        + '<meta name="color-scheme" content="light dark">\n'
        + '<style>body { font-family: sans-serif; margin: 2em; } pre { white-space: pre-wrap; }</style>\n'
        + `<title>${escapeHtml(title)}</title>\n</head>\n<body>\n<h1>${escapeHtml(title)}</h1>\n`
        + `<pre>${escapeHtml(message)}</pre>\n</body>\n</html>\n`);
}

/** The panel's title for a scenario's URI: `Report: fork.cowpte`. */
export function reportTitle(uri: string): string {
    const path = uri.replace(/[?#].*$/, '');
    const name = path.slice(path.lastIndexOf('/') + 1);
    let decoded = name;
    try {
        decoded = decodeURIComponent(name);
    } catch {
        // keep it encoded
    }
    return `Report: ${decoded || uri}`;
}

export interface Timers {
    set(fn: () => void, ms: number): unknown;
    clear(handle: unknown): void;
}

const NODE_TIMERS: Timers = {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: h => clearTimeout(h as ReturnType<typeof setTimeout>),
};

interface Watched {
    timer?: unknown;
    /** A refresh is running. */
    busy: boolean;
    /** Another run finished while it ran: refresh once more when it ends. */
    again: boolean;
}

/**
 * When to ask for a document's report again. A panel `watch`es its document's URI while it is
 * open; each `runFinished` (a `cowpte/runSummary` for that URI) schedules a refresh after the
 * delay, several within the delay make one, and at most one refresh per document runs at a
 * time (a run that finishes meanwhile is caught up by one more when it ends). Runs of documents
 * without an open panel ask for nothing.
 */
export class ReportRefresher {
    private readonly watched = new Map<string, Watched>();

    constructor(
        private readonly refresh: (uri: string) => Promise<void>,
        private readonly delayMs: number = REFRESH_DELAY_MS,
        private readonly timers: Timers = NODE_TIMERS,
    ) {
    }

    watch(uri: string): void {
        if (!this.watched.has(uri)) {
            this.watched.set(uri, { busy: false, again: false });
        }
    }

    unwatch(uri: string): void {
        const w = this.watched.get(uri);
        if (w && w.timer !== undefined) {
            this.timers.clear(w.timer);
        }
        this.watched.delete(uri);
    }

    isWatched(uri: string): boolean {
        return this.watched.has(uri);
    }

    /** Whether a refresh of `uri` is waiting for its delay. */
    isPending(uri: string): boolean {
        return this.watched.get(uri)?.timer !== undefined;
    }

    /** A run of `uri` finished: its report, when shown, is asked for again after the delay. */
    runFinished(uri: string): void {
        const w = this.watched.get(uri);
        if (!w) {
            return;
        }
        if (w.timer !== undefined) {
            this.timers.clear(w.timer);
        }
        w.timer = this.timers.set(() => {
            w.timer = undefined;
            this.start(uri, w);
        }, this.delayMs);
    }

    /** Asks for the report now (the command), unless a refresh runs: then once more after it. */
    now(uri: string): Promise<void> {
        this.watch(uri);
        const w = this.watched.get(uri)!;
        if (w.timer !== undefined) {
            this.timers.clear(w.timer);
            w.timer = undefined;
        }
        return this.start(uri, w);
    }

    private async start(uri: string, w: Watched): Promise<void> {
        if (w.busy) {
            w.again = true;
            return;
        }
        w.busy = true;
        try {
            do {
                w.again = false;
                try {
                    await this.refresh(uri);
                } catch {
                    // the refresh shows its own error; the next run asks again
                }
            } while (w.again && this.watched.get(uri) === w);
        } finally {
            w.busy = false;
        }
    }

    dispose(): void {
        for (const uri of [...this.watched.keys()]) {
            this.unwatch(uri);
        }
    }
}
