// What a user sees of the cowpte extension in real VS Code (code-server), through Chromium:
// the failing sample's errors in the Problems view on their lines, a hover on an address with
// the shared PTE table's refcount, the status bar's run summary, the TextMate colours, and the
// page-table report (cowpte: Show Page-Table Report) in its webview beside the editor, as the
// outline a narrow panel shows, under VS Code's light and dark themes; the
// debugger (F5, a breakpoint, a PTE table's refcount in the Variables view, a step, a step back)
// and the scenarios in the Test Explorer.
// Started by run.sh, which gives the environment below; each check saves a screenshot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const env = (k) => {
    const v = process.env[k];
    if (!v) throw new Error(`${k} is not set (run this test through run.sh)`);
    return v;
};
const URL_ = env('E2E_URL');
const WORKSPACE = env('E2E_WORKSPACE');
const SHOTS = env('E2E_SCREENSHOTS');
const WAIT = 60_000; // every wait is bounded

/** Pids of this process's children whose command name contains `name` (from /proc). */
function childPids(ppid, name) {
    const out = [];
    for (const d of fs.readdirSync('/proc').filter(x => /^\d+$/.test(x))) {
        try {
            const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
            const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
            if (Number(fields[1]) === ppid && comm.includes(name)) out.push(Number(d));
        } catch { /* gone */ }
    }
    return out;
}

let browser;
let page;

async function shot(name) {
    const file = path.join(SHOTS, `vscode-${name}.png`);
    await page.screenshot({ path: file });
    console.log(`screenshot: ${file}`);
}

/** Opens a file of the workspace by Quick Open (Ctrl+P), as a user would. */
async function openFile(name) {
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => undefined);
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: WAIT });
    await input.fill(name);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: WAIT });
    await page.keyboard.press('Enter');
    await page.locator(`.tab.active[aria-label*="${name}"], .tab.active:has-text("${name}")`).first().waitFor({ timeout: WAIT });
    await page.locator('.monaco-editor .view-lines .view-line').first().waitFor({ timeout: WAIT });
}

/** The screen rectangle of `needle` (or of its character at `at`) in the editor line containing `lineText`. */
async function rectOf(lineText, needle, at = -1) {
    return page.evaluate(({ lineText, needle, at }) => {
        const norm = (s) => s.replace(/\u00a0/g, ' ');
        const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')];
        const line = lines.find(l => norm(l.textContent).includes(lineText));
        if (!line) return null;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const nodes = [];
        let text = '';
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            nodes.push({ n, start: text.length });
            text += norm(n.textContent);
        }
        const from = text.indexOf(lineText) + lineText.indexOf(needle);
        const lo = at >= 0 ? from + at : from;
        const hi = at >= 0 ? lo + 1 : from + needle.length;
        const pos = (i) => {
            const e = nodes.filter(x => x.start <= i).pop();
            return [e.n, i - e.start];
        };
        const r = document.createRange();
        r.setStart(...pos(lo));
        const [endNode, endOff] = pos(hi - 1);
        r.setEnd(endNode, endOff + 1);
        const b = r.getBoundingClientRect();
        return { x: b.x, y: b.y, width: b.width, height: b.height };
    }, { lineText, needle, at });
}

/** The colour the editor paints the token that holds the first character of `needle` (at or after `lineText`) in that line. */
async function colourOf(lineText, needle) {
    return page.evaluate(({ lineText, needle }) => {
        const norm = (s) => s.replace(/\u00a0/g, ' ');
        const line = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')]
            .find(l => norm(l.textContent).includes(lineText));
        if (!line) return null;
        const text = norm(line.textContent);
        const from = text.indexOf(needle, text.indexOf(lineText));
        if (from < 0) return null;
        let start = 0;
        for (const span of line.querySelectorAll('span > span')) {
            const t = norm(span.textContent);
            if (from >= start && from < start + t.length) {
                return { text: t, colour: getComputedStyle(span).color, cls: span.className };
            }
            start += t.length;
        }
        return null;
    }, { lineText, needle });
}

