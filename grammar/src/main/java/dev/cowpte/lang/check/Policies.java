package dev.cowpte.lang.check;

import java.util.List;

/**
 * The fork policy names a scenario may use. The front end does not know them: its caller passes
 * them in (the server passes the simulator's registry), so the language never keeps a copy.
 */
public final class Policies {
    private final List<String> names;

    private Policies(List<String> names) {
        this.names = List.copyOf(names);
    }

    /** The known names, in the order messages list them. */
    public static Policies of(List<String> names) {
        return new Policies(names);
    }

    public List<String> names() {
        return names;
    }

    public boolean isKnown(String name) {
        return names.contains(name);
    }
}
