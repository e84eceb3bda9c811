/** cowpte: Check Against This Kernel: the command's contribution, the answer of cowpte.kernel and its text. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { asKernelSummary, KERNEL_COMMAND, kernelCheckText, kernelMessage } from '../../src/kernelCheck';

const EXTENSION_ROOT = path.join(__dirname, '..', '..', '..');

const ANSWER = {
    uri: 'file:///w/small.cowpte',
    version: 3,
    exitCode: 1,
    summary: 'the kernel DISAGREES: 3 values compared, 1 disagreeing, 0 not comparable; 1 expectation held on both (0.05 s)',
    kernel: 'Linux 6.18.44 x86-64, 4 levels, THP madvise, CONFIG_PT_RECLAIM=y',
    refused: [],
    notes: ['this kernel has CONFIG_PT_RECLAIM: the simulation runs with machine pt-reclaim on'],
    rows: [
        { line: 3, range: {}, statement: 'touch p buf', kind: 'COUNTER', counter: 'rss p', kernel: '2 MiB',
            simulated: '2 MiB', verdict: 'agree', outcome: '', note: '' },
        { line: 3, range: {}, statement: 'touch p buf', kind: 'COUNTER', counter: 'pagetables p', kernel: '8 KiB',
            simulated: '4 KiB', verdict: 'DISAGREE', outcome: '', note: '' },
        { line: 4, range: {}, statement: 'expect rss p == 2M', kind: 'EXPECTATION', counter: 'rss p', kernel: '2 MiB',
            simulated: '2 MiB', verdict: 'agree', outcome: 'held on both', note: '' },
    ],
};

test('the palette offers cowpte: Check Against This Kernel for scenarios', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'package.json'), 'utf8'));
    const cmd = pkg.contributes.commands.find((c: { command: string }) => c.command === 'cowpte.checkKernel');
    assert.equal(cmd?.title, 'Check Against This Kernel');
    assert.equal(cmd?.category, 'cowpte');
    const palette = pkg.contributes.menus.commandPalette.find((m: { command: string }) => m.command === 'cowpte.checkKernel');
    assert.equal(palette?.when, 'editorLangId == cowpte');
    const source = fs.readFileSync(path.join(EXTENSION_ROOT, 'src', 'extension.ts'), 'utf8');
    assert.match(source, /registerCommand\('cowpte\.checkKernel'/);
    assert.equal(KERNEL_COMMAND, 'cowpte.kernel');
});

test('the answer of cowpte.kernel is read field by field; anything else is not one', () => {
    const s = asKernelSummary(ANSWER);
    assert.ok(s);
    assert.equal(s.version, 3);
    assert.equal(s.rows.length, 3);
    assert.equal(s.rows[1].verdict, 'DISAGREE');
    assert.equal(asKernelSummary({ uri: 'x', version: 1 }), undefined);
    assert.equal(asKernelSummary('a string'), undefined);
    assert.equal(asKernelSummary(null), undefined);
});

test('a disagreement or a refusal is a warning; agreement an information', () => {
    const s = asKernelSummary(ANSWER)!;
    assert.deepEqual(kernelMessage(s), { text: `cowpte: ${ANSWER.summary}`, severity: 'warning' });
    assert.equal(kernelMessage({ ...s, exitCode: 0 }).severity, 'info');
    assert.equal(kernelMessage({ ...s, exitCode: 0, refused: ['the kernel oracle needs Linux'] }).severity, 'warning');
});

test('the output lists the kernel, the notes, one row per value and the summary', () => {
    const text = kernelCheckText('small.cowpte', asKernelSummary(ANSWER)!);
    const lines = text.trimEnd().split('\n');
    assert.equal(lines[0], 'small.cowpte (version 3) on Linux 6.18.44 x86-64, 4 levels, THP madvise, CONFIG_PT_RECLAIM=y');
    assert.match(lines[1], /note: this kernel has CONFIG_PT_RECLAIM/);
    assert.match(text, /^4 +expect rss p == 2M +rss p +2 MiB +2 MiB +agree, held on both$/m);
    assert.match(text, /^3 +touch p buf +pagetables p +8 KiB +4 KiB +DISAGREE$/m);
    assert.equal(lines[lines.length - 1], ANSWER.summary);
});
