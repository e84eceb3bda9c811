package dev.cowpte.lsp.services;

import dev.cowpte.lang.check.KernelProfile;
import java.util.Optional;

/** The hover of a {@code machine kernel VERSION} line: the profile's behaviours, each with the release that brought it. */
final class ProfileMarkdown {
    private ProfileMarkdown() {
    }

    static Optional<String> render(String version) {
        return KernelProfile.named(version).map(p -> {
            StringBuilder md = new StringBuilder("**machine kernel ").append(p.version())
                    .append("** — the simulation follows Linux ").append(p.version()).append("'s rules where versions differ\n\n")
                    .append("| behaviour | Linux ").append(p.version()).append(" | since | commit |\n|---|---|---|---|\n");
            for (KernelProfile.Behaviour b : KernelProfile.Behaviour.values()) {
                md.append("| ").append(b.what()).append(" | ").append(p.has(b) ? "yes" : "no").append(" | ")
                        .append(b.since()).append(" | ").append(b.commit()).append(" |\n");
            }
            return md.toString();
        });
    }
}
