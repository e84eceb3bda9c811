/** The debugger's launch defaults and command line, and the Test Explorer's reading of a run. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { adapterCommand, INITIAL_CONFIGURATION, resolveLaunchConfig } from '../../src/debugConfig';
import { expectLines, runDetails, verdict } from '../../src/testResults';

const active = { path: '/w/a.cowpte', dirty: false, text: 'process p\n' };

test('the adapter runs as java [jvm args] -jar <jar> dap', () => {
    assert.deepEqual(adapterCommand('/usr/bin/java', '/ext/server/cowpte.jar', ['-Xmx256m', ' ']),
        { command: '/usr/bin/java', args: ['-Xmx256m', '-jar', '/ext/server/cowpte.jar', 'dap'] });
});

test('F5 without launch.json debugs the active scenario under the default policy', () => {
    assert.deepEqual(resolveLaunchConfig({ stopOnEntry: true }, active, 'cow-pte'), {
        type: 'cowpte', request: 'launch', name: 'Debug scenario', program: '/w/a.cowpte', policy: 'cow-pte',
        stopOnEntry: true,
    });
    assert.match(String(resolveLaunchConfig({}, undefined, 'classic')), /Open a \.cowpte scenario/);
});

test('unsaved changes go to the adapter as source; a saved file is read by the adapter', () => {
    const dirty = { ...active, dirty: true, text: 'process q\n' };
    const c = resolveLaunchConfig({ ...INITIAL_CONFIGURATION }, dirty, 'classic');
    assert.equal(typeof c === 'string' ? c : c.source, 'process q\n');
    const other = resolveLaunchConfig({ program: '/w/b.cowpte' }, dirty, 'classic');
    assert.equal(typeof other === 'string' ? other : other.source, undefined);
});

test('package.json contributes the debugger with the same initial configuration', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    const d = pkg.contributes.debuggers.find((x: { type: string }) => x.type === 'cowpte');
    assert.deepEqual(d.initialConfigurations, [INITIAL_CONFIGURATION]);
    assert.deepEqual(pkg.contributes.breakpoints, [{ language: 'cowpte' }]);
    assert.ok(pkg.activationEvents.includes('onDebugResolve:cowpte'));
});

test('the expect lines of a scenario are its tests', () => {
    assert.deepEqual(expectLines('process p\n  expect rss p == 0   # none\n# expect nothing\nexpect  memory == 0'), [
        { line: 1, label: 'expect rss p == 0' },
        { line: 3, label: 'expect memory == 0' },
    ]);
});

test('a run summary gives each expectation its verdict, a failure its expected and actual values', () => {
    const d = runDetails({
        uri: 'file:///w/a.cowpte', passed: 1, failed: 1, errors: 1,
        expectations: [
            { line: 12, text: 'expect rss child == 0', passed: false, expected: '== 0 pages', actual: '512 pages',
                message: 'rss child: expected == 0 pages, actual 512 pages' },
            { line: 14, text: 'expect shared parent child buf[0]', passed: true, expected: 'x', actual: 'y' },
        ],
        problems: [{ line: 16, message: 'no process named q' }],
    });
    assert.deepEqual(verdict(12, d), {
        kind: 'failed', message: 'expectation failed: rss child: expected == 0 pages, actual 512 pages',
        expected: '== 0 pages', actual: '512 pages',
    });
    assert.deepEqual(verdict(14, d), { kind: 'passed' });
    assert.deepEqual(verdict(16, d), { kind: 'errored', message: 'no process named q' });
    assert.deepEqual(verdict(20, d), { kind: 'skipped' });
    assert.deepEqual(runDetails('nonsense'), { expectations: [], problems: [] });
});