before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    // playwright-core gives Chromium a fresh --user-data-dir of its own (under TMPDIR, which
    // run.sh points into target/) and deletes it at close.
    browser = await chromium.launch({
        executablePath: env('E2E_CHROMIUM'),
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        timeout: WAIT,
    });
    // Chromium's pid for run.sh's clean-up (it leads a process group of its own).
    const pids = childPids(process.pid, 'chrom');
    if (pids.length && process.env.E2E_CHROMIUM_PID_FILE) fs.writeFileSync(process.env.E2E_CHROMIUM_PID_FILE, pids.join('\n'));
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    await page.goto(`${URL_}?folder=${encodeURIComponent(WORKSPACE)}`, { timeout: WAIT });
    await page.locator('.monaco-workbench').waitFor({ timeout: WAIT });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: WAIT }).catch(() => undefined);
    await shot('0-workbench');
});

after(async () => {
    await browser?.close().catch(() => undefined);
});

test('the failing sample opens as a cowpte scenario and the status bar shows its run: 2 failed, 1 passed', async () => {
    await openFile('failing-on-purpose.cowpte');
    // the language mode in the status bar: the extension's language, not Plain Text
    const lang = page.locator('.statusbar-item[id$="status.editor.mode"]');
    await lang.waitFor({ timeout: WAIT });
    assert.equal((await lang.innerText()).trim(), 'cowpte');
    const item = page.locator('.statusbar-item', { hasText: '2 failed, 1 passed' }).first();
    await item.waitFor({ state: 'visible', timeout: WAIT });
    await shot('1-status-bar');
    assert.equal((await item.innerText()).trim(), '2 failed, 1 passed');
});

test('the Problems view lists both failed expectations on lines 13 and 14', async () => {
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await problems.waitFor({ state: 'visible', timeout: WAIT });
    const rss = problems.locator('.monaco-list-row', { hasText: 'rss child: expected == 0 pages, actual 512 pages' }).first();
    const pt = problems.locator('.monaco-list-row', { hasText: 'pagetables child: expected <= 4 KiB, actual 12 KiB' }).first();
    await rss.waitFor({ timeout: WAIT });
    await pt.waitFor({ timeout: WAIT });
    await shot('2-problems');
    assert.match(await rss.innerText(), /\[Ln 13, Col 1\]/);
    assert.match(await pt.innerText(), /\[Ln 14, Col 1\]/);
    const file = problems.locator('.monaco-list-row', { hasText: 'failing-on-purpose.cowpte' }).first();
    assert.match(await file.innerText(), /\b2\b/, 'two problems under the file');
    // and the editor marks the lines: squiggles under the failing expectations
    const squiggles = page.locator('.monaco-editor .squiggly-error');
    assert.ok(await squiggles.count() >= 2, 'error squiggles in the editor');
});

