/**
 * Finds the Java that runs the cowpte language server: the `cowpte.java.home` setting if it is
 * set (and only it), else JAVA_HOME, else every `java` on PATH, taking the first that is Java 17
 * or newer. The file system and `java -version` come in through {@link JavaProbe}, so the logic
 * is tested with fakes; {@link nodeJavaProbe} is the real one. No VS Code API here: the Node
 * test of the real server uses this module too.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const MIN_JAVA_VERSION = 17;

/** What the finder needs from the machine. */
export interface JavaProbe {
    /** 'file', 'dir' or undefined when nothing is there. */
    kind(p: string): Promise<'file' | 'dir' | undefined>;
    /** Runs `java -version`; the version goes to stderr (some JVMs use stdout). */
    version(javaExe: string): Promise<{ stdout: string; stderr: string; error?: string }>;
}

export interface JavaSearch {
    /** `cowpte.java.home`: a Java home directory or a java executable; empty means "search". */
    configured?: string;
    env: Record<string, string | undefined>;
    platform: NodeJS.Platform;
    /** For `~` in the setting. */
    homeDir?: string;
}

export type JavaSource = 'setting' | 'JAVA_HOME' | 'PATH';

export interface JavaCandidate {
    javaPath: string;
    source: JavaSource;
    /** The feature release (8, 11, 17, 21, ...) or undefined when it could not be read. */
    version?: number;
    /** Why this candidate was not taken. */
    problem?: string;
}

export type JavaResult =
    | { ok: true; javaPath: string; version: number; source: JavaSource; tried: JavaCandidate[] }
    | { ok: false; message: string; tried: JavaCandidate[] };

/**
 * The feature release in `java -version` output: `openjdk version "17.0.15"` → 17,
 * `java version "1.8.0_292"` → 8, `openjdk version "21" 2023-09-19` → 21.
 */
export function parseJavaVersion(output: string): number | undefined {
    const m = /version\s+"(\d+)(?:\.(\d+))?[^"]*"/.exec(output);
    if (!m) {
        return undefined;
    }
    const major = Number(m[1]);
    if (major === 1 && m[2] !== undefined) {
        return Number(m[2]);
    }
    return major;
}

export async function findJava(search: JavaSearch, probe: JavaProbe): Promise<JavaResult> {
    const exe = search.platform === 'win32' ? 'java.exe' : 'java';
    const p = search.platform === 'win32' ? path.win32 : path.posix;
    const tried: JavaCandidate[] = [];

    const configured = (search.configured ?? '').trim();
    if (configured !== '') {
        const expanded = expandHome(configured, search.homeDir, p);
        const kind = await probe.kind(expanded);
        if (kind === undefined) {
            const message = `cowpte.java.home is set to "${configured}", but there is no such file or directory. `
                + `Set it to a Java ${MIN_JAVA_VERSION}+ home directory or java executable, or clear it to use JAVA_HOME or PATH.`;
            tried.push({ javaPath: expanded, source: 'setting', problem: 'does not exist' });
            return { ok: false, message, tried };
        }
        const javaPath = kind === 'dir' ? p.join(expanded, 'bin', exe) : expanded;
        const c = await check(javaPath, 'setting', probe);
        tried.push(c);
        if (c.problem === undefined) {
            return { ok: true, javaPath, version: c.version!, source: 'setting', tried };
        }
        return {
            ok: false, tried,
            message: `cowpte.java.home is set to "${configured}", but ${javaPath} ${c.problem}. `
                + `The cowpte language server needs Java ${MIN_JAVA_VERSION} or newer; `
                + `change cowpte.java.home, or clear it to use JAVA_HOME or PATH.`,
        };
    }

    const candidates: { javaPath: string; source: JavaSource }[] = [];
    const javaHome = search.env.JAVA_HOME?.trim();
    if (javaHome) {
        candidates.push({ javaPath: p.join(javaHome, 'bin', exe), source: 'JAVA_HOME' });
    }
    const pathVar = search.env.PATH ?? search.env.Path ?? '';
    const sep = search.platform === 'win32' ? ';' : ':';
    for (const dir of pathVar.split(sep)) {
        if (dir.trim() !== '') {
            candidates.push({ javaPath: p.join(dir.trim(), exe), source: 'PATH' });
        }
    }

    const seen = new Set<string>();
    for (const cand of candidates) {
        if (seen.has(cand.javaPath)) {
            continue;
        }
        seen.add(cand.javaPath);
        if ((await probe.kind(cand.javaPath)) !== 'file') {
            if (cand.source === 'JAVA_HOME') {
                tried.push({ ...cand, problem: 'does not exist' });
            }
            continue;
        }
        const c = await check(cand.javaPath, cand.source, probe);
        tried.push(c);
        if (c.problem === undefined) {
            return { ok: true, javaPath: c.javaPath, version: c.version!, source: c.source, tried };
        }
    }
    return { ok: false, tried, message: notFoundMessage(tried, javaHome) };
}

async function check(javaPath: string, source: JavaSource, probe: JavaProbe): Promise<JavaCandidate> {
    const out = await probe.version(javaPath);
    const version = parseJavaVersion(`${out.stderr}\n${out.stdout}`);
    if (version === undefined) {
        const why = out.error ? `could not be run (${out.error})` : 'did not say its version';
        return { javaPath, source, problem: why };
    }
    if (version < MIN_JAVA_VERSION) {
        return { javaPath, source, version, problem: `is Java ${version}` };
    }
    return { javaPath, source, version };
}

function notFoundMessage(tried: JavaCandidate[], javaHome: string | undefined): string {
    const head = `The cowpte language server needs Java ${MIN_JAVA_VERSION} or newer`;
    const tail = `Install a JDK ${MIN_JAVA_VERSION}+ (Debian: apt-get install openjdk-17-jre-headless) `
        + `or set cowpte.java.home to one.`;
    if (tried.length === 0) {
        return `${head}, and no Java was found: ${javaHome ? '' : 'JAVA_HOME is not set and '}`
            + `there is no java on PATH. ${tail}`;
    }
    const found = tried.map(c => `${c.javaPath} (${c.source}) ${c.problem}`).join('; ');
    return `${head}. Found: ${found}. ${tail}`;
}

function expandHome(p: string, home: string | undefined, paths: path.PlatformPath): string {
    if (home && (p === '~' || p.startsWith('~/') || p.startsWith('~\\'))) {
        return paths.join(home, p.slice(1));
    }
    return p;
}

/** The real machine: fs.stat and `java -version` with a time limit. */
export function nodeJavaProbe(timeoutMs = 15000): JavaProbe {
    return {
        async kind(p) {
            try {
                const st = await fs.promises.stat(p);
                return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
            } catch {
                return undefined;
            }
        },
        version(javaExe) {
            return new Promise(resolve => {
                execFile(javaExe, ['-version'], { timeout: timeoutMs, windowsHide: true }, (err, stdout, stderr) => {
                    resolve({ stdout: String(stdout ?? ''), stderr: String(stderr ?? ''), error: err ? err.message : undefined });
                });
            });
        },
    };
}

/** findJava on this machine. */
export function findJavaHere(configured: string | undefined): Promise<JavaResult> {
    return findJava({ configured, env: process.env, platform: process.platform, homeDir: os.homedir() }, nodeJavaProbe());
}
