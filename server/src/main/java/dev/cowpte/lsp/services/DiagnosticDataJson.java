package dev.cowpte.lsp.services;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.cowpte.lang.DiagnosticData;
import dev.cowpte.lang.SourceRange;
import java.util.ArrayList;
import java.util.List;

/**
 * A diagnostic's {@link DiagnosticData} in the LSP diagnostic's {@code data}: a JSON array of
 * objects, each with its {@code kind}. The client keeps it and sends it back with the code action
 * request, where LSP4J hands it over as a {@link JsonElement}; what is not ours reads as nothing.
 */
final class DiagnosticDataJson {
    private static final String MEANT = "meant";
    private static final String DECLARE_PROCESS = "declare-process";
    private static final String MAP_REGION = "map-region";
    private static final String EXPECT_SEGV = "expect-segv";
    private static final String READ_EVERY_PAGE = "read-every-page";

    private DiagnosticDataJson() {
    }

    /** The JSON for {@code data}; null when there is none, so that the diagnostic carries no {@code data}. */
    static JsonElement toJson(List<DiagnosticData> data) {
        if (data.isEmpty()) {
            return null;
        }
        JsonArray out = new JsonArray();
        for (DiagnosticData d : data) {
            JsonObject o = new JsonObject();
            if (d instanceof DiagnosticData.Meant m) {
                o.addProperty("kind", MEANT);
                o.addProperty("word", m.word());
                o.add("range", range(m.range()));
            } else if (d instanceof DiagnosticData.DeclareProcess p) {
                o.addProperty("kind", DECLARE_PROCESS);
                o.addProperty("process", p.process());
                o.add("before", range(p.before()));
            } else if (d instanceof DiagnosticData.MapRegion r) {
                o.addProperty("kind", MAP_REGION);
                o.addProperty("process", r.process());
                o.addProperty("region", r.region());
                o.add("before", range(r.before()));
            } else if (d instanceof DiagnosticData.ExpectSegv e) {
                o.addProperty("kind", EXPECT_SEGV);
                o.add("access", range(e.access()));
            } else if (d instanceof DiagnosticData.ReadEveryPage r) {
                o.addProperty("kind", READ_EVERY_PAGE);
                o.addProperty("statement", r.statement());
                o.add("range", range(r.range()));
            }
            out.add(o);
        }
        return out;
    }

    /**
     * The data of an LSP diagnostic's {@code data}: a {@link JsonElement} (as LSP4J reads it from a
     * client, and as {@link #toJson} wrote it) or its JSON text; empty for anything else.
     */
    static List<DiagnosticData> read(Object data) {
        JsonElement json;
        if (data instanceof JsonElement e) {
            json = e;
        } else if (data instanceof String text) {
            try {
                json = JsonParser.parseString(text);
            } catch (JsonParseException e) {
                return List.of();
            }
        } else {
            return List.of();
        }
        if (json == null || !json.isJsonArray()) {
            return List.of();
        }
        List<DiagnosticData> out = new ArrayList<>();
        for (JsonElement e : json.getAsJsonArray()) {
            try {
                DiagnosticData d = e.isJsonObject() ? one(e.getAsJsonObject()) : null;
                if (d != null) {
                    out.add(d);
                }
            } catch (RuntimeException malformed) {
                // not data this server wrote: no fix from it
            }
        }
        return out;
    }

    private static DiagnosticData one(JsonObject o) {
        String kind = text(o, "kind");
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case MEANT -> new DiagnosticData.Meant(required(o, "word"), range(o.getAsJsonObject("range")));
            case DECLARE_PROCESS -> new DiagnosticData.DeclareProcess(required(o, "process"),
                    range(o.getAsJsonObject("before")));
            case MAP_REGION -> new DiagnosticData.MapRegion(required(o, "process"), required(o, "region"),
                    range(o.getAsJsonObject("before")));
            case EXPECT_SEGV -> new DiagnosticData.ExpectSegv(range(o.getAsJsonObject("access")));
            case READ_EVERY_PAGE -> new DiagnosticData.ReadEveryPage(required(o, "statement"),
                    range(o.getAsJsonObject("range")));
            default -> null;
        };
    }

    private static JsonObject range(SourceRange r) {
        JsonObject o = new JsonObject();
        o.addProperty("line", r.line());
        o.addProperty("column", r.column());
        o.addProperty("endLine", r.endLine());
        o.addProperty("endColumn", r.endColumn());
        o.addProperty("startOffset", r.startOffset());
        o.addProperty("endOffset", r.endOffset());
        return o;
    }

    private static SourceRange range(JsonObject o) {
        return new SourceRange(o.get("line").getAsInt(), o.get("column").getAsInt(), o.get("endLine").getAsInt(),
                o.get("endColumn").getAsInt(), o.get("startOffset").getAsInt(), o.get("endOffset").getAsInt());
    }

    private static String text(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    private static String required(JsonObject o, String name) {
        String s = text(o, name);
        if (s == null) {
            throw new IllegalArgumentException("no " + name);
        }
        return s;
    }
}
