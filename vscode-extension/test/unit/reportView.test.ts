/** The report's webview page (CSP, no script), the wire format and when a shown report is asked for again. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
    asReport, messageHtml, REPORT_CSP, ReportRefresher, reportTitle, Timers, webviewHtml, WEBVIEW_OPTIONS,
} from '../../src/reportView';
import { EXTENSION_ROOT } from '../support/tokenize';

/** The head of a page as `cowpte report` writes it (ReportPage.java). */
const REPORT = '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    + '<title>cowpte report: fork</title>\n<style>\nbody { color: CanvasText; }\n</style>\n</head>\n'
    + '<body>\n<svg class="tree" data-policy="cow-pte"></svg>\n</body>\n</html>\n';

const CSP_META = '<meta http-equiv="Content-Security-Policy" '
    + 'content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">';

describe('the webview page', () => {
    test('the CSP allows no script, only inline styles and data: images', () => {
        assert.equal(REPORT_CSP, "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        assert.equal(WEBVIEW_OPTIONS.enableScripts, false);
        assert.equal(WEBVIEW_OPTIONS.enableForms, false);
        assert.deepEqual(WEBVIEW_OPTIONS.localResourceRoots, []);
    });

    test('the CSP meta tag is the first thing in the head, before the styles; the report is kept whole', () => {
        const page = webviewHtml(REPORT);
        const head = page.slice(page.indexOf('<head>') + '<head>'.length).trimStart();
        assert.ok(head.startsWith(CSP_META), head.slice(0, 200));
        assert.ok(page.indexOf(CSP_META) < page.indexOf('<style>'));
        assert.equal(page.split('Content-Security-Policy').length, 2, 'one policy');
        assert.equal(page.replace(`\n${CSP_META}`, ''), REPORT, 'nothing else changed');
    });

    test('a policy already in the page is replaced by the webview\'s', () => {
        const loose = REPORT.replace('<head>', '<head>\n<meta http-equiv="content-security-policy" content="script-src *">');
        const page = webviewHtml(loose);
        assert.doesNotMatch(page, /script-src \*/);
        assert.equal(page.split(/content-security-policy/i).length, 2);
    });

    test('a fragment without a head gets a whole page with the policy', () => {
        const page = webviewHtml('<p>x</p>');
        assert.match(page, /^<!DOCTYPE html>/);
        assert.ok(page.indexOf(CSP_META) < page.indexOf('<p>x</p>'));
    });

    test('a message page shows its text as text, under the same policy', () => {
        const page = messageHtml('Report: a.cowpte', 'The report failed: <script>alert(1)</script> & more');
        assert.ok(page.includes(CSP_META));
        assert.ok(page.includes('The report failed: &lt;script&gt;alert(1)&lt;/script&gt; &amp; more'));
        assert.doesNotMatch(page, /<script/);
    });

    test('the panel is titled with the scenario\'s file name', () => {
        assert.equal(reportTitle('file:///w/fork-1g-pagetables.cowpte'), 'Report: fork-1g-pagetables.cowpte');
        assert.equal(reportTitle('file:///w/my%20scenario.cowpte'), 'Report: my scenario.cowpte');
        assert.equal(reportTitle('untitled:Untitled-1'), 'Report: untitled:Untitled-1');
    });
});

describe('the answer of cowpte.report', () => {
    test('uri, version, policies and html are read; anything else is not a report', () => {
        assert.deepEqual(asReport({ uri: 'file:///a.cowpte', version: 3, policies: ['classic', 7], html: '<p>' }),
            { uri: 'file:///a.cowpte', version: 3, policies: ['classic'], html: '<p>' });
        assert.equal(asReport('<html>'), undefined);
        assert.equal(asReport(null), undefined);
        assert.equal(asReport({ uri: 'file:///a.cowpte', version: 3 }), undefined);
    });
});

/** Timers fired by hand. */
class ManualTimers implements Timers {
    private next = 0;
    readonly pending = new Map<number, { fn: () => void; ms: number }>();

    set(fn: () => void, ms: number): unknown {
        const id = ++this.next;
        this.pending.set(id, { fn, ms });
        return id;
    }

    clear(handle: unknown): void {
        this.pending.delete(handle as number);
    }

    fireAll(): number {
        const due = [...this.pending.entries()];
        this.pending.clear();
        due.forEach(([, t]) => t.fn());
        return due.length;
    }
}

/** A refresh that waits until released, recording the URIs asked for. */
class Refreshes {
    readonly asked: string[] = [];
    private releases: (() => void)[] = [];

    readonly refresh = (uri: string): Promise<void> => {
        this.asked.push(uri);
        return new Promise(resolve => this.releases.push(resolve));
    };

    async releaseAll(): Promise<void> {
        const r = this.releases;
        this.releases = [];
        r.forEach(f => f());
        // let the refresher's await and loop run
        for (let i = 0; i < 5; i++) {
            await Promise.resolve();
        }
    }
}

describe('when a shown report is asked for again', () => {
    const A = 'file:///w/a.cowpte';
    const B = 'file:///w/b.cowpte';

    test('runs of a document without an open panel ask for nothing', () => {
        const timers = new ManualTimers();
        const r = new Refreshes();
        const refresher = new ReportRefresher(r.refresh, 300, timers);
        refresher.runFinished(A);
        assert.equal(timers.pending.size, 0);
        assert.deepEqual(r.asked, []);
    });

    test('after the debounce delay, once for several runs; only the shown document', async () => {
        const timers = new ManualTimers();
        const r = new Refreshes();
        const refresher = new ReportRefresher(r.refresh, 300, timers);
        refresher.watch(A);
        refresher.runFinished(A);
        refresher.runFinished(A);
        refresher.runFinished(B);
        refresher.runFinished(A);
        assert.deepEqual(r.asked, [], 'nothing before the delay');
        assert.equal(timers.pending.size, 1);
        assert.deepEqual([...timers.pending.values()].map(t => t.ms), [300]);
        assert.equal(timers.fireAll(), 1);
        assert.deepEqual(r.asked, [A]);
        await r.releaseAll();
        assert.deepEqual(r.asked, [A], 'one refresh for three runs');
    });

    test('closing the panel drops a refresh that waits for its delay', () => {
        const timers = new ManualTimers();
        const r = new Refreshes();
        const refresher = new ReportRefresher(r.refresh, 300, timers);
        refresher.watch(A);
        refresher.runFinished(A);
        assert.ok(refresher.isPending(A));
        refresher.unwatch(A);
        assert.equal(timers.pending.size, 0);
        assert.equal(refresher.isWatched(A), false);
        refresher.runFinished(A);
        assert.equal(timers.pending.size, 0);
        assert.deepEqual(r.asked, []);
    });

    test('one refresh at a time: a run that finishes meanwhile is caught up once, after it', async () => {
        const timers = new ManualTimers();
        const r = new Refreshes();
        const refresher = new ReportRefresher(r.refresh, 300, timers);
        void refresher.now(A);
        assert.deepEqual(r.asked, [A], 'the command asks at once');
        refresher.runFinished(A);
        timers.fireAll();
        refresher.runFinished(A);
        timers.fireAll();
        assert.deepEqual(r.asked, [A], 'not while the first is in flight');
        await r.releaseAll();
        assert.deepEqual(r.asked, [A, A], 'one more for the runs that finished meanwhile');
        await r.releaseAll();
        assert.deepEqual(r.asked, [A, A]);
    });

    test('a failed refresh does not stop later ones', async () => {
        const timers = new ManualTimers();
        let calls = 0;
        const refresher = new ReportRefresher(async () => {
            calls++;
            throw new Error('server busy');
        }, 300, timers);
        await refresher.now(A);
        refresher.runFinished(A);
        timers.fireAll();
        await Promise.resolve();
        assert.equal(calls, 2);
    });
});

describe('the contributed command', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'package.json'), 'utf8'));

    test('"cowpte: Show Page-Table Report", in the palette and the title bar of .cowpte editors', () => {
        const cmd = pkg.contributes.commands.find((c: { command: string }) => c.command === 'cowpte.showReport');
        assert.deepEqual({ title: cmd.title, category: cmd.category }, { title: 'Show Page-Table Report', category: 'cowpte' });
        assert.ok(cmd.icon, 'an icon for the editor title bar');
        const title = pkg.contributes.menus['editor/title'].find((m: { command: string }) => m.command === 'cowpte.showReport');
        assert.deepEqual(title, { command: 'cowpte.showReport', when: 'resourceLangId == cowpte', group: 'navigation' });
        const palette = pkg.contributes.menus.commandPalette.find((m: { command: string }) => m.command === 'cowpte.showReport');
        assert.equal(palette.when, 'editorLangId == cowpte');
    });
});
