import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
    CloseAction,
    CloseHandlerResult,
    ErrorAction,
    ErrorHandler,
    ErrorHandlerResult,
    ExecuteCommandRequest,
    LanguageClient,
    LanguageClientOptions,
    RevealOutputChannelOn,
    ServerOptions,
    State,
} from 'vscode-languageclient/node';
import { classDataSharing } from './classDataSharing';
import { registerDebugger } from './debugger';
import { findJavaHere } from './javaFinder';
import { asKernelSummary, KERNEL_COMMAND, kernelCheckText, kernelMessage } from './kernelCheck';
import { asReport, messageHtml, REPORT_COMMAND, ReportRefresher, reportTitle, webviewHtml, WEBVIEW_OPTIONS } from './reportView';
import { RestartPolicy } from './restartPolicy';
import { asRunSummary, RUN_SUMMARY_METHOD, RunSummary, statusView, SummaryStore } from './runSummary';
import { POLICIES, serverCommand, serverJarPath, serverSettings, ServerSettings } from './serverCommand';
import { registerTests } from './testing';

const LANGUAGE_ID = 'cowpte';
/** Settings that only take effect when the server starts again. */
const RESTART_SETTINGS = ['cowpte.java.home', 'cowpte.java.args', 'cowpte.server.jar'];

let client: LanguageClient | undefined;
let context: vscode.ExtensionContext;
let serverOutput: vscode.OutputChannel;
let traceOutput: vscode.OutputChannel;
let compareOutput: vscode.OutputChannel | undefined;
let kernelOutput: vscode.OutputChannel | undefined;
let statusItem: vscode.StatusBarItem;
const summaries = new SummaryStore();
const restartPolicy = new RestartPolicy();
/** Open report panels by the URI of their scenario. */
const reportPanels = new Map<string, ReportPanel>();
const reportRefresher = new ReportRefresher(uri => refreshReport(uri));

export async function activate(ctx: vscode.ExtensionContext): Promise<void> {
    context = ctx;
    serverOutput = vscode.window.createOutputChannel('cowpte language server');
    traceOutput = vscode.window.createOutputChannel('cowpte language server trace');
    statusItem = vscode.window.createStatusBarItem('cowpte.status', vscode.StatusBarAlignment.Left, 100);
    statusItem.name = 'cowpte';
    statusItem.command = 'cowpte.runScenario';
    ctx.subscriptions.push(serverOutput, traceOutput, statusItem);

    ctx.subscriptions.push(
        vscode.commands.registerCommand('cowpte.runScenario', runScenario),
        vscode.commands.registerCommand('cowpte.comparePolicies', comparePolicies),
        vscode.commands.registerCommand('cowpte.showReport', showReport),
        vscode.commands.registerCommand('cowpte.checkKernel', checkKernel),
        vscode.commands.registerCommand('cowpte.restartServer', async () => {
            restartPolicy.reset();
            await restartServer();
        }),
        vscode.commands.registerCommand('cowpte.showServerOutput', () => serverOutput.show(true)),
        vscode.window.onDidChangeActiveTextEditor(() => updateStatus()),
        vscode.workspace.onDidCloseTextDocument(doc => summaries.delete(doc.uri.toString())),
        vscode.workspace.onDidChangeConfiguration(async e => {
            if (RESTART_SETTINGS.some(s => e.affectsConfiguration(s))) {
                const answer = await vscode.window.showInformationMessage(
                    'The cowpte language server uses the new Java or jar setting after a restart.', 'Restart Now');
                if (answer === 'Restart Now') {
                    restartPolicy.reset();
                    await restartServer();
                }
            }
        }),
    );
    ctx.subscriptions.push({ dispose: () => disposeReports() });
    registerDebugger(ctx);
    registerTests(ctx, runForTests);
    await startServer();
}

export async function deactivate(): Promise<void> {
    disposeReports();
    await stopServer();
}

function config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('cowpte');
}

function currentSettings(): ServerSettings {
    const c = config();
    return serverSettings(key => c.get(key));
}

