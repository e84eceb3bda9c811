/**
 * The `cowpte` debugger in VS Code: F5 on a scenario without a launch.json debugs it, and the
 * debug adapter is `java -jar <the same cowpte.jar> dap`, started like the language server.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { classDataSharing } from './classDataSharing';
import { adapterCommand, CowpteLaunchConfig, DEBUG_TYPE, INITIAL_CONFIGURATION, resolveLaunchConfig } from './debugConfig';
import { findJavaHere } from './javaFinder';
import { serverJarPath } from './serverCommand';

export function registerDebugger(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
        vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new ConfigurationProvider()),
        vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, {
            provideDebugConfigurations: () => [{ ...INITIAL_CONFIGURATION }],
        }, vscode.DebugConfigurationProviderTriggerKind.Initial),
        vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, new AdapterFactory(context)),
        vscode.commands.registerCommand('cowpte.debugScenario', async (uri?: vscode.Uri) => {
            const target = uri ?? vscode.window.activeTextEditor?.document.uri;
            if (!target) {
                void vscode.window.showWarningMessage('Open a .cowpte scenario to debug it.');
                return;
            }
            await vscode.debug.startDebugging(vscode.workspace.getWorkspaceFolder(target), {
                type: DEBUG_TYPE, request: 'launch', name: 'Debug scenario', program: target.fsPath, stopOnEntry: true,
            });
        }),
    );
}

class ConfigurationProvider implements vscode.DebugConfigurationProvider {
    resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration):
        vscode.ProviderResult<vscode.DebugConfiguration> {
        const doc = vscode.window.activeTextEditor?.document;
        const active = doc && doc.languageId === 'cowpte' && doc.uri.scheme === 'file'
            ? { path: doc.uri.fsPath, dirty: doc.isDirty, text: doc.getText() } : undefined;
        const empty = !config.type && !config.request && !config.name;
        const given = (empty ? { stopOnEntry: true } : config) as Partial<CowpteLaunchConfig>;
        const policy = vscode.workspace.getConfiguration('cowpte').get<string>('defaultPolicy') ?? 'classic';
        const resolved = resolveLaunchConfig(given, active, policy);
        if (typeof resolved === 'string') {
            void vscode.window.showErrorMessage(resolved);
            return undefined;
        }
        return resolved;
    }
}

class AdapterFactory implements vscode.DebugAdapterDescriptorFactory {
    constructor(private readonly context: vscode.ExtensionContext) {
    }

    async createDebugAdapterDescriptor(): Promise<vscode.DebugAdapterDescriptor> {
        const c = vscode.workspace.getConfiguration('cowpte');
        const java = await findJavaHere(c.get<string>('java.home'));
        if (!java.ok) {
            throw new Error(java.message);
        }
        const jar = serverJarPath(this.context.extensionPath, c.get<string>('server.jar'));
        if (!fs.existsSync(jar)) {
            throw new Error(`The cowpte jar ${jar} does not exist; set cowpte.server.jar to a built server/target/cowpte.jar.`);
        }
        const userArgs = c.get<string[]>('java.args') ?? [];
        // the language server's class-data sharing archive, when it has one: most classes are the same
        const sharing = classDataSharing(java.javaPath, jar, 'dap', userArgs);
        const cmd = adapterCommand(java.javaPath, jar, [...sharing.jvmArgs, ...userArgs]);
        return new vscode.DebugAdapterExecutable(cmd.command, cmd.args);
    }
}