test('a hover on buf[0] after the cow-pte fork shows the walk: the PTE table has refcount 2, shared by parent and child', async () => {
    await page.keyboard.press('Control+Shift+M'); // closes the panel again
    const line = 'expect shared parent child buf[0]';
    let r = await rectOf(line, 'buf[0]', 4); // the 0
    assert.ok(r, 'the line is on screen');
    await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
    const hover = page.locator('.monaco-hover:visible', { hasText: 'refcount 2' }).first();
    try {
        await hover.waitFor({ state: 'visible', timeout: 15_000 });
    } catch {
        // the server may still be running the scenario: move away and back
        await page.mouse.move(5, 5);
        r = await rectOf(line, 'buf[0]', 4);
        await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
        await hover.waitFor({ state: 'visible', timeout: WAIT });
    }
    await shot('3-hover');
    const text = await hover.innerText();
    assert.match(text, /PTE table #\d+ \(pmd entry \d+, write-protected\): refcount 2, sharers parent, child/, text);
});

test('highlighting: the TextMate grammar colours keywords, process names and numbers differently', async () => {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    const fork = await colourOf('fork parent -> child', 'fork');
    const parent = await colourOf('fork parent -> child', 'parent');
    const size = await colourOf('mmap parent buf 2M', '2M');
    const comment = await colourOf('expect rss child == 0', '# fails');
    console.log(JSON.stringify({ fork, parent, size, comment }));
    for (const [k, v] of Object.entries({ fork, parent, size, comment })) assert.ok(v, `token ${k} found`);
    assert.equal(fork.text.trim(), 'fork');
    assert.equal(parent.text.trim(), 'parent');
    assert.notEqual(fork.colour, parent.colour, 'keyword vs process name');
    assert.notEqual(size.colour, parent.colour, 'size vs process name');
    assert.notEqual(comment.colour, fork.colour, 'comment vs keyword');
    assert.notEqual(comment.colour, parent.colour, 'comment vs process name');
    const r = await rectOf('fork parent -> child', 'fork parent -> child');
    await page.screenshot({ path: path.join(SHOTS, 'vscode-4-highlighting.png'),
        clip: { x: Math.max(0, r.x - 60), y: Math.max(0, r.y - 120), width: 760, height: 300 } });
    await shot('5-whole-window');
});

/** WCAG contrast ratio of two `rgb(...)` colours. */
function contrast(a, b) {
    const lum = (c) => {
        const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map(v => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
}

test('cowpte: Show Page-Table Report opens the report beside the editor: the page-table trees with the shared PTE table (refcount 2) and the expectations', async () => {
    const sample = 'fork-1g-pagetables.cowpte';
    await openFile(sample);
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: WAIT });
    await input.fill('>cowpte: Show Page-Table Report');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Page-Table Report' }).first().waitFor({ timeout: WAIT });
    await page.keyboard.press('Enter');

    // the panel: its tab, in a second editor group to the right of the scenario's
    const title = `Report: ${sample}`;
    const tab = page.locator(`.tab[aria-label*="${title}"], .tab:has-text("${title}")`).first();
    await tab.waitFor({ state: 'visible', timeout: WAIT });
    assert.equal(await page.locator('.editor-group-container').count(), 2, 'the report opens in an editor group of its own');
    // the webview: an outer iframe.webview (VS Code's host page) and the report in its #active-frame
    const outer = page.locator('iframe.webview').last();
    await outer.waitFor({ state: 'visible', timeout: WAIT });
    // beside the scenario: its editor (still focused) in the left group, the report in the right one
    const left = page.locator('.editor-group-container').first();
    await left.locator(`.tab.active[aria-label*="${sample}"], .tab.active:has-text("${sample}")`).first().waitFor({ timeout: WAIT });
    const [box, editorBox] = [await outer.boundingBox(), await left.locator('.monaco-editor').first().boundingBox()];
    assert.ok(box && editorBox && box.x >= editorBox.x + editorBox.width - 2, `beside the editor: ${JSON.stringify({ box, editorBox })}`);
    const report = page.frameLocator('iframe.webview').last().frameLocator('#active-frame');
    // first a "Running the scenario…" page, then the report itself
    await report.locator('h1', { hasText: 'RFC v1: PageTables after forking 1 GiB' }).waitFor({ timeout: WAIT });
    const trees = report.locator('svg.tree');
    await trees.first().waitFor({ state: 'attached', timeout: WAIT });
    assert.ok(await trees.count() >= 2, 'page-table trees drawn');
    // the 512 PTE tables shared by parent and cow_child after the cow-pte fork, in the outline a
    // narrow window shows (the wide drawing of the same tables is there too, hidden)
    const shared = report.locator('svg.tree.narrow[data-policy~="cow-pte"] g.table.lvl-pte.shared[data-refcount="2"]').first();
    await shared.waitFor({ state: 'attached', timeout: WAIT });
    assert.equal(await shared.getAttribute('data-sharers'), 'parent cow_child');
    assert.match(await shared.locator('text.t-sub').first().textContent(), /^refcount 2\b/);
    const expectations = report.locator('table.expectations');
    await expectations.waitFor({ state: 'attached', timeout: WAIT });
    // a column per policy of the registry, as the extension's package.json lists them
    const manifest = JSON.parse(fs.readFileSync(new URL('../../vscode-extension/package.json', import.meta.url), 'utf8'));
    assert.deepEqual(await expectations.locator('thead th').allTextContents(),
        ['line', 'expectation', ...manifest.contributes.configuration.properties['cowpte.defaultPolicy'].enum]);
    assert.ok(await expectations.locator('tbody tr', { hasText: 'refcount parent buf[0] == 2' }).count() >= 1);
    // no script ran in it: the policy is in the page
    assert.match(await report.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), /default-src 'none'/);

    // what the user sees first: scroll the shared PTE table into view and keep the picture
    await shared.scrollIntoViewIfNeeded({ timeout: WAIT });
    await shot('6-report');
    // the panel beside the editor is narrow: the outline of the trees is shown, the wide drawings
    // hidden, and nothing of the trees leaves the panel, which does not scroll sideways
    const layout = async () => report.locator('body').evaluate((b) => {
        const shown = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
        const w = document.documentElement.clientWidth;
        const trees = [...b.querySelectorAll('svg.tree')];
        const outlines = trees.filter(t => t.classList.contains('narrow'));
        return {
            width: w, outlines: outlines.length, narrowShown: outlines.filter(shown).length,
            wideShown: trees.filter(t => !t.classList.contains('narrow') && shown(t)).length,
            out: [...b.querySelectorAll('#trees *')].filter(e => {
                const r = e.getBoundingClientRect();
                return r.width > 0 && (r.left < -0.5 || r.right > w + 0.5);
            }).map(e => `${e.tagName}.${e.getAttribute('class')}`).slice(0, 5),
            sideways: document.documentElement.scrollWidth - w,
        };
    });
    const fits = async (when) => {
        const l = await layout();
        console.log(JSON.stringify({ when, layout: l }));
        assert.ok(l.width <= 720, `the panel beside the editor is narrow: ${JSON.stringify(l)}`);
        assert.ok(l.outlines >= 2, `outlines drawn: ${JSON.stringify(l)}`);
        assert.equal(l.narrowShown, l.outlines, `every outline is shown: ${JSON.stringify(l)}`);
        assert.equal(l.wideShown, 0, `no wide drawing is shown: ${JSON.stringify(l)}`);
        assert.deepEqual(l.out, [], `nothing of the trees leaves the panel: ${JSON.stringify(l)}`);
        assert.ok(l.sideways <= 0, `the report does not scroll sideways: ${JSON.stringify(l)}`);
    };
    await fits('first');
    assert.ok(await shared.isVisible(), 'the shared PTE table of the outline is on screen');

    const colours = async () => report.locator('body').evaluate((b) => {
        const s = getComputedStyle(b);
        const box = b.querySelector('svg.tree.narrow g.table.shared');
        const theme = b.classList.contains('vscode-dark') ? 'dark' : b.classList.contains('vscode-light') ? 'light' : 'none';
        return { scheme: matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light', theme,
            fg: s.color, bg: s.backgroundColor, sharedTitle: getComputedStyle(box.querySelector('text.t-title')).fill,
            sharedFill: getComputedStyle(box.querySelector('rect')).fill };
    });
    const workbenchTheme = async () => page.locator('.monaco-workbench').first().evaluate(
        (w) => w.classList.contains('vs-dark') ? 'dark' : w.classList.contains('vs') ? 'light' : 'other');
    const background = { light: 'rgb(255, 255, 255)', dark: 'rgb(18, 21, 27)' };
    // inside VS Code the report follows the editor's theme (the webview body's vscode-light or
    // vscode-dark class), whatever the system prefers: checked under VS Code's light and dark
    // themes, each with the system preferring the other scheme too
    const first = await workbenchTheme();
    assert.ok(first === 'light' || first === 'dark', `VS Code starts with a light or dark theme: ${first}`);
    const order = first === 'dark' ? ['dark', 'light'] : ['light', 'dark'];
    for (const theme of order) {
        if (theme !== first) {
            await command('Preferences: Toggle between Light/Dark Themes');
            await page.locator(theme === 'dark' ? '.monaco-workbench.vs-dark' : '.monaco-workbench.vs').first()
                .waitFor({ state: 'attached', timeout: WAIT });
            await report.locator(`body.vscode-${theme}`).waitFor({ state: 'attached', timeout: WAIT });
        }
        assert.equal(await workbenchTheme(), theme);
        const own = await colours();
        const other = theme === 'dark' ? 'light' : 'dark';
        await page.emulateMedia({ colorScheme: other });
        const against = await colours();
        await page.emulateMedia({ colorScheme: null });
        console.log(JSON.stringify({ theme, own, [`system ${other}`]: against }));
        for (const c of [own, against]) {
            assert.equal(c.theme, theme, `VS Code marks the webview body with its ${theme} theme: ${JSON.stringify(c)}`);
            assert.equal(c.bg, background[theme], `the report's ${theme} background: ${JSON.stringify(c)}`);
            assert.ok(contrast(c.fg, c.bg) >= 4.5, `text readable on its background: ${JSON.stringify(c)}`);
            assert.ok(contrast(c.sharedTitle, c.sharedFill) >= 4.5, `the shared table's title readable: ${JSON.stringify(c)}`);
        }
        assert.equal(against.scheme, other, 'the system preference was emulated');
        await fits(theme);
        await shared.scrollIntoViewIfNeeded({ timeout: WAIT });
        await shot(`7-report-${theme}`);
    }
    // back to the theme VS Code started with, for the tests after this one
    await command('Preferences: Toggle between Light/Dark Themes');
    await report.locator(`body.vscode-${first}`).waitFor({ state: 'attached', timeout: WAIT });
});

