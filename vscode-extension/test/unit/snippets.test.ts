/** Snippets expand to lines that the grammar scopes as whole statements (no fallback, nothing invalid). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expand, snippets } from '../support/snippets';
import { tokenize } from '../support/tokenize';

test('expansion takes the defaults, the first choice and drops tab stops', () => {
    assert.equal(expand('fork ${1:parent} -> ${2:child} policy ${3|classic,cow-pte|}$0'), 'fork parent -> child policy classic');
    assert.equal(expand('scenario "${1:fork of ${2:1G}}"'), 'scenario "fork of 1G"');
});

test('every snippet has a unique prefix and a body', () => {
    const all = snippets();
    assert.ok(all.length >= 30);
    assert.equal(new Set(all.map(s => s.prefix)).size, all.length);
    assert.ok(all.filter(s => s.prefix.startsWith('starter-')).length >= 3);
});

for (const s of snippets()) {
    test(`snippet "${s.name}" is scoped as whole statements`, async () => {
        const tokens = await tokenize(s.text);
        const bad = tokens.filter(t => t.text.trim() !== '' && t.scopes.some(x => x.startsWith('meta.fallback') || x.startsWith('invalid')));
        assert.deepEqual(bad.map(t => `${t.line}: ${t.text} ${t.scopes.join(' ')}`), [], s.text);
    });
}
