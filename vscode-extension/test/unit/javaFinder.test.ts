/** The Java finder against fake file systems and fake `java -version` results. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findJava, JavaProbe, parseJavaVersion } from '../../src/javaFinder';

const JAVA_17 = 'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)\n';
const JAVA_21 = 'openjdk version "21.0.2" 2024-01-16\n';
const JAVA_11 = 'openjdk version "11.0.22" 2024-01-16\nOpenJDK Runtime Environment (build 11.0.22+7)\n';
const JAVA_8 = 'java version "1.8.0_292"\nJava(TM) SE Runtime Environment (build 1.8.0_292-b10)\n';

/** A machine with these files (java executables and their -version output) and directories. */
function fakeMachine(javas: Record<string, string>, dirs: string[] = []): JavaProbe & { ran: string[] } {
    const ran: string[] = [];
    return {
        ran,
        async kind(p) {
            if (p in javas) {
                return 'file';
            }
            return dirs.includes(p) ? 'dir' : undefined;
        },
        async version(exe) {
            ran.push(exe);
            const out = javas[exe];
            return out === undefined ? { stdout: '', stderr: '', error: 'spawn ENOENT' } : { stdout: '', stderr: out };
        },
    };
}

test('java -version output gives the feature release', () => {
    assert.equal(parseJavaVersion(JAVA_17), 17);
    assert.equal(parseJavaVersion(JAVA_11), 11);
    assert.equal(parseJavaVersion(JAVA_8), 8);
    assert.equal(parseJavaVersion('openjdk version "21" 2023-09-19'), 21);
    assert.equal(parseJavaVersion('Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "22-ea" 2024-03-19'), 22);
    assert.equal(parseJavaVersion('no version here'), undefined);
});

test('JAVA_HOME with Java 17 is chosen', async () => {
    const m = fakeMachine({ '/opt/jdk17/bin/java': JAVA_17, '/usr/bin/java': JAVA_11 }, ['/opt/jdk17']);
    const r = await findJava({ env: { JAVA_HOME: '/opt/jdk17', PATH: '/usr/bin:/bin' }, platform: 'linux' }, m);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.javaPath, '/opt/jdk17/bin/java');
    assert.equal(r.version, 17);
    assert.equal(r.source, 'JAVA_HOME');
});

test('only Java 11 on PATH: a clear error that names it and says what to do', async () => {
    const m = fakeMachine({ '/usr/bin/java': JAVA_11 });
    const r = await findJava({ env: { PATH: '/usr/local/bin:/usr/bin:/bin' }, platform: 'linux' }, m);
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.match(r.message, /needs Java 17 or newer/);
    assert.match(r.message, /\/usr\/bin\/java \(PATH\) is Java 11/);
    assert.match(r.message, /cowpte\.java\.home/);
});

test('no Java at all: says that JAVA_HOME is unset and PATH has none', async () => {
    const r = await findJava({ env: { PATH: '/usr/bin:/bin' }, platform: 'linux' }, fakeMachine({}));
    assert.ok(!r.ok);
    assert.match(r.message, /no Java was found: JAVA_HOME is not set and there is no java on PATH/);
});

test('JAVA_HOME with Java 11 and Java 21 on PATH: PATH\'s Java 21 is taken', async () => {
    const m = fakeMachine({ '/opt/jdk11/bin/java': JAVA_11, '/usr/lib/jvm/21/bin/java': JAVA_21 });
    const r = await findJava({ env: { JAVA_HOME: '/opt/jdk11', PATH: '/usr/lib/jvm/21/bin' }, platform: 'linux' }, m);
    assert.ok(r.ok);
    assert.equal(r.javaPath, '/usr/lib/jvm/21/bin/java');
    assert.equal(r.source, 'PATH');
    assert.deepEqual(r.tried.map(c => c.problem), ['is Java 11', undefined]);
});

test('the setting overrides JAVA_HOME and PATH: a home directory', async () => {
    const m = fakeMachine({ '/opt/jdk21/bin/java': JAVA_21, '/opt/jdk17/bin/java': JAVA_17 }, ['/opt/jdk21', '/opt/jdk17']);
    const r = await findJava({ configured: '/opt/jdk21', env: { JAVA_HOME: '/opt/jdk17', PATH: '/opt/jdk17/bin' }, platform: 'linux' }, m);
    assert.ok(r.ok);
    assert.equal(r.javaPath, '/opt/jdk21/bin/java');
    assert.equal(r.source, 'setting');
    assert.deepEqual(m.ran, ['/opt/jdk21/bin/java']);
});

test('the setting may name the java executable itself, and ~ is the home directory', async () => {
    const m = fakeMachine({ '/home/u/jdk/bin/java': JAVA_17 });
    const r = await findJava({ configured: '~/jdk/bin/java', env: {}, platform: 'linux', homeDir: '/home/u' }, m);
    assert.ok(r.ok);
    assert.equal(r.javaPath, '/home/u/jdk/bin/java');
});

test('a setting with an old Java is an error, not a silent fall back to PATH', async () => {
    const m = fakeMachine({ '/opt/jdk11/bin/java': JAVA_11, '/usr/bin/java': JAVA_17 }, ['/opt/jdk11']);
    const r = await findJava({ configured: '/opt/jdk11', env: { PATH: '/usr/bin' }, platform: 'linux' }, m);
    assert.ok(!r.ok);
    assert.match(r.message, /cowpte\.java\.home is set to "\/opt\/jdk11", but \/opt\/jdk11\/bin\/java is Java 11/);
    assert.deepEqual(m.ran, ['/opt/jdk11/bin/java']);
});

test('a setting that points nowhere says so', async () => {
    const r = await findJava({ configured: '/nope', env: { PATH: '/usr/bin' }, platform: 'linux' }, fakeMachine({ '/usr/bin/java': JAVA_17 }));
    assert.ok(!r.ok);
    assert.match(r.message, /cowpte\.java\.home is set to "\/nope", but there is no such file or directory/);
});

test('a java that cannot run is skipped with its reason', async () => {
    const m: JavaProbe = {
        kind: async p => (p === '/usr/bin/java' || p === '/bin/java' ? 'file' : undefined),
        version: async exe => (exe === '/usr/bin/java'
            ? { stdout: '', stderr: '', error: 'EACCES' }
            : { stdout: '', stderr: JAVA_17 }),
    };
    const r = await findJava({ env: { PATH: '/usr/bin:/bin' }, platform: 'linux' }, m);
    assert.ok(r.ok);
    assert.equal(r.javaPath, '/bin/java');
    assert.equal(r.tried[0].problem, 'could not be run (EACCES)');
});

test('Windows: java.exe, PATH split on ;', async () => {
    const m = fakeMachine({ 'C:\\jdk17\\bin\\java.exe': JAVA_17 });
    const r = await findJava({ env: { Path: 'C:\\Windows;C:\\jdk17\\bin' }, platform: 'win32' }, m);
    assert.ok(r.ok);
    assert.equal(r.javaPath, 'C:\\jdk17\\bin\\java.exe');
});
