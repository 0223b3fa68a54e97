package org.conv4j.layers.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.conv4j.engine.io.AtomicFiles;
import org.conv4j.layers.Graph;
import org.conv4j.layers.Parameter;

/**
 * Writes a graph's model file and weights file in the format {@link ModelIO} describes and reads:
 * the half of the file IO the trainer needs (checkpoints), which knows only the graph.
 */
public final class GraphFiles {
    static final String MAGIC = "C4JW";
    static final int VERSION = 1;
    static final Gson GSON = new GsonBuilder().serializeNulls().setPrettyPrinting().create();

    private GraphFiles() {}

    public static void save(Graph model, Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "conv4j-model");
        root.put("version", VERSION);
        root.put("class_name", model.className());
        root.put("config", model.config());
        byte[] json = GSON.toJson(root).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream weights = new ByteArrayOutputStream();
        writeWeights(model, weights);
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry("model.json"));
            zip.write(json);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("weights.bin"));
            weights.writeTo(zip);
            zip.closeEntry();
            zip.finish();
        });
    }

    public static void saveWeights(Graph model, Path file) throws IOException {
        AtomicFiles.write(file, out -> writeWeights(model, out));
    }

    private static void writeWeights(Graph model, OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        List<Parameter> ws = model.weights();
        out.writeBytes(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(ws.size());
        for (Parameter p : ws) {
            out.writeUTF(p.path());
            int[] shape = p.shape();
            out.writeInt(shape.length);
            for (int d : shape) {
                out.writeInt(d);
            }
            for (float v : p.value().toFloatArray()) {
                out.writeFloat(v);
            }
        }
        out.flush();
    }
}
