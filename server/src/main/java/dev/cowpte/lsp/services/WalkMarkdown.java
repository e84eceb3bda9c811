package dev.cowpte.lsp.services;

import dev.cowpte.mm.PageWalk;
import dev.cowpte.words.KernelWords;

/**
 * A page walk as Markdown: the lines of {@link dev.cowpte.words.WalkLines}, the wording {@code show}
 * prints too, as a list under the address.
 */
final class WalkMarkdown {
    private WalkMarkdown() {
    }

    static String render(String written, PageWalk w) {
        StringBuilder sb = new StringBuilder();
        sb.append("**").append(w.comm()).append(' ').append(written).append("** `").append(KernelWords.hex(w.address()))
                .append("` ").append(dev.cowpte.words.WalkLines.where(w)).append("\n\n");
        for (String line : dev.cowpte.words.WalkLines.lines(w)) {
            sb.append("- ").append(line).append('\n');
        }
        return sb.toString();
    }
}
