/** The extension's snippets, expanded as a user who accepts every default would get them. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXTENSION_ROOT } from './tokenize';

export interface Snippet {
    name: string;
    prefix: string;
    text: string;
}

/** `${1:default}` → default (nested too), `${1|a,b|}` → a, `$0` / `$1` → nothing. */
export function expand(body: string): string {
    let s = body;
    for (let guard = 0; guard < 10; guard++) {
        const next = s
            .replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1')
            .replace(/\$\{\d+:([^${}]*)\}/g, '$1');
        if (next === s) {
            break;
        }
        s = next;
    }
    return s.replace(/\$\{\d+\}|\$\d+/g, '').replace(/\t/g, '  ');
}

export function snippets(): Snippet[] {
    const file = path.join(EXTENSION_ROOT, 'snippets', 'cowpte.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { prefix: string; body: string[] }>;
    return Object.entries(json).map(([name, s]) => ({ name, prefix: s.prefix, text: expand(s.body.join('\n')) }));
}
