/**
 * The real language server, started as the extension starts it (the same Java finder, the same
 * command line, the same initialization options), spoken to over stdio with vscode-jsonrpc:
 * initialize, open the sample that fails on purpose, its diagnostics on the right lines, a hover
 * on an address with the PTE table's refcount, the run summary, the commands (the page-table report
 * of the text as changed after a run, as the report panel asks for it), shutdown and exit.
 *
 * Needs server/cowpte.jar in the extension (npm run test:node puts it there from
 * ../server/target/cowpte.jar, building it with Maven when missing) or COWPTE_JAR; without a jar
 * or without Java 17 the tests are skipped and say why.
 */
import assert from 'node:assert/strict';
import { ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
    createMessageConnection,
    MessageConnection,
    NotificationType,
    NotificationType0,
    RequestType,
    RequestType0,
    StreamMessageReader,
    StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import { findJavaHere } from '../../src/javaFinder';
import { asReport, REPORT_COMMAND, webviewHtml } from '../../src/reportView';
import { RunSummary } from '../../src/runSummary';
import { DEFAULT_SETTINGS, serverCommand, serverJarPath } from '../../src/serverCommand';
import { snippets } from '../support/snippets';
import { EXTENSION_ROOT, REPO_ROOT } from '../support/tokenize';

interface Position { line: number; character: number }
interface Range { start: Position; end: Position }
interface Diagnostic { range: Range; message: string; severity?: number; source?: string }
interface PublishDiagnosticsParams { uri: string; version?: number; diagnostics: Diagnostic[] }
interface Hover { contents: { kind: string; value: string } | string | unknown[]; range?: Range }

const initialize = new RequestType<unknown, { capabilities: Record<string, unknown> }, unknown>('initialize');
const shutdown = new RequestType0<null, unknown>('shutdown');
const hover = new RequestType<unknown, Hover | null, unknown>('textDocument/hover');
const executeCommand = new RequestType<{ command: string; arguments: unknown[] }, unknown, unknown>('workspace/executeCommand');
const initialized = new NotificationType<unknown>('initialized');
const didOpen = new NotificationType<unknown>('textDocument/didOpen');
const didChange = new NotificationType<unknown>('textDocument/didChange');
const exitNotification = new NotificationType0('exit');
const publishDiagnostics = new NotificationType<PublishDiagnosticsParams>('textDocument/publishDiagnostics');
const runSummary = new NotificationType<RunSummary>('cowpte/runSummary');

const jar = serverJarPath(EXTENSION_ROOT, process.env.COWPTE_JAR);
const sample = path.join(REPO_ROOT, 'samples', 'failing-on-purpose.cowpte');
const sampleUri = pathToFileURL(sample).toString();
const sampleText = fs.readFileSync(sample, 'utf8');
const sampleLines = sampleText.split('\n');

/** 0-based line of the first line that starts with `prefix`. */
function lineOf(prefix: string): number {
    const i = sampleLines.findIndex(l => l.startsWith(prefix));
    assert.ok(i >= 0, `the sample has no line starting with ${prefix}`);
    return i;
}

function hoverText(h: Hover | null): string {
    if (!h) {
        return '';
    }
    const c = h.contents;
    if (typeof c === 'string') {
        return c;
    }
    if (Array.isArray(c)) {
        return c.map(x => (typeof x === 'string' ? x : (x as { value: string }).value)).join('\n');
    }
    return c.value;
}

/** Resolves with the first notification that `accept` takes; every one is also kept in `seen`. */
class Inbox<T> {
    readonly seen: T[] = [];
    private waiters: { accept: (t: T) => boolean; resolve: (t: T) => void }[] = [];

    push(t: T): void {
        this.seen.push(t);
        this.waiters = this.waiters.filter(w => {
            if (w.accept(t)) {
                w.resolve(t);
                return false;
            }
            return true;
        });
    }

    next(accept: (t: T) => boolean): Promise<T> {
        const old = this.seen.find(accept);
        if (old) {
            return Promise.resolve(old);
        }
        return new Promise(resolve => this.waiters.push({ accept, resolve }));
    }
}

async function skipReason(): Promise<string | undefined> {
    if (!fs.existsSync(jar)) {
        return `no server jar at ${jar}: build it with "npm run bundle-server" (or mvn -pl server -am package), or set COWPTE_JAR`;
    }
    const java = await findJavaHere(undefined);
    return java.ok ? undefined : java.message;
}

/** Under Maven (COWPTE_REQUIRE_SERVER=1) the jar has just been built: a missing one is a failure, not a skip. */
function required(): boolean {
    return process.env.COWPTE_REQUIRE_SERVER === '1';
}

// A guard against a server that never answers, not a timing assertion.
describe('the cowpte language server, started as the extension starts it', { timeout: 180_000 }, async () => {
    const why = await skipReason();
    if (why) {
        if (required()) {
            test('the server jar and Java 17 are there (COWPTE_REQUIRE_SERVER=1)', () => assert.fail(why));
        } else {
            test(`SKIPPED: ${why}`, { skip: why }, () => undefined);
        }
        return;
    }

    let proc: ChildProcessWithoutNullStreams;
    let conn: MessageConnection;
    let stderr = '';
    const diagnostics = new Inbox<PublishDiagnosticsParams>();
    const summaries = new Inbox<RunSummary>();
    let capabilities: Record<string, unknown>;

    before(async () => {
        const java = await findJavaHere(undefined);
        assert.ok(java.ok);
        const cmd = serverCommand(java.javaPath, jar, []);
        proc = spawn(cmd.command, cmd.args, { cwd: REPO_ROOT, stdio: 'pipe' });
        proc.stderr.on('data', d => (stderr += String(d)));
        conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
        conn.onNotification(publishDiagnostics, p => diagnostics.push(p));
        conn.onNotification(runSummary, s => summaries.push(s));
        conn.onNotification(() => undefined); // window/logMessage and the like
        conn.onRequest((method: string) => (method === 'workspace/configuration' ? [DEFAULT_SETTINGS] : null));
        conn.listen();
        const result = await conn.sendRequest(initialize, {
            processId: process.pid,
            clientInfo: { name: 'cowpte-vscode-extension-test' },
            rootUri: pathToFileURL(REPO_ROOT).toString(),
            capabilities: {
                textDocument: {
                    publishDiagnostics: { relatedInformation: true, versionSupport: true },
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                },
                workspace: { configuration: true },
            },
            initializationOptions: DEFAULT_SETTINGS,
        });
        capabilities = result.capabilities;
        await conn.sendNotification(initialized, {});
        await conn.sendNotification(didOpen, {
            textDocument: { uri: sampleUri, languageId: 'cowpte', version: 1, text: sampleText },
        });
    });

    after(async () => {
        if (proc && proc.exitCode === null) {
            proc.kill();
        }
        conn?.dispose();
    });

    test('initialize: hover, diagnostics and the cowpte.run / cowpte.compare / cowpte.report / cowpte.kernel commands', () => {
        assert.ok(capabilities.hoverProvider, `capabilities: ${JSON.stringify(capabilities)}`);
        const commands = (capabilities.executeCommandProvider as { commands: string[] }).commands;
        assert.ok(commands.includes('cowpte.run'), `commands: ${commands}`);
        assert.ok(commands.includes('cowpte.compare'), `commands: ${commands}`);
        assert.ok(commands.includes('cowpte.report'), `commands: ${commands}`);
        assert.ok(commands.includes('cowpte.kernel'), `commands: ${commands}`);
    });

    test('the failing sample: one diagnostic on each failing expectation, with expected and actual', async () => {
        const p = await diagnostics.next(d => d.uri === sampleUri && d.diagnostics.length >= 2);
        const rss = lineOf('expect rss child == 0');
        const pt = lineOf('expect pagetables child <= 4K');
        const byLine = new Map(p.diagnostics.map(d => [d.range.start.line, d]));
        assert.deepEqual([...byLine.keys()].sort((a, b) => a - b), [rss, pt], JSON.stringify(p.diagnostics, null, 1));
        const r = byLine.get(rss)!;
        assert.match(r.message, /rss child: expected == 0 pages, actual 512 pages/);
        assert.equal(r.severity, 1, 'a failed expectation is an error');
        assert.equal(r.range.start.character, 0);
        assert.match(byLine.get(pt)!.message, /pagetables child: expected <= 4 KiB, actual 12 KiB/);
    });

    test('the run summary: 1 held, 2 failed', async () => {
        const s = await summaries.next(x => x.uri === sampleUri);
        assert.equal(s.passed, 1);
        assert.equal(s.failed, 2);
        assert.equal(s.errors, 0);
        assert.equal(s.version, 1);
    });

    test('hover on an address shows the walk with the shared PTE table\'s refcount', async () => {
        await diagnostics.next(d => d.uri === sampleUri && d.diagnostics.length >= 2);
        const line = lineOf('expect shared parent child buf[0]');
        const character = sampleLines[line].indexOf('buf[0]') + 1;
        const h = await conn.sendRequest(hover, { textDocument: { uri: sampleUri }, position: { line, character } });
        const text = hoverText(h);
        assert.match(text, /PTE table #\d+ \(pmd entry \d+, write-protected\): refcount 2, sharers parent, child/, text);
    });

    test('cowpte.run answers the summary; cowpte.compare the table of the policies asked for', async () => {
        const run = await conn.sendRequest(executeCommand, { command: 'cowpte.run', arguments: [sampleUri] }) as RunSummary;
        assert.equal(run.uri, sampleUri);
        assert.equal(run.failed, 2);
        assert.equal(run.passed, 1);
        const table = await conn.sendRequest(executeCommand,
            { command: 'cowpte.compare', arguments: [sampleUri, ['classic', 'cow-pte']] });
        assert.equal(typeof table, 'string');
        assert.match(table as string, /classic/);
        assert.match(table as string, /cow-pte/);
        assert.doesNotMatch(table as string, /\bodf\b/);
    });

    test('cowpte.report after a run: the page of the text as changed, trees with the shared PTE table', async () => {
        await summaries.next(x => x.uri === sampleUri && x.version === 1);
        // as typed at the end of the file: the panel asks again when the run of version 2 is summarised
        const end = sampleLines.length - 1;
        await conn.sendNotification(didChange, {
            textDocument: { uri: sampleUri, version: 2 },
            contentChanges: [{ range: { start: { line: end, character: 0 }, end: { line: end, character: 0 } },
                text: 'expect pagetables == 4K\n' }],
        });
        const ran = await summaries.next(x => x.uri === sampleUri && x.version === 2);
        assert.equal(ran.failed, 3, JSON.stringify(ran));

        const answer = await conn.sendRequest(executeCommand, { command: REPORT_COMMAND, arguments: [sampleUri] });
        const report = asReport(answer);
        assert.ok(report, `not a report: ${JSON.stringify(answer)?.slice(0, 300)}`);
        assert.equal(report.uri, sampleUri);
        assert.equal(report.version, 2);
        // every policy the server knows, as package.json lists them (written from the server's registry)
        const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
        assert.deepEqual(report.policies, manifest.contributes.configuration.properties['cowpte.defaultPolicy'].enum);
        const html = report.html;
        assert.match(html, /^<!DOCTYPE html>/);
        assert.doesNotMatch(html, /<script/i);
        assert.match(html, /<svg class="tree"[^>]*data-policy="cow-pte"/, 'the page-table trees under cow-pte');
        assert.match(html, /<g class="table lvl-pte shared[^>]*data-refcount="2"[^>]*data-sharers="parent child"/,
            'the PTE table shared by parent and child, drawn once with its refcount');
        assert.match(html, /<code>expect pagetables == 4K<\/code><\/td><td class="fail">/, 'the typed expectation fails');

        const page = webviewHtml(html);
        assert.match(page, /<head>\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/);

        const two = asReport(await conn.sendRequest(executeCommand,
            { command: REPORT_COMMAND, arguments: [sampleUri, 'classic,cow-pte'] }));
        assert.deepEqual(two?.policies, ['classic', 'cow-pte']);
        assert.doesNotMatch(two!.html, /data-policy="odf"/);
        await assert.rejects(conn.sendRequest(executeCommand, { command: REPORT_COMMAND, arguments: [sampleUri, 'lazy'] }),
            /no fork policy 'lazy'/);
    });

    test('shutdown and exit end the server process with status 0', async () => {
        const exited = new Promise<number | null>(resolve => proc.on('exit', code => resolve(code)));
        await conn.sendRequest(shutdown);
        await conn.sendNotification(exitNotification);
        const code = await exited;
        assert.equal(code, 0, `server stderr:\n${stderr}`);
    });
});

describe('the starter snippets, expanded with their defaults, run and pass', { timeout: 180_000 }, async () => {
    const why = await skipReason();
    if (why) {
        if (required()) {
            test('the server jar and Java 17 are there (COWPTE_REQUIRE_SERVER=1)', () => assert.fail(why));
        } else {
            test(`SKIPPED: ${why}`, { skip: why }, () => undefined);
        }
        return;
    }
    const java = await findJavaHere(undefined);
    assert.ok(java.ok);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cowpte-snippets-'));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    for (const s of snippets().filter(x => x.prefix.startsWith('starter-'))) {
        test(`${s.prefix}: cowpte run exits 0`, () => {
            const file = path.join(dir, `${s.prefix}.cowpte`);
            fs.writeFileSync(file, s.text);
            const r = spawnSync(java.javaPath, ['-jar', jar, 'run', file], { encoding: 'utf8' });
            assert.equal(r.status, 0, `${r.stdout}${r.stderr}\n${s.text}`);
            assert.match(r.stdout, /passed/i, r.stdout);
        });
    }
});
