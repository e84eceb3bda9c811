/** Tokenizes .cowpte text with the extension's TextMate grammar, as VS Code does (vscode-textmate + Oniguruma). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

export const EXTENSION_ROOT = path.resolve(__dirname, '..', '..', '..');
export const REPO_ROOT = path.resolve(EXTENSION_ROOT, '..');

export interface Token {
    line: number;
    text: string;
    scopes: string[];
}

let registry: vsctm.Registry | undefined;

async function grammar(): Promise<vsctm.IGrammar> {
    if (!registry) {
        const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
        await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
        registry = new vsctm.Registry({
            onigLib: Promise.resolve({
                createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
                createOnigString: (s: string) => new oniguruma.OnigString(s),
            }),
            loadGrammar: async (scopeName: string) => {
                if (scopeName !== 'source.cowpte') {
                    return null;
                }
                const file = path.join(EXTENSION_ROOT, 'syntaxes', 'cowpte.tmLanguage.json');
                return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
            },
        });
    }
    const g = await registry.loadGrammar('source.cowpte');
    if (!g) {
        throw new Error('the cowpte grammar did not load');
    }
    return g;
}

export async function tokenize(text: string): Promise<Token[]> {
    const g = await grammar();
    const out: Token[] = [];
    let stack = vsctm.INITIAL;
    text.split(/\r?\n/).forEach((line, i) => {
        const r = g.tokenizeLine(line, stack);
        for (const t of r.tokens) {
            out.push({ line: i + 1, text: line.substring(t.startIndex, t.endIndex), scopes: t.scopes });
        }
        stack = r.ruleStack;
    });
    return out;
}
