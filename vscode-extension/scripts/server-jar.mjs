#!/usr/bin/env node
// The language server jar for the extension.
//
//   node scripts/server-jar.mjs --ensure   build ../server/target/cowpte.jar with Maven when it is
//                                          missing or older than a source (as ../cowpte does)
//   node scripts/server-jar.mjs --copy     copy it into the extension as server/cowpte.jar
//   --soft                                 a jar that can not be built is a warning, not an error
//                                          (the server test then skips and says why)
//
// COWPTE_JAR=/path/to/cowpte.jar uses that jar instead and never builds.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const extensionRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(extensionRoot, '..');
const args = new Set(process.argv.slice(2));
const soft = args.has('--soft');
const explicitJar = process.env.COWPTE_JAR?.trim();
const jar = explicitJar ? path.resolve(explicitJar) : path.join(repoRoot, 'server', 'target', 'cowpte.jar');
const bundled = path.join(extensionRoot, 'server', 'cowpte.jar');

function fail(message) {
    if (soft) {
        console.warn(`server-jar: WARNING: ${message}`);
        return;
    }
    console.error(`server-jar: ${message}`);
    process.exit(1);
}

/** The first source file newer than the jar, as the ../cowpte launcher checks it. */
function newerSource(jarMtime) {
    const roots = ['pom.xml', 'grammar', 'simulator', 'server'].map(r => path.join(repoRoot, r));
    const stack = [...roots];
    while (stack.length > 0) {
        const p = stack.pop();
        let st;
        try {
            st = fs.statSync(p);
        } catch {
            continue;
        }
        if (st.isDirectory()) {
            for (const name of fs.readdirSync(p)) {
                if (name === 'target' || name.startsWith('.')) {
                    continue;
                }
                stack.push(path.join(p, name));
            }
        } else if (st.mtimeMs > jarMtime) {
            return p;
        }
    }
    return undefined;
}

function ensure() {
    if (explicitJar) {
        if (!fs.existsSync(jar)) {
            return fail(`COWPTE_JAR is ${jar}, which does not exist`);
        }
        return;
    }
    let why;
    if (!fs.existsSync(jar)) {
        why = 'is missing';
    } else {
        const newer = newerSource(fs.statSync(jar).mtimeMs);
        if (newer) {
            why = `is older than ${path.relative(repoRoot, newer)}`;
        }
    }
    if (!why) {
        return;
    }
    if (!fs.existsSync(path.join(repoRoot, 'server', 'pom.xml'))) {
        return fail(`${jar} ${why}, and ${repoRoot} is not the cowpte repository to build it in`);
    }
    const mvn = process.platform === 'win32' ? 'mvn.cmd' : 'mvn';
    console.error(`server-jar: ${path.relative(repoRoot, jar)} ${why}; building it: mvn -q -DskipTests -pl server -am package`);
    const r = spawnSync(mvn, ['-q', '-B', '-DskipTests', '-pl', 'server', '-am', 'package'],
        { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
    if (r.error) {
        return fail(`could not run Maven (${r.error.message}); install Maven 3.8+ and a JDK 17, or build the server jar yourself`);
    }
    if (r.status !== 0) {
        return fail(`the Maven build of the server failed (exit ${r.status}); see above`);
    }
    if (!fs.existsSync(jar)) {
        return fail(`Maven succeeded but ${jar} is still missing`);
    }
}

function copy() {
    if (!fs.existsSync(jar)) {
        fs.rmSync(bundled, { force: true });
        return fail(`${jar} does not exist, so there is no server jar to bundle`);
    }
    fs.mkdirSync(path.dirname(bundled), { recursive: true });
    fs.copyFileSync(jar, bundled);
    console.error(`server-jar: bundled ${jar} as ${path.relative(extensionRoot, bundled)}`);
}

if (!args.has('--ensure') && !args.has('--copy')) {
    console.error('usage: node scripts/server-jar.mjs [--ensure] [--copy] [--soft]');
    process.exit(2);
}
if (args.has('--ensure')) {
    ensure();
}
if (args.has('--copy')) {
    copy();
}
