/**
 * The .vsix that `npm run package` wrote (`npm run test:package` packages first): what VS Code
 * or Open VSX installs from it. Every file the manifest points to is inside, with the grammar,
 * the snippets, the compiled extension, the bundled server jar, the licence, the README and the
 * changelog; the sources and the tests are not.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { EXTENSION_ROOT, REPO_ROOT } from '../support/tokenize';
import { zipEntries } from '../support/zip';

interface Manifest {
    name: string;
    version: string;
    publisher: string;
    license: string;
    main: string;
    contributes: {
        grammars: { path: string }[];
        snippets: { path: string }[];
        languages: { configuration: string }[];
    };
}

const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'package.json'), 'utf8')) as Manifest;
const vsix = path.join(EXTENSION_ROOT, `${manifest.name}-${manifest.version}.vsix`);

function packaged(): Map<string, () => Buffer> {
    assert.ok(fs.existsSync(vsix), `${vsix} is missing: npm run package writes it`);
    return new Map(zipEntries(vsix).map(e => [e.name, e.read]));
}

/** `./out/src/extension.js` → `extension/out/src/extension.js`, as vsce lays the files out. */
function inside(relative: string): string {
    return 'extension/' + path.posix.normalize(relative).replace(/^\.\//, '');
}

test('the vsix holds every file its package.json points to', () => {
    const files = packaged();
    const wanted = [
        manifest.main,
        ...manifest.contributes.grammars.map(g => g.path),
        ...manifest.contributes.snippets.map(s => s.path),
        ...manifest.contributes.languages.map(l => l.configuration),
    ];
    assert.ok(wanted.includes('./out/src/extension.js') && wanted.includes('./syntaxes/cowpte.tmLanguage.json')
        && wanted.includes('./snippets/cowpte.json'), wanted.join(' '));
    for (const f of ['package.json', ...wanted]) {
        assert.ok(files.has(inside(f)), `${inside(f)} is not in ${path.basename(vsix)}`);
    }
    assert.ok(files.has('extension.vsixmanifest'));
});

test('the packaged grammar, snippets and package.json are the ones in the repository', () => {
    const files = packaged();
    for (const f of ['package.json', 'syntaxes/cowpte.tmLanguage.json', 'snippets/cowpte.json']) {
        assert.deepEqual(JSON.parse(files.get(inside(f))!().toString('utf8')),
            JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, f), 'utf8')), f);
    }
    const compiled = files.get(inside(manifest.main))!().toString('utf8');
    assert.match(compiled, /cowpte/);
    assert.ok(files.has('extension/node_modules/vscode-languageclient/package.json'), 'the runtime dependency');
});

test('the vsix bundles the server jar, so the extension needs only Java 17', () => {
    const files = packaged();
    const jar = files.get('extension/server/cowpte.jar');
    assert.ok(jar, 'extension/server/cowpte.jar is not in the vsix');
    const bytes = jar();
    assert.equal(bytes.readUInt32LE(0), 0x04034b50, 'the bundled server is a jar');
    assert.ok(bytes.length > 100_000, `the bundled jar has ${bytes.length} bytes`);
});

test('the vsix carries the licence, the README and the changelog that Open VSX shows', () => {
    const files = packaged();
    const licence = [...files.keys()].find(n => /^extension\/LICENSE(\.txt|\.md)?$/i.test(n));
    assert.ok(licence, 'no LICENSE in the vsix');
    assert.equal(files.get(licence)!().toString('utf8'), fs.readFileSync(path.join(REPO_ROOT, 'LICENSE'), 'utf8'));
    assert.equal(manifest.license, fs.readFileSync(path.join(REPO_ROOT, 'LICENSE'), 'utf8').split('\n')[0].split(' ')[0]);
    // vsce writes them as readme.md and changelog.md
    const names = [...files.keys()].map(n => n.toLowerCase());
    assert.ok(names.includes('extension/readme.md'), 'no README.md');
    assert.ok(names.includes('extension/changelog.md'), 'no CHANGELOG.md');
    assert.match(manifest.publisher, /^[a-z0-9][a-z0-9-]*$/, 'Open VSX needs a publisher (namespace)');
});

test('the vsix leaves out the sources, the tests and the development files', () => {
    const stray = [...packaged().keys()].filter(n => /^extension\/(src|test|scripts|out\/test)\//.test(n)
        || /^extension\/[^/]+\.ts$/.test(n) || n.endsWith('.map') || n === 'extension/pom.xml'
        || n === 'extension/tsconfig.json');
    assert.deepEqual(stray, []);
});
