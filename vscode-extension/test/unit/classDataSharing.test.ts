import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { cacheFolder, classDataSharing, QUIET } from '../../src/classDataSharing';

/** A JDK and a jar made of plain files, and an empty cache folder. */
function setUp(): { java: string; jar: string; env: NodeJS.ProcessEnv; cache: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cowpte-cds-'));
    fs.mkdirSync(path.join(dir, 'jdk', 'bin'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'jdk', 'lib'));
    fs.writeFileSync(path.join(dir, 'jdk', 'bin', 'java'), '');
    fs.writeFileSync(path.join(dir, 'jdk', 'lib', 'modules'), 'modules');
    fs.writeFileSync(path.join(dir, 'cowpte.jar'), 'jar');
    const cache = path.join(dir, 'cache');
    return { java: path.join(dir, 'jdk', 'bin', 'java'), jar: path.join(dir, 'cowpte.jar'), env: { COWPTE_CACHE: cache }, cache };
}

function option(args: string[], name: string): string | undefined {
    return args.find(a => a.startsWith(`-XX:${name}=`))?.slice(`-XX:${name}=`.length);
}

test('the first start writes an archive as it exits; the next ones, and the debug adapter, map it', () => {
    const { java, jar, env, cache } = setUp();
    assert.deepEqual(classDataSharing(java, jar, 'dap', [], env).jvmArgs, [], 'no archive yet: the adapter starts plainly');
    const first = classDataSharing(java, jar, 'lsp', ['-Xmx256m'], env);
    const written = option(first.jvmArgs, 'ArchiveClassesAtExit');
    assert.ok(written && path.dirname(written) === cache, first.jvmArgs.join(' '));
    assert.deepEqual(first.jvmArgs.slice(0, QUIET.length), QUIET);
    fs.writeFileSync(written, Buffer.alloc(4096, 1)); // what the JVM writes as it exits
    first.exited();
    const archives = fs.readdirSync(cache);
    assert.equal(archives.length, 1, archives.join(' '));
    assert.match(archives[0], /-4096\.jsa$/);
    const next = classDataSharing(java, jar, 'lsp', [], env);
    assert.equal(option(next.jvmArgs, 'SharedArchiveFile'), path.join(cache, archives[0]));
    assert.equal(option(classDataSharing(java, jar, 'dap', [], env).jvmArgs, 'SharedArchiveFile'),
        path.join(cache, archives[0]));
});

test('an archive of another size than its name says is not used; a first start that wrote nothing leaves nothing', () => {
    const { java, jar, env, cache } = setUp();
    const first = classDataSharing(java, jar, 'lsp', [], env);
    fs.writeFileSync(option(first.jvmArgs, 'ArchiveClassesAtExit')!, Buffer.alloc(100));
    first.exited();
    const [archive] = fs.readdirSync(cache);
    fs.truncateSync(path.join(cache, archive), 50);
    const again = classDataSharing(java, jar, 'lsp', [], env);
    assert.equal(option(again.jvmArgs, 'SharedArchiveFile'), undefined);
    assert.ok(option(again.jvmArgs, 'ArchiveClassesAtExit'));
    again.exited(); // the JVM wrote nothing (it was killed)
    assert.deepEqual(fs.readdirSync(cache), [archive]);
});

test('a rebuilt jar gets its own archive, which replaces the old one', () => {
    const { java, jar, env, cache } = setUp();
    const first = classDataSharing(java, jar, 'lsp', [], env);
    fs.writeFileSync(option(first.jvmArgs, 'ArchiveClassesAtExit')!, Buffer.alloc(100));
    first.exited();
    fs.writeFileSync(jar, 'a rebuilt jar');
    const rebuilt = classDataSharing(java, jar, 'lsp', [], env);
    assert.equal(option(rebuilt.jvmArgs, 'SharedArchiveFile'), undefined);
    fs.writeFileSync(option(rebuilt.jvmArgs, 'ArchiveClassesAtExit')!, Buffer.alloc(200));
    rebuilt.exited();
    const archives = fs.readdirSync(cache);
    assert.equal(archives.length, 1, archives.join(' '));
    assert.match(archives[0], /-200\.jsa$/);
});

test('COWPTE_CDS=0 and JVM arguments that choose sharing themselves turn it off', () => {
    const { java, jar, env } = setUp();
    assert.deepEqual(classDataSharing(java, jar, 'lsp', [], { ...env, COWPTE_CDS: '0' }).jvmArgs, []);
    assert.deepEqual(classDataSharing(java, jar, 'lsp', ['-Xshare:off'], env).jvmArgs, []);
    assert.deepEqual(classDataSharing(java, jar, 'lsp', ['-XX:SharedArchiveFile=/x.jsa'], env).jvmArgs, []);
    assert.deepEqual(classDataSharing(path.join(path.dirname(java), 'nothing'), jar, 'lsp', [], env).jvmArgs, [],
        'no such java: no sharing, and no error');
});

test('the cache folder is the launcher\'s: COWPTE_CACHE, else XDG_CACHE_HOME/cowpte, else ~/.cache/cowpte', () => {
    assert.equal(cacheFolder({ COWPTE_CACHE: '/c', XDG_CACHE_HOME: '/x' }, '/home/u'), '/c');
    assert.equal(cacheFolder({ COWPTE_CACHE: ' ', XDG_CACHE_HOME: '/x' }, '/home/u'), path.join('/x', 'cowpte'));
    assert.equal(cacheFolder({}, '/home/u'), path.join('/home/u', '.cache', 'cowpte'));
});