async function startServer(): Promise<void> {
    setStatus('$(sync~spin) cowpte', 'Starting the cowpte language server…');
    const c = config();
    const java = await findJavaHere(c.get<string>('java.home'));
    if (!java.ok) {
        serverOutput.appendLine(java.message);
        setStatus('$(warning) cowpte: no Java 17', java.message, 'cowpte.showServerOutput');
        void vscode.window.showErrorMessage(java.message, 'Open Settings').then(choice => {
            if (choice === 'Open Settings') {
                void vscode.commands.executeCommand('workbench.action.openSettings', 'cowpte.java.home');
            }
        });
        return;
    }
    const jar = serverJarPath(context.extensionPath, c.get<string>('server.jar'));
    if (!fs.existsSync(jar)) {
        const message = `The cowpte server jar ${jar} does not exist. `
            + 'Reinstall the extension, or set cowpte.server.jar to a built server/target/cowpte.jar.';
        serverOutput.appendLine(message);
        setStatus('$(warning) cowpte: no server', message, 'cowpte.showServerOutput');
        void vscode.window.showErrorMessage(message);
        return;
    }
    const userArgs = c.get<string[]>('java.args') ?? [];
    const javaPath = java.javaPath;
    const javaWords = `(Java ${java.version} from ${java.source})`;

    // Started here rather than by the client, so that the class-data sharing archive its first
    // start writes as it exits is put in place then. `cowpte lsp` speaks LSP on stdio by itself.
    const serverOptions: ServerOptions = () => {
        const sharing = classDataSharing(javaPath, jar, 'lsp', userArgs);
        const cmd = serverCommand(javaPath, jar, [...sharing.jvmArgs, ...userArgs]);
        serverOutput.appendLine(`Starting: ${[cmd.command, ...cmd.args].join(' ')} ${javaWords}`);
        const folder = vscode.workspace.workspaceFolders?.find(f => f.uri.scheme === 'file');
        const server = spawn(cmd.command, cmd.args, { stdio: 'pipe', cwd: folder?.uri.fsPath });
        server.on('exit', () => sharing.exited());
        server.on('error', () => sharing.exited());
        return Promise.resolve(server);
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: LANGUAGE_ID }],
        initializationOptions: currentSettings(),
        synchronize: { configurationSection: 'cowpte' },
        outputChannel: serverOutput,
        traceOutputChannel: traceOutput,
        revealOutputChannelOn: RevealOutputChannelOn.Never,
        errorHandler: new CrashHandler(),
        middleware: {
            // The server's code lenses call cowpte.run, cowpte.compare and cowpte.kernel directly; show what they answer.
            executeCommand: async (command, args, next) => {
                const result = await next(command, args);
                if (command === 'cowpte.run') {
                    showRunResult(result);
                } else if (command === KERNEL_COMMAND) {
                    showKernelCheck(result);
                } else if (command === 'cowpte.compare' && typeof args[0] === 'string') {
                    const policies = Array.isArray(args[1]) ? args[1].map(String) : [...POLICIES];
                    showComparison(vscode.Uri.parse(args[0]), policies, result);
                }
                return result;
            },
        },
    };
    const lc = new LanguageClient('cowpte', 'cowpte language server', serverOptions, clientOptions);
    client = lc;
    lc.onDidChangeState(e => {
        if (e.newState === State.Running) {
            updateStatus();
        } else if (e.newState === State.Stopped && client === lc) {
            setStatus('$(circle-slash) cowpte', 'The cowpte language server is not running. Click to restart it.', 'cowpte.restartServer');
        }
    });
    lc.onNotification(RUN_SUMMARY_METHOD, (params: unknown) => {
        const s = asRunSummary(params);
        if (s && summaries.put(s)) {
            updateStatus();
        }
        if (s) {
            reportRefresher.runFinished(s.uri);
        }
    });
    try {
        await lc.start();
    } catch (e) {
        const message = `The cowpte language server did not start: ${e instanceof Error ? e.message : String(e)}`;
        serverOutput.appendLine(message);
        void vscode.window.showErrorMessage(message, 'Show Output').then(choice => {
            if (choice) {
                serverOutput.show(true);
            }
        });
    }
}

async function stopServer(): Promise<void> {
    const lc = client;
    client = undefined;
    summaries.clear();
    if (lc) {
        try {
            await lc.stop();
        } catch (e) {
            serverOutput.appendLine(`Stopping the server: ${e instanceof Error ? e.message : String(e)}`);
        }
    }
}

async function restartServer(): Promise<void> {
    await stopServer();
    await startServer();
}

/** Restarts the server a few times after crashes, then stops with a message. */
class CrashHandler implements ErrorHandler {
    error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
        // A few garbled messages are survivable; many mean the connection is broken.
        return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
    }

    closed(): CloseHandlerResult {
        const d = restartPolicy.onCrash(Date.now());
        if (d.restart) {
            serverOutput.appendLine(d.message);
            return { action: CloseAction.Restart, message: d.message, handled: true };
        }
        void vscode.window.showErrorMessage(d.message, 'Restart Now', 'Show Output').then(async choice => {
            if (choice === 'Restart Now') {
                restartPolicy.reset();
                await restartServer();
            } else if (choice === 'Show Output') {
                serverOutput.show(true);
            }
        });
        return { action: CloseAction.DoNotRestart, message: d.message, handled: true };
    }
}