/** Runs a command by its title from the Command Palette. */
async function command(title) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: WAIT });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: WAIT });
    await page.keyboard.press('Enter');
}

/** The row of the Variables view whose text starts with `name` (and holds `value`, when given). */
function variableRow(name, value) {
    const rows = page.locator('.debug-pane .monaco-list-row', { hasText: name });
    return value ? rows.filter({ hasText: value }).first() : rows.first();
}

/** Expands the Variables view along `names`, one row after the other. */
async function expand(...names) {
    for (const name of names) {
        const row = variableRow(name);
        await row.waitFor({ state: 'visible', timeout: WAIT });
        if ((await row.getAttribute('aria-expanded')) !== 'true') {
            await row.scrollIntoViewIfNeeded();
            await row.click();
            await page.waitForFunction((r) => r?.getAttribute('aria-expanded') === 'true', await row.elementHandle(), { timeout: WAIT });
        }
    }
}

/** Waits until the debugger stands at `line`: the editor selects the top frame's statement there. */
async function stoppedAt(line) {
    await page.locator('.statusbar-item[id$="status.editor.selection"]', { hasText: `Ln ${line},` }).first()
        .waitFor({ timeout: WAIT });
}

/** Moves the Variables view's focus one row down, checks it is `name`, expands it if asked; answers its text. */
async function down(name, open) {
    // the children of the row just expanded come from the adapter (rows below the pane are not
    // rendered, so there is nothing to wait for but a moment)
    await page.waitForTimeout(1000);
    await page.keyboard.press('ArrowDown');
    const focused = page.locator('.debug-pane .monaco-list-row.focused').first();
    await page.waitForFunction((n) => document.querySelector('.debug-pane .monaco-list-row.focused')?.textContent.includes(n),
        name, { timeout: WAIT });
    if (open) {
        await page.keyboard.press('ArrowRight');
        await page.waitForFunction(() => document.querySelector('.debug-pane .monaco-list-row.focused')
            ?.getAttribute('aria-expanded') === 'true', null, { timeout: WAIT });
    }
    return (await focused.innerText()).replace(/\s+/g, ' ');
}

