/**
 * Scenarios and their expectations in the Test Explorer: a file is a test, each `expect` line a
 * test in it. Running asks the language server (`cowpte.run`) and reports each expectation with
 * its expected and actual values; the debug profile starts the cowpte debugger on the file.
 */
import * as vscode from 'vscode';
import { DEBUG_TYPE } from './debugConfig';
import { expectLines, runDetails, verdict } from './testResults';

/** Runs a scenario through the language server and answers what `cowpte.run` answers. */
export type ScenarioRunner = (uri: vscode.Uri) => Promise<unknown>;

export function registerTests(context: vscode.ExtensionContext, run: ScenarioRunner): vscode.TestController {
    const ctrl = vscode.tests.createTestController('cowpte', 'cowpte scenarios');
    context.subscriptions.push(ctrl);

    ctrl.resolveHandler = async item => {
        if (!item) {
            for (const uri of await vscode.workspace.findFiles('**/*.cowpte', '**/{node_modules,target,.git}/**')) {
                fileItem(ctrl, uri);
            }
            return;
        }
        await refreshChildren(ctrl, item);
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.cowpte');
    context.subscriptions.push(watcher,
        watcher.onDidCreate(uri => fileItem(ctrl, uri)),
        watcher.onDidDelete(uri => ctrl.items.delete(uri.toString())),
        watcher.onDidChange(uri => {
            const item = ctrl.items.get(uri.toString());
            if (item) {
                void refreshChildren(ctrl, item);
            }
        }));

    ctrl.createRunProfile('Run', vscode.TestRunProfileKind.Run, (request, token) => runTests(ctrl, run, request, token), true);
    ctrl.createRunProfile('Debug', vscode.TestRunProfileKind.Debug, async request => {
        for (const item of files(ctrl, request)) {
            await vscode.debug.startDebugging(vscode.workspace.getWorkspaceFolder(item.uri!), {
                type: DEBUG_TYPE, request: 'launch', name: `Debug ${item.label}`, program: item.uri!.fsPath,
            });
        }
    }, true);
    return ctrl;
}

function fileItem(ctrl: vscode.TestController, uri: vscode.Uri): vscode.TestItem {
    const existing = ctrl.items.get(uri.toString());
    if (existing) {
        return existing;
    }
    const item = ctrl.createTestItem(uri.toString(), vscode.workspace.asRelativePath(uri), uri);
    item.canResolveChildren = true;
    ctrl.items.add(item);
    return item;
}

async function refreshChildren(ctrl: vscode.TestController, item: vscode.TestItem): Promise<void> {
    if (!item.uri) {
        return;
    }
    const text = (await vscode.workspace.openTextDocument(item.uri)).getText();
    item.children.replace(expectLines(text).map(e => {
        const child = ctrl.createTestItem(`${item.id}#${e.line}`, e.label, item.uri);
        child.range = new vscode.Range(e.line, 0, e.line, e.label.length);
        return child;
    }));
}

/** The files a request names (a folder of files, a file, or an expectation's file), or all. */
function files(ctrl: vscode.TestController, request: vscode.TestRunRequest): vscode.TestItem[] {
    const out = new Map<string, vscode.TestItem>();
    const add = (i: vscode.TestItem) => {
        const file = i.parent ?? i;
        if (!request.exclude?.some(x => x.id === file.id)) {
            out.set(file.id, file);
        }
    };
    if (request.include) {
        request.include.forEach(add);
    } else {
        ctrl.items.forEach(add);
    }
    return [...out.values()];
}

async function runTests(ctrl: vscode.TestController, run: ScenarioRunner, request: vscode.TestRunRequest,
                        token: vscode.CancellationToken): Promise<void> {
    const testRun = ctrl.createTestRun(request);
    try {
        for (const file of files(ctrl, request)) {
            if (token.isCancellationRequested) {
                break;
            }
            await refreshChildren(ctrl, file);
            const wanted = request.include?.filter(i => i.parent === file);
            const children: vscode.TestItem[] = [];
            file.children.forEach(c => children.push(c));
            const items = wanted && wanted.length > 0 && !request.include?.includes(file) ? wanted : children;
            items.forEach(i => testRun.started(i));
            testRun.started(file);
            const started = Date.now();
            let answer: unknown;
            try {
                answer = await run(file.uri!);
            } catch (e) {
                const message = new vscode.TestMessage(`the run failed: ${e instanceof Error ? e.message : String(e)}`);
                testRun.errored(file, message);
                items.forEach(i => testRun.errored(i, message));
                continue;
            }
            const details = runDetails(answer);
            let bad = false;
            for (const item of items) {
                const line = Number(item.id.slice(item.id.lastIndexOf('#') + 1));
                const v = verdict(line, details);
                const at = new vscode.Location(file.uri!, new vscode.Position(line, 0));
                if (v.kind === 'passed') {
                    testRun.passed(item);
                } else if (v.kind === 'failed') {
                    bad = true;
                    const m = v.expected !== undefined && v.actual !== undefined
                        ? vscode.TestMessage.diff(v.message, v.expected, v.actual) : new vscode.TestMessage(v.message);
                    m.location = at;
                    testRun.failed(item, m);
                } else if (v.kind === 'errored') {
                    bad = true;
                    const m = new vscode.TestMessage(v.message);
                    m.location = at;
                    testRun.errored(item, m);
                } else {
                    testRun.skipped(item);
                }
            }
            for (const p of details.problems) {
                testRun.appendOutput(`${vscode.workspace.asRelativePath(file.uri!)}:${p.line + 1}: ${p.message}\r\n`);
            }
            if (details.problems.length > 0) {
                testRun.errored(file, new vscode.TestMessage(details.problems.map(p => `line ${p.line + 1}: ${p.message}`).join('\n')));
            } else if (bad) {
                testRun.failed(file, new vscode.TestMessage('an expectation failed'), Date.now() - started);
            } else {
                testRun.passed(file, Date.now() - started);
            }
        }
    } finally {
        testRun.end();
    }
}
