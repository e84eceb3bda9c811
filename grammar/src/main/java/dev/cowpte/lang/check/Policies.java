package dev.cowpte.lang.check;

import java.util.List;

/** The fork policies the simulator knows, by the names scenarios use. Add new policies here. */
public final class Policies {
    private Policies() {
    }

    /** The policy every scenario starts with. */
    public static final String DEFAULT = "classic";

    public static final List<String> NAMES = List.of("classic", "cow-pte", "cow-pte-rfc", "odf");

    public static boolean isKnown(String name) {
        return NAMES.contains(name);
    }
}
