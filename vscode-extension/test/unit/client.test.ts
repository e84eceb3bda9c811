/** The server's command line, the settings it is handed, the restart rule and the status bar text. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { RestartPolicy } from '../../src/restartPolicy';
import { asRunSummary, statusView, SummaryStore } from '../../src/runSummary';
import { DEFAULT_SETTINGS, serverCommand, serverJarPath, serverSettings } from '../../src/serverCommand';

test('the server runs as java [jvm args] -jar <jar> lsp', () => {
    assert.deepEqual(serverCommand('/usr/bin/java', '/ext/server/cowpte.jar'),
        { command: '/usr/bin/java', args: ['-jar', '/ext/server/cowpte.jar', 'lsp'] });
    assert.deepEqual(serverCommand('/usr/bin/java', '/j.jar', ['-Xmx2g', ' ', '-XX:+UseSerialGC ']).args,
        ['-Xmx2g', '-XX:+UseSerialGC', '-jar', '/j.jar', 'lsp']);
});

test('the bundled jar unless cowpte.server.jar names another', () => {
    assert.equal(serverJarPath('/ext', ''), path.join('/ext', 'server', 'cowpte.jar'));
    assert.equal(serverJarPath('/ext', undefined), path.join('/ext', 'server', 'cowpte.jar'));
    assert.equal(serverJarPath('/ext', '/repo/server/target/cowpte.jar'), '/repo/server/target/cowpte.jar');
});

test('settings: what is set, defaults for the rest', () => {
    const set: Record<string, unknown> = { defaultPolicy: 'cow-pte', runTrigger: 'onSave' };
    const s = serverSettings(<T>(k: string) => set[k] as T | undefined);
    assert.deepEqual(s, { defaultPolicy: 'cow-pte', runTrigger: 'onSave', debounceMs: 250, stepBudget: 10_000_000 });
    assert.deepEqual(serverSettings(() => undefined), DEFAULT_SETTINGS);
});

test('the server is restarted 4 times within 3 minutes, then left stopped with a message', () => {
    const p = new RestartPolicy(4, 180_000);
    for (let i = 1; i <= 4; i++) {
        const d = p.onCrash(i * 1000);
        assert.equal(d.restart, true);
        assert.match(d.message, new RegExp(`restarting it \\(${i} of 4 restarts`));
    }
    const last = p.onCrash(5000);
    assert.equal(last.restart, false);
    assert.match(last.message, /stopped 5 times in 3 minutes and will not be restarted/);
    assert.match(last.message, /cowpte: Restart Language Server/);
});

test('crashes far apart are restarted every time; a user restart forgets crashes', () => {
    const p = new RestartPolicy(2, 60_000);
    assert.equal(p.onCrash(0).restart, true);
    assert.equal(p.onCrash(61_000).restart, true);
    assert.equal(p.onCrash(122_000).restart, true);
    assert.equal(p.onCrash(122_001).restart, true);
    assert.equal(p.onCrash(122_002).restart, false);
    p.reset();
    assert.equal(p.onCrash(122_003).restart, true);
});

test('status bar: passed, failed and errors for the active file', () => {
    const ok = statusView({ uri: 'file:///a.cowpte', version: 3, passed: 12, failed: 0, errors: 0, durationMs: 41 });
    assert.equal(ok.text, '$(pass) 12 passed');
    assert.equal(ok.severity, 'ok');
    assert.match(ok.tooltip, /12 expectations held, 0 failed, 0 errors/);

    const bad = statusView({ uri: 'file:///f.cowpte', version: 1, passed: 1, failed: 2, errors: 0, durationMs: 5 });
    assert.equal(bad.text, '$(error) 2 failed, 1 passed');
    assert.equal(bad.severity, 'error');

    const err = statusView({ uri: 'file:///e.cowpte', version: 1, passed: 0, failed: 0, errors: 1, durationMs: 5 });
    assert.equal(err.text, '$(error) 0 passed, 1 error');
});

test('a late summary of an older version does not replace a newer one', () => {
    const store = new SummaryStore();
    const s = (version: number, failed: number) => asRunSummary({ uri: 'file:///a.cowpte', version, passed: 1, failed, errors: 0, durationMs: 1 })!;
    assert.equal(store.put(s(5, 0)), true);
    assert.equal(store.put(s(4, 3)), false);
    assert.equal(store.get('file:///a.cowpte')!.failed, 0);
    assert.equal(store.put(s(6, 1)), true);
    assert.equal(store.get('file:///a.cowpte')!.failed, 1);
    assert.equal(asRunSummary({ version: 1 }), undefined);
});
