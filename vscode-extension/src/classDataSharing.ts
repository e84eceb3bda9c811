/**
 * Class-data sharing for the JVMs the extension starts, as the `cowpte` launcher does it: the
 * first start of the language server writes the classes it loaded into an archive in cowpte's
 * cache folder as the JVM exits (`-XX:ArchiveClassesAtExit`), and later starts map that archive
 * (`-XX:SharedArchiveFile`) instead of loading, parsing and verifying the classes again, which
 * takes about half the JVM's start. The archive is named for the jar (its path, size and
 * modification time), the JDK and the command, so a new jar or another JDK gets its own; its name
 * ends in its size, and a file of another size is never used (the JVM checks an archive's header
 * and checksums, not that the file is whole). An archive the JVM can not use is ignored
 * (`-Xshare:auto`) and its words about it are silenced. `COWPTE_CDS=0`, or JVM arguments that
 * choose class-data sharing themselves, turn this off. The debug adapter maps the language
 * server's archive: most of the classes it loads are the same. No VS Code API here.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The arguments for the JVM, and what to do once it has exited. */
export interface ClassDataSharing {
    jvmArgs: string[];
    /** Call when the JVM has exited: a first start's archive is then put in its place. */
    exited(): void;
}

const OFF: ClassDataSharing = { jvmArgs: [], exited: () => undefined };

/** The JVM's words about an archive it can not use are not the user's concern. */
export const QUIET = ['-Xshare:auto', '-XX:+VerifySharedSpaces', '-Xlog:cds=off', '-Xlog:cds+dynamic=off',
    '-Xlog:class+path=off'];

/** cowpte's cache folder: COWPTE_CACHE, else $XDG_CACHE_HOME/cowpte, else ~/.cache/cowpte (the launcher's). */
export function cacheFolder(env: NodeJS.ProcessEnv, home: string = os.homedir()): string {
    const given = (env.COWPTE_CACHE ?? '').trim();
    if (given !== '') {
        return given;
    }
    const xdg = (env.XDG_CACHE_HOME ?? '').trim();
    return path.join(xdg !== '' ? xdg : path.join(home, '.cache'), 'cowpte');
}

/** Whether JVM arguments already say how to share classes (the user's choice wins). */
export function choosesSharing(jvmArgs: readonly string[]): boolean {
    return jvmArgs.some(a => /Xshare|SharedArchiveFile|ArchiveClassesAtExit|AOTCache/.test(a));
}

function hash(text: string): string {
    return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

function stamp(file: string): string {
    const s = fs.statSync(file);
    return `${s.size} ${Math.floor(s.mtimeMs)}`;
}

/**
 * The class-data sharing of `java … -jar jarPath command`: the archive to map when a whole one
 * exists; for the language server's first start, the archive to write.
 */
export function classDataSharing(javaPath: string, jarPath: string, command: 'lsp' | 'dap',
                                 userJvmArgs: readonly string[], env: NodeJS.ProcessEnv = process.env,
                                 home: string = os.homedir()): ClassDataSharing {
    if ((env.COWPTE_CDS ?? '').trim() === '0' || choosesSharing(userJvmArgs)) {
        return OFF;
    }
    try {
        const java = fs.realpathSync(javaPath);
        const javaHome = path.dirname(path.dirname(java));
        const modules = path.join(javaHome, 'lib', 'modules');
        const jar = path.resolve(jarPath);
        const family = `vscode-cowpte-lsp-${hash(`${jar} ${javaHome}`)}-`;
        const name = `${family}${hash([jar, java, modules].map(f => (fs.existsSync(f) ? stamp(f) : '-')).join(' '))}-`;
        const folder = cacheFolder(env, home);
        fs.mkdirSync(folder, { recursive: true });
        for (const f of fs.readdirSync(folder)) {
            if (f.startsWith(name) && f.endsWith('.jsa')) {
                const size = Number(f.slice(name.length, -'.jsa'.length));
                const file = path.join(folder, f);
                if (Number.isInteger(size) && fs.statSync(file).size === size) {
                    return { jvmArgs: [...QUIET, `-XX:SharedArchiveFile=${file}`], exited: () => undefined };
                }
            }
        }
        if (command !== 'lsp') {
            return OFF;
        }
        const first = path.join(folder, `${name}${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
        return {
            jvmArgs: [...QUIET, `-XX:ArchiveClassesAtExit=${first}`],
            exited: () => putInPlace(folder, family, name, first),
        };
    } catch {
        // no cache folder, no such java: start without sharing
        return OFF;
    }
}

/** A first start's archive, once its JVM has exited: older archives of the jar and JDK go, it takes their place. */
function putInPlace(folder: string, family: string, name: string, first: string): void {
    try {
        const size = fs.existsSync(first) ? fs.statSync(first).size : 0;
        if (size > 0) {
            for (const f of fs.readdirSync(folder)) {
                if (f.startsWith(family) && f.endsWith('.jsa')) {
                    fs.rmSync(path.join(folder, f), { force: true });
                }
            }
            fs.renameSync(first, path.join(folder, `${name}${size}.jsa`));
        }
    } catch {
        // another start put its archive in place first
    } finally {
        fs.rmSync(first, { force: true });
    }
}