test('F5 debugs a scenario without a launch.json: a breakpoint, the PTE table\'s refcount in the Variables view, a step that copies it, and a step back', async () => {
    const sample = 'fork-1g-pagetables.cowpte';
    await command('View: Close All Editor Groups');
    await openFile(sample);
    // a breakpoint on line 33, `write cow_child buf[0] = 7`
    await page.keyboard.press('Control+G');
    await page.keyboard.type('33');
    await page.keyboard.press('Enter');
    await page.keyboard.press('F9');
    await page.locator('.monaco-editor .codicon-debug-breakpoint').first().waitFor({ timeout: WAIT });
    await page.keyboard.press('F5');
    await page.locator('.debug-toolbar').waitFor({ state: 'visible', timeout: WAIT });
    // the Run and Debug view, from the activity bar (a second click would close it)
    if (!(await page.locator('.debug-pane').first().isVisible())) {
        await page.locator('.activitybar .action-item', { has: page.locator('a[aria-label^="Run and Debug"]') }).first().click();
    }
    await page.locator('.debug-pane').first().waitFor({ state: 'visible', timeout: WAIT });
    // F5 without a launch.json stops on entry; F5 again runs to the breakpoint
    const stack = page.locator('.debug-call-stack .monaco-list-row');
    await stack.filter({ hasText: 'scenario "RFC v1' }).first().waitFor({ timeout: WAIT });
    await page.keyboard.press('F5');
    await stack.filter({ hasText: 'write cow_child buf[0] = 7' }).first().waitFor({ timeout: WAIT });
    await page.locator('.monaco-editor .debug-top-stack-frame-line').first().waitFor({ timeout: WAIT });
    await stoppedAt(33);

    // room for the tree: a wider side bar, the other panes folded, the Scenario scope (open by itself) closed
    const bar = await page.locator('.part.sidebar').boundingBox();
    await page.mouse.move(bar.x + bar.width + 1, bar.y + 300);
    await page.mouse.down();
    await page.mouse.move(bar.x + bar.width + 260, bar.y + 300, { steps: 5 });
    await page.mouse.up();
    for (const pane of ['Watch', 'Call Stack', 'Breakpoints']) {
        const header = page.locator('.pane-header', { hasText: pane }).first();
        if ((await header.getAttribute('aria-expanded')) === 'true') {
            await header.click();
        }
    }
    const scenario = variableRow('Scenario');
    await scenario.waitFor({ state: 'visible', timeout: WAIT });
    if ((await scenario.getAttribute('aria-expanded')) === 'true') {
        await scenario.locator('.monaco-tl-twistie').click();
    }
    await expand('Processes', 'parent', 'page tables');
    // down the tree by keyboard, which keeps the focused row in view: pgd → pud → pmd → the PTE tables
    await down('pgd#1', true);
    await down('pud#', true);
    await down('pmd#', true);
    const shared = await down('pte#', false);
    assert.match(shared, /×512 = refcount 2, sharers parent cow_child, write-protected/);
    await page.mouse.move(900, 700);
    await shot('8-debug-breakpoint');

    // next: the write breaks COW on the first PTE table; it is the parent's alone now, and marked
    await page.keyboard.press('F10');
    await stoppedAt(34);
    const copied = variableRow('pte#', 'refcount 1');
    await copied.waitFor({ state: 'visible', timeout: WAIT });
    assert.match((await copied.innerText()).replace(/\s+/g, ' '), /\[0\] pte#\d+ = refcount 1, .*\(changed\)/);
    await page.mouse.move(900, 700);
    await shot('9-debug-step');

    // step back: before the write again, the table shared
    await page.locator('.debug-toolbar .codicon-debug-step-back').first().click();
    await stoppedAt(33);
    await variableRow('pte#', 'refcount 2, sharers parent cow_child').waitFor({ state: 'visible', timeout: WAIT });
    await page.keyboard.press('Shift+F5');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: WAIT });
});