function activeScenario(): vscode.TextDocument | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    return doc && doc.languageId === LANGUAGE_ID ? doc : undefined;
}

function runningClient(): LanguageClient | undefined {
    if (client && client.state === State.Running) {
        return client;
    }
    void vscode.window.showErrorMessage('The cowpte language server is not running.', 'Restart It', 'Show Output')
        .then(async choice => {
            if (choice === 'Restart It') {
                restartPolicy.reset();
                await restartServer();
            } else if (choice === 'Show Output') {
                serverOutput.show(true);
            }
        });
    return undefined;
}

async function runScenario(uri?: vscode.Uri): Promise<void> {
    await onScenario(uri, 'cowpte.run', 'run it', 'the run', showRunResult);
}

/**
 * Sends a workspace command of the server about a scenario (the one given, or the active
 * editor's) and hands its answer on; says so when there is no scenario or the command fails.
 */
async function onScenario(uri: vscode.Uri | undefined, command: string, toDo: string, what: string,
    show: (result: unknown) => void): Promise<void> {
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : activeScenario();
    if (!doc) {
        void vscode.window.showWarningMessage(`Open a .cowpte scenario to ${toDo}.`);
        return;
    }
    const lc = runningClient();
    if (!lc) {
        return;
    }
    try {
        show(await lc.sendRequest(ExecuteCommandRequest.type, { command, arguments: [doc.uri.toString()] }));
    } catch (e) {
        void vscode.window.showErrorMessage(`cowpte: ${what} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
}

/** Runs a scenario for the Test Explorer: opens it (so the server has it) and answers `cowpte.run`'s summary. */
async function runForTests(uri: vscode.Uri): Promise<unknown> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const lc = client;
    if (!lc || lc.state !== State.Running) {
        throw new Error('the cowpte language server is not running');
    }
    const result = await lc.sendRequest(ExecuteCommandRequest.type,
        { command: 'cowpte.run', arguments: [doc.uri.toString()] });
    showRunResult(result);
    return result;
}

async function comparePolicies(uri?: vscode.Uri): Promise<void> {
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : activeScenario();
    if (!doc) {
        void vscode.window.showWarningMessage('Open a .cowpte scenario to compare fork policies.');
        return;
    }
    const picked = await vscode.window.showQuickPick(
        POLICIES.map(p => ({ label: p, picked: true })),
        { canPickMany: true, title: 'Fork policies to compare', placeHolder: 'The scenario runs once under each' });
    if (!picked || picked.length === 0) {
        return;
    }
    const lc = runningClient();
    if (!lc) {
        return;
    }
    const policies = picked.map(p => p.label);
    try {
        const result = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Window, title: 'cowpte: comparing fork policies' },
            () => lc.sendRequest(ExecuteCommandRequest.type,
                { command: 'cowpte.compare', arguments: [doc.uri.toString(), policies] }));
        showComparison(doc.uri, policies, result);
    } catch (e) {
        void vscode.window.showErrorMessage(`cowpte: the comparison failed: ${e instanceof Error ? e.message : String(e)}`);
    }
}

function showRunResult(result: unknown): void {
    const s = asRunSummary(result);
    if (s) {
        summaries.put(s);
        updateStatus();
        vscode.window.setStatusBarMessage(`cowpte: ${statusView(s).text}`, 5000);
    }
}

/**
 * cowpte: Check Against This Kernel: the scenario on the running Linux kernel beside the
 * simulation. The server reports its progress (cancellable) and afterwards shows the kernel's
 * values in hovers and its disagreements as warnings; the rows go to the "cowpte kernel" output.
 */
async function checkKernel(uri?: vscode.Uri): Promise<void> {
    await onScenario(uri, KERNEL_COMMAND, 'check it against this kernel', 'the kernel check', showKernelCheck);
}

function showKernelCheck(result: unknown): void {
    const s = asKernelSummary(result);
    if (!s) {
        return;
    }
    if (!kernelOutput) {
        kernelOutput = vscode.window.createOutputChannel('cowpte kernel');
        context.subscriptions.push(kernelOutput);
    }
    kernelOutput.clear();
    kernelOutput.append(kernelCheckText(vscode.workspace.asRelativePath(vscode.Uri.parse(s.uri)), s));
    const m = kernelMessage(s);
    const show = m.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(m.text, 'Show Rows').then(choice => {
        if (choice) {
            kernelOutput?.show(true);
        }
    });
}

function showComparison(uri: vscode.Uri, policies: readonly string[], result: unknown): void {
    if (!compareOutput) {
        compareOutput = vscode.window.createOutputChannel('cowpte compare');
        context.subscriptions.push(compareOutput);
    }
    compareOutput.clear();
    compareOutput.appendLine(`${vscode.workspace.asRelativePath(uri)} under ${policies.join(', ')}`);
    compareOutput.appendLine('');
    compareOutput.append(typeof result === 'string' ? result : JSON.stringify(result, null, 2));
    compareOutput.show(true);
}

interface ReportPanel {
    panel: vscode.WebviewPanel;
    /** The version of the scenario the panel shows (-1 before the first report). */
    version: number;
    /** Cancels the request in flight, if any. */
    inFlight?: vscode.CancellationTokenSource;
}

/** cowpte: Show Page-Table Report: the report of the scenario in a webview beside its editor. */
async function showReport(uri?: vscode.Uri): Promise<void> {
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : activeScenario();
    if (!doc) {
        void vscode.window.showWarningMessage('Open a .cowpte scenario to see its page-table report.');
        return;
    }
    const key = doc.uri.toString();
    let r = reportPanels.get(key);
    if (r) {
        r.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
        const panel = vscode.window.createWebviewPanel('cowpte.report', reportTitle(key),
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { ...WEBVIEW_OPTIONS });
        panel.webview.html = messageHtml(reportTitle(key), 'Running the scenario under every fork policy…');
        r = { panel, version: -1 };
        reportPanels.set(key, r);
        panel.onDidDispose(() => {
            reportPanels.get(key)?.inFlight?.cancel();
            reportPanels.delete(key);
            reportRefresher.unwatch(key);
        });
    }
    reportRefresher.watch(key);
    await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'cowpte: making the page-table report' },
        () => reportRefresher.now(key));
}

/** Asks the server for the report of `uri` and shows it in its panel, if that is still open. */
async function refreshReport(uri: string): Promise<void> {
    const r = reportPanels.get(uri);
    const lc = client;
    if (!r) {
        return;
    }
    if (!lc || lc.state !== State.Running) {
        if (r.version < 0) {
            r.panel.webview.html = messageHtml(reportTitle(uri), 'The cowpte language server is not running.');
        }
        return;
    }
    const cancel = new vscode.CancellationTokenSource();
    r.inFlight = cancel;
    try {
        const answer = await lc.sendRequest(ExecuteCommandRequest.type,
            { command: REPORT_COMMAND, arguments: [uri] }, cancel.token);
        const report = asReport(answer);
        if (reportPanels.get(uri) !== r || cancel.token.isCancellationRequested) {
            return; // closed meanwhile
        }
        if (!report) {
            throw new Error(`the server answered no report: ${JSON.stringify(answer)?.slice(0, 200)}`);
        }
        if (report.version >= r.version) {
            r.version = report.version;
            r.panel.title = reportTitle(uri);
            r.panel.webview.html = webviewHtml(report.html);
        }
    } catch (e) {
        if (cancel.token.isCancellationRequested) {
            return;
        }
        const message = e instanceof Error ? e.message : String(e);
        serverOutput.appendLine(`cowpte.report of ${uri}: ${message}`);
        if (r.version < 0) {
            r.panel.webview.html = messageHtml(reportTitle(uri), `The report failed: ${message}`);
        } else {
            vscode.window.setStatusBarMessage('cowpte: the report was not refreshed (see the server output)', 5000);
        }
    } finally {
        if (r.inFlight === cancel) {
            r.inFlight = undefined;
        }
        cancel.dispose();
    }
}

function disposeReports(): void {
    reportRefresher.dispose();
    for (const r of [...reportPanels.values()]) {
        r.panel.dispose();
    }
    reportPanels.clear();
}

function setStatus(text: string, tooltip: string, command = 'cowpte.runScenario'): void {
    statusItem.text = text;
    statusItem.tooltip = tooltip;
    statusItem.command = command;
    statusItem.backgroundColor = undefined;
    statusItem.show();
}

function updateStatus(): void {
    const doc = activeScenario();
    if (!doc) {
        statusItem.hide();
        return;
    }
    if (!client || client.state !== State.Running) {
        return; // keeps the starting / stopped / no Java text
    }
    const s: RunSummary | undefined = summaries.get(doc.uri.toString());
    if (!s) {
        setStatus('$(beaker) cowpte', 'This scenario has not run yet. Click to run it.');
        return;
    }
    const v = statusView(s);
    setStatus(v.text, v.tooltip);
    statusItem.backgroundColor = v.severity === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
}
