/**
 * Every sample and grammar example of the repository, tokenized with the extension's grammar as
 * VS Code does: each character that is not blank gets a scope of its own (keyword, name,
 * number, operator, comment…), none of them falls to the word-level fallback for lines that do
 * not fit a statement, and none is marked invalid. New samples are picked up by themselves.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, tokenize } from '../support/tokenize';

function scenarios(): string[] {
    const dirs = [path.join(REPO_ROOT, 'samples'), path.join(REPO_ROOT, 'grammar', 'examples')];
    return dirs.flatMap(d => fs.readdirSync(d).filter(f => f.endsWith('.cowpte')).sort().map(f => path.join(d, f)));
}

test('the repository has samples and grammar examples to check', () => {
    const files = scenarios();
    assert.ok(files.length >= 15, `expected the samples and grammar examples, found ${files.length}`);
});

for (const file of scenarios()) {
    const name = path.relative(REPO_ROOT, file);
    test(`every token of ${name} has a statement-level scope`, async () => {
        const tokens = await tokenize(fs.readFileSync(file, 'utf8'));
        const problems: string[] = [];
        for (const t of tokens) {
            if (t.text.trim() === '') {
                continue;
            }
            const inner = t.scopes.filter(s => s !== 'source.cowpte' && !s.startsWith('meta.statement.'));
            const bad = t.scopes.find(s => s.startsWith('meta.fallback') || s.startsWith('invalid'));
            if (inner.length === 0 || bad) {
                problems.push(`${name}:${t.line}: ${JSON.stringify(t.text)} has ${t.scopes.join(' ')}`);
            }
        }
        assert.deepEqual(problems, []);
    });
}
