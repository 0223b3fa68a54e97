package org.conv4j.layers.io;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.conv4j.engine.Backend;
import org.conv4j.layers.Graph;
import org.conv4j.layers.Model;
import org.conv4j.layers.Parameter;

/**
 * Saves and loads whole models in conv4j's own format, and weights alone.
 *
 * <p><b>Model file</b> (any name; the apps use {@code model.conv4j}): a ZIP archive with
 * <ul>
 * <li>{@code model.json}: {"format": "conv4j-model", "version": 1, "class_name": "Sequential" or
 *     "Functional", "config": the model's config: its layers in order, each
 *     {"class_name", "config" (Keras's argument names), "inbound": indices of the layers feeding it},
 *     plus "inputs" and "output" indices};</li>
 * <li>{@code weights.bin}: the weights file below.</li>
 * </ul>
 * <p><b>Weights file</b>: big-endian (Java's DataOutputStream). The magic "C4JW", int version (1),
 * int count, then per weight in {@link Model#weights()} order: UTF name ("layer/weight"), int rank,
 * rank ints (our layout: conv kernels (out, in, kh, kw), dense kernels (units, in)), then the
 * float32 values. Both files are written to a temporary file and renamed.
 */
public final class ModelIO {
    private static final String MAGIC = GraphFiles.MAGIC;
    private static final Gson GSON = GraphFiles.GSON;

    private ModelIO() {}

    /** Writes {@code model}'s architecture and weights to {@code file} (see the class comment). */
    public static void save(Graph model, Path file) throws IOException {
        GraphFiles.save(model, file);
    }

    /** Writes {@code model}'s weights alone. */
    public static void saveWeights(Graph model, Path file) throws IOException {
        GraphFiles.saveWeights(model, file);
    }

    /** Loads a model saved by {@link #save} onto {@code backend}. */
    public static Model load(Path file, Backend backend) throws IOException {
        byte[] json = null;
        byte[] weights = null;
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(open(file)))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("model.json")) {
                    json = zip.readAllBytes();
                } else if (e.getName().equals("weights.bin")) {
                    weights = zip.readAllBytes();
                }
            }
        } catch (ZipException | EOFException e) {
            throw new IOException(file + " is not a conv4j model file (a damaged or truncated ZIP archive): " + e.getMessage(), e);
        }
        if (json == null || weights == null) {
            throw new IOException(file + " is not a conv4j model file: it lacks " + (json == null ? "model.json" : "weights.bin"));
        }
        Map<String, Object> root;
        try {
            root = GSON.fromJson(new String(json, StandardCharsets.UTF_8), new TypeToken<Map<String, Object>>() { }.getType());
        } catch (JsonParseException e) {
            throw new IOException(file + ": model.json is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !"conv4j-model".equals(root.get("format"))) {
            throw new IOException(file + ": model.json does not describe a conv4j model (format field missing)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) root.get("config");
        Model model;
        try {
            model = LayerFactory.model((String) root.get("class_name"), config);
        } catch (RuntimeException e) {
            throw new IOException(file + ": cannot rebuild the model: " + e.getMessage(), e);
        }
        model.build(backend, 0);
        readWeights(model, new java.io.ByteArrayInputStream(weights), file.toString());
        return model;
    }

    /** Loads weights saved by {@link #saveWeights} into a model of the same architecture. */
    public static void loadWeights(Graph model, Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(open(file))) {
            readWeights(model, in, file.toString());
        }
    }

    private static InputStream open(Path file) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new IOException("model file " + file + " does not exist", e);
        }
    }

    private static void readWeights(Graph model, InputStream stream, String source) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        try {
            byte[] magic = in.readNBytes(4);
            if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
                throw new IOException(source + ": not a conv4j weights file (bad magic)");
            }
            int version = in.readInt();
            if (version != GraphFiles.VERSION) {
                throw new IOException(source + ": weights format version " + version + ", this conv4j reads version " + GraphFiles.VERSION);
            }
            List<Parameter> ws = model.weights();
            int count = in.readInt();
            if (count != ws.size()) {
                throw new IOException(source + " holds " + count + " weights, model " + model.name() + " has " + ws.size());
            }
            List<float[]> values = new ArrayList<>();
            for (Parameter p : ws) {
                String name = in.readUTF();
                int[] shape = new int[in.readInt()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = in.readInt();
                }
                if (!Arrays.equals(shape, p.shape())) {
                    throw new IOException(source + ": weight " + name + " has shape " + Arrays.toString(shape)
                            + ", model weight " + p.path() + " expects " + Arrays.toString(p.shape()));
                }
                float[] v = new float[(int) p.count()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readFloat();
                }
                values.add(v);
            }
            model.setWeights(values);
        } catch (EOFException e) {
            throw new IOException(source + " is truncated: the weights end early", e);
        }
    }
}
