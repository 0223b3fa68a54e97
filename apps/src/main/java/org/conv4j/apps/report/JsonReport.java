package org.conv4j.apps.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import java.io.IOException;
import java.nio.file.Path;
import org.conv4j.engine.io.AtomicFiles;

/**
 * Writes a tree of maps, lists, numbers, strings and booleans as pretty-printed JSON (metrics.json,
 * run.json), two-space indented, UTF-8, ending with a newline.
 *
 * <p>JSON has no NaN or infinity, and a diverged run has them (a NaN loss), so a non-finite double
 * or float is written as {@code null} rather than failing the whole report. Null map values are
 * kept, as {@code null}, so that every key of the tree is in the file.
 */
public final class JsonReport {
    private static final JsonSerializer<Number> FINITE_OR_NULL = (value, type, context) ->
            Double.isFinite(value.doubleValue()) ? new JsonPrimitive(value) : JsonNull.INSTANCE;

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeNulls()
            .disableHtmlEscaping()
            .registerTypeAdapter(Double.class, FINITE_OR_NULL)
            .registerTypeAdapter(Float.class, FINITE_OR_NULL)
            .create();

    private JsonReport() {}

    public static void write(Path file, Object tree) throws IOException {
        AtomicFiles.writeString(file, toJson(tree));
    }

    public static String toJson(Object tree) {
        return GSON.toJson(tree) + "\n";
    }
}