test('the Test Explorer runs a scenario: its failed expectations with expected and actual values', async () => {
    await command('Testing: Focus on Test Explorer View');
    const tree = page.locator('.test-explorer .monaco-list');
    const file = tree.locator('.monaco-list-row', { hasText: 'failing-on-purpose.cowpte' }).first();
    await file.waitFor({ state: 'visible', timeout: WAIT });
    await file.hover();
    await file.locator('.action-label[aria-label^="Run Test"], .action-label[title^="Run Test"]').first().click();
    // the two failing expectations are marked failed, the third passed
    await file.click();
    const failedRow = tree.locator('.monaco-list-row', { hasText: 'expect rss child == 0' }).first();
    await failedRow.waitFor({ state: 'visible', timeout: WAIT });
    await page.waitForFunction((r) => /fail/i.test(r?.querySelector('.computed-state')?.className ?? ''),
        await failedRow.elementHandle(), { timeout: WAIT });
    const passedRow = tree.locator('.monaco-list-row', { hasText: 'expect shared parent child buf[0]' }).first();
    assert.match(await passedRow.locator('.computed-state').getAttribute('class'), /pass/);
    // the Test Results view lists the failure's message: what was expected, what was measured
    await page.locator('.monaco-list-row', { hasText: 'rss child: expected == 0 pages, actual 512 pages' }).first()
        .waitFor({ state: 'attached', timeout: WAIT });
    await shot('10-test-explorer');
});
