/**
 * The real language server started twice as the extension starts it, with class-data sharing in
 * a fresh cache folder: the first start writes the archive as it exits after shutdown and exit,
 * the second maps it and answers as the first did. Skipped like server.test.ts without a jar or
 * Java 17 (a failure under Maven, COWPTE_REQUIRE_SERVER=1).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
    createMessageConnection,
    NotificationType0,
    RequestType,
    RequestType0,
    StreamMessageReader,
    StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import { classDataSharing } from '../../src/classDataSharing';
import { findJavaHere } from '../../src/javaFinder';
import { DEFAULT_SETTINGS, serverCommand, serverJarPath } from '../../src/serverCommand';
import { EXTENSION_ROOT, REPO_ROOT } from '../support/tokenize';

const initialize = new RequestType<unknown, { capabilities: Record<string, unknown> }, unknown>('initialize');
const shutdown = new RequestType0<null, unknown>('shutdown');
const exitNotification = new NotificationType0('exit');
const jar = serverJarPath(EXTENSION_ROOT, process.env.COWPTE_JAR);

/** One start: initialize, shutdown, exit; the capabilities, the exit code and what went to stderr. */
async function startOnce(javaPath: string, env: NodeJS.ProcessEnv, jvmArgs: string[]):
    Promise<{ capabilities: Record<string, unknown>; code: number | null; stderr: string }> {
    const sharing = classDataSharing(javaPath, jar, 'lsp', [], env);
    jvmArgs.push(...sharing.jvmArgs);
    const cmd = serverCommand(javaPath, jar, sharing.jvmArgs);
    const proc = spawn(cmd.command, cmd.args, { cwd: REPO_ROOT, stdio: 'pipe' });
    let stderr = '';
    proc.stderr.on('data', d => (stderr += String(d)));
    const exited = new Promise<number | null>(resolve => proc.on('exit', code => {
        sharing.exited();
        resolve(code);
    }));
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    conn.onNotification(() => undefined);
    conn.onRequest(() => null);
    conn.listen();
    const result = await conn.sendRequest(initialize, {
        processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: DEFAULT_SETTINGS,
    });
    await conn.sendRequest(shutdown);
    await conn.sendNotification(exitNotification);
    const code = await exited;
    conn.dispose();
    return { capabilities: result.capabilities, code, stderr };
}

// A guard against a server that never answers, not a timing assertion.
describe('class-data sharing of the language server, as the extension starts it', { timeout: 180_000 }, async () => {
    const java = await findJavaHere(undefined);
    const why = !fs.existsSync(jar) ? `no server jar at ${jar}` : java.ok ? undefined : java.message;
    if (why || !java.ok) {
        if (process.env.COWPTE_REQUIRE_SERVER === '1') {
            test('the server jar and Java 17 are there (COWPTE_REQUIRE_SERVER=1)', () => assert.fail(why));
        } else {
            test(`SKIPPED: ${why}`, { skip: why }, () => undefined);
        }
        return;
    }

    test('the first start writes the archive as it exits; the second maps it and answers alike', async () => {
        const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'cowpte-cds-server-'));
        const env = { COWPTE_CACHE: cache };
        const firstArgs: string[] = [];
        const first = await startOnce(java.javaPath, env, firstArgs);
        assert.equal(first.code, 0, first.stderr);
        assert.ok(firstArgs.some(a => a.startsWith('-XX:ArchiveClassesAtExit=')), firstArgs.join(' '));
        const archives = fs.readdirSync(cache);
        assert.equal(archives.length, 1, `the cache holds ${archives.join(' ')}`);
        assert.match(archives[0], /\.jsa$/);

        const secondArgs: string[] = [];
        const second = await startOnce(java.javaPath, env, secondArgs);
        assert.equal(second.code, 0, second.stderr);
        assert.deepEqual(secondArgs.filter(a => a.startsWith('-XX:SharedArchiveFile=')),
            [`-XX:SharedArchiveFile=${path.join(cache, archives[0])}`]);
        assert.deepEqual(second.capabilities, first.capabilities);
        assert.doesNotMatch(second.stderr, /cds|shared archive/i, 'the JVM says nothing about the archive');
        fs.rmSync(cache, { recursive: true, force: true });
    });
});
