/**
 * The cowpte debugger's launch configurations and how the debug adapter starts: no VS Code API
 * here, so the defaults and the command line are tested in Node.
 */
export const DEBUG_TYPE = 'cowpte';

/** A `cowpte` launch configuration, as launch.json and the adapter's `launch` request carry it. */
export interface CowpteLaunchConfig {
    type: string;
    request: string;
    name: string;
    /** The scenario file. */
    program?: string;
    /** The scenario's text when the editor holds unsaved changes; the adapter then ignores the file's. */
    source?: string;
    policy?: string;
    stopOnEntry?: boolean;
    stepBudget?: number;
    noDebug?: boolean;
    [key: string]: unknown;
}

/** `java [jvmArgs…] -jar <jar> dap`: the adapter speaks DAP on stdin/stdout. */
export function adapterCommand(javaPath: string, jarPath: string, jvmArgs: readonly string[] = []): { command: string; args: string[] } {
    const args = jvmArgs.map(a => a.trim()).filter(a => a !== '');
    return { command: javaPath, args: [...args, '-jar', jarPath, 'dap'] };
}

/** The open scenario, as the editor knows it. */
export interface ActiveScenario {
    path: string;
    dirty: boolean;
    text: string;
}

/**
 * Fills what F5 without a launch.json leaves out: debug the active scenario under the default
 * policy. Answers a message instead when there is nothing to debug.
 */
export function resolveLaunchConfig(given: Partial<CowpteLaunchConfig>, active: ActiveScenario | undefined,
                                    defaultPolicy: string): CowpteLaunchConfig | string {
    const c: CowpteLaunchConfig = {
        ...given,
        type: given.type || DEBUG_TYPE,
        request: given.request || 'launch',
        name: given.name || 'Debug scenario',
    };
    if (!c.program || c.program === '${file}') {
        if (!active) {
            return 'Open a .cowpte scenario to debug it, or set "program" in the launch configuration.';
        }
        c.program = active.path;
    }
    if (c.policy === undefined) {
        c.policy = defaultPolicy; // the adapter checks the name against the policies it knows
    }
    if (c.source === undefined && active && active.path === c.program && active.dirty) {
        c.source = active.text;
    }
    return c;
}

/** The configuration launch.json starts with (package.json's initialConfigurations say the same). */
export const INITIAL_CONFIGURATION: CowpteLaunchConfig = {
    type: DEBUG_TYPE,
    request: 'launch',
    name: 'Debug scenario',
    program: '${file}',
    policy: 'classic',
    stopOnEntry: true,
};
