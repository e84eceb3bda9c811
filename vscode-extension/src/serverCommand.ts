/**
 * How the extension starts the cowpte language server, and the settings it hands over: shared by
 * the extension and by the Node test that speaks to the real server, so both start it the same
 * way. No VS Code API here.
 */
import * as path from 'node:path';

/** The bundled jar, relative to the extension's root (the packaging script puts it there). */
export const BUNDLED_JAR = path.join('server', 'cowpte.jar');

export interface ServerCommand {
    command: string;
    args: string[];
}

/** `java [jvmArgs…] -jar <jar> lsp`: the server speaks LSP on stdin/stdout. */
export function serverCommand(javaPath: string, jarPath: string, jvmArgs: readonly string[] = []): ServerCommand {
    const args = jvmArgs.map(a => a.trim()).filter(a => a !== '');
    return { command: javaPath, args: [...args, '-jar', jarPath, 'lsp'] };
}

/** The jar to run: the `cowpte.server.jar` setting when set, else the one in the extension. */
export function serverJarPath(extensionRoot: string, configuredJar: string | undefined): string {
    const c = (configuredJar ?? '').trim();
    if (c !== '') {
        return path.resolve(extensionRoot, c);
    }
    return path.join(extensionRoot, BUNDLED_JAR);
}

/** The `cowpte` settings the server reads (initializationOptions, didChangeConfiguration). */
export interface ServerSettings {
    defaultPolicy: string;
    runTrigger: 'onChange' | 'onSave' | 'never';
    debounceMs: number;
    stepBudget: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
    defaultPolicy: 'classic',
    runTrigger: 'onChange',
    debounceMs: 250,
    stepBudget: 10_000_000,
};

export const POLICIES = ['classic', 'cow-pte', 'cow-pte-rfc', 'odf'] as const;

/** The server's settings from a getter of `cowpte.*` values (VS Code's configuration in the extension). */
export function serverSettings(get: <T>(key: keyof ServerSettings) => T | undefined): ServerSettings {
    return {
        defaultPolicy: get<string>('defaultPolicy') ?? DEFAULT_SETTINGS.defaultPolicy,
        runTrigger: get<ServerSettings['runTrigger']>('runTrigger') ?? DEFAULT_SETTINGS.runTrigger,
        debounceMs: get<number>('debounceMs') ?? DEFAULT_SETTINGS.debounceMs,
        stepBudget: get<number>('stepBudget') ?? DEFAULT_SETTINGS.stepBudget,
    };
}
