package org.conv4j.zoo.keras;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.BatchNormalization;
import org.conv4j.layers.Dense;
import org.conv4j.layers.DepthwiseConv2D;
import org.conv4j.layers.Flatten;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import org.conv4j.layers.Parameter;

/**
 * Puts the weights of a Keras HDF5 file into a model, the way Keras's {@code load_weights} does.
 *
 * <p>By default by topological order: the file's layers that have weights, in file order, against
 * the model's layers that have weights, in {@code model.layers} order, so that the real
 * application files, whose layers have legacy names ({@code mobl1_conv_1_expand} for
 * {@code block_1_expand}), load. {@link Matching#BY_NAME} matches names instead (Keras's
 * {@code by_name=True}). Either way strictly: a count mismatch, a missing layer or a shape mismatch
 * is an error naming the layer (both names where they differ), the weight, the shape in the file
 * and the shape expected. Nothing is changed in the model unless every weight fits.
 *
 * <p>Layouts: Conv2D kernels (KH, KW, C, F) become (F, C, KH, KW); DepthwiseConv2D kernels
 * (KH, KW, C, M) become (C*M, 1, KH, KW); Dense kernels (F, U) become (U, F). The inputs of a
 * Dense (and the per-feature weights of a BatchNormalization) fed by a Flatten of (H, W, C) maps,
 * directly or through Dropout / activations / BatchNormalization, are permuted from Keras's
 * (H, W, C) order to our (C, H, W) order. Nested models are refused with a clear message.
 */
public final class KerasWeightLoader {
    /** How file layers are paired with model layers. */
    public enum Matching {
        TOPOLOGICAL,
        BY_NAME
    }

    private KerasWeightLoader() {}

    public static void load(Model model, Path file, Matching matching) throws IOException {
        load(model, KerasH5File.read(file), matching, false);
    }

    /**
     * As {@link #load(Model, Path, Matching)}; with {@code ignoreExtraTop}, file layers with weights
     * beyond the model's (the classifier of a with-top file loaded into a no-top model) are skipped.
     */
    public static void load(Model model, KerasH5File file, Matching matching, boolean ignoreExtraTop) throws IOException {
        List<Layer> targets = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (!l.weights().isEmpty()) {
                targets.add(l);
            }
        }
        List<KerasH5File.LayerWeights> sources = matching == Matching.BY_NAME ? byName(targets, file) : byOrder(targets, file, ignoreExtraTop);
        List<List<float[]>> converted = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            converted.add(convert(model, targets.get(i), sources.get(i), file.file()));
        }
        for (int i = 0; i < targets.size(); i++) {
            List<Parameter> params = targets.get(i).weights();
            for (int j = 0; j < params.size(); j++) {
                params.get(j).value().copyFrom(Tensor.of(converted.get(i).get(j), params.get(j).shape()));
            }
        }
    }

    private static List<KerasH5File.LayerWeights> byOrder(List<Layer> targets, KerasH5File file, boolean ignoreExtraTop)
            throws IOException {
        List<KerasH5File.LayerWeights> sources = file.layersWithWeights();
        if (ignoreExtraTop && sources.size() > targets.size()) {
            sources = sources.subList(0, targets.size());
        }
        if (sources.size() != targets.size()) {
            throw new IOException("layer count mismatch loading " + file.file() + ": the model has " + targets.size()
                    + " layers with weights, the file has " + sources.size() + " (model: " + names(targets, 3)
                    + "...; file: " + fileNames(sources, 3) + "...). Is it the file for this architecture, alpha and top?");
        }
        return sources;
    }

    private static List<KerasH5File.LayerWeights> byName(List<Layer> targets, KerasH5File file) throws IOException {
        Map<String, KerasH5File.LayerWeights> index = new HashMap<>();
        for (KerasH5File.LayerWeights l : file.layers()) {
            index.put(l.name(), l);
        }
        List<KerasH5File.LayerWeights> out = new ArrayList<>();
        for (Layer t : targets) {
            KerasH5File.LayerWeights source = index.get(t.name());
            if (source == null) {
                throw new IOException("layer " + t.name() + " (" + t.className() + ") is missing from " + file.file()
                        + " (matching by name; the file's layers start " + fileNames(file.layersWithWeights(), 4) + ")");
            }
            out.add(source);
        }
        return out;
    }

    /** The file's weights of one layer in our layout, checking count and shapes. */
    private static List<float[]> convert(Model model, Layer layer, KerasH5File.LayerWeights source, Path file) throws IOException {
        String who = "layer " + layer.name() + (layer.name().equals(source.name()) ? "" : " (file: " + source.name() + ")");
        List<Parameter> params = layer.weights();
        if (params.size() != source.weights().size()) {
            throw new IOException(who + " in " + file + ": the model expects " + params.size() + " weights ("
                    + paramNames(params) + "), the file has " + source.weights().size());
        }
        if (layer instanceof Model) {
            throw new IOException(who + " is a nested model: Keras's H5 files keep a nested model's weights in their own "
                    + "order; load " + file.getFileName() + " into that model itself (" + layer.name() + ")");
        }
        int[] flattenedFrom = flattenedImageFeeding(model, layer);
        List<float[]> out = new ArrayList<>();
        for (int j = 0; j < params.size(); j++) {
            Parameter p = params.get(j);
            KerasH5File.Weight w = source.weights().get(j);
            int[] expected = kerasShape(layer, p);
            if (!java.util.Arrays.equals(expected, w.shape())) {
                throw new IOException(who + ": " + p.name() + " shape " + w.shapeString() + " in file " + file.getFileName()
                        + " (" + w.name() + "), expected " + KerasH5File.shapeString(expected));
            }
            out.add(toOurs(layer, p, w.values(), flattenedFrom));
        }
        return out;
    }

    /** The shape Keras stores weight {@code p} of {@code layer} in. */
    static int[] kerasShape(Layer layer, Parameter p) {
        int[] s = p.shape();
        if (s.length == 4 && layer instanceof DepthwiseConv2D) {
            int mult = s[0] / layer.inputShape()[0];
            return new int[] {s[2], s[3], layer.inputShape()[0], mult};
        }
        if (s.length == 4) {
            return new int[] {s[2], s[3], s[1], s[0]};
        }
        if (s.length == 2) {
            return new int[] {s[1], s[0]};
        }
        return s;
    }

    /**
     * The (C, H, W) shape whose flattening feeds {@code layer} (a Dense, or a BatchNormalization of
     * vectors), through layers that keep their input's shape (Dropout, activations, BatchNormalization):
     * their per-feature weights are in Keras's (H, W, C) order. Null when no Flatten of an image feeds it.
     */
    private static int[] flattenedImageFeeding(Model model, Layer layer) {
        if (!(layer instanceof Dense) && !(layer instanceof BatchNormalization && layer.inputShape().length == 1)) {
            return null;
        }
        Layer current = layer;
        while (true) {
            List<Layer> inbound = model.inboundOf(current);
            if (inbound.size() != 1) {
                return null;
            }
            Layer in = inbound.get(0);
            if (in instanceof Flatten) {
                return in.inputShape().length == 3 ? in.inputShape() : null;
            }
            if (in.inputShapes().size() != 1 || !java.util.Arrays.equals(in.inputShape(), in.outputShape())) {
                return null;
            }
            current = in;
        }
    }

    /** Keras layout to ours (see the class comment). */
    private static float[] toOurs(Layer layer, Parameter p, float[] k, int[] flattenedFrom) {
        int[] s = p.shape();
        float[] out = new float[k.length];
        if (s.length == 4 && layer instanceof DepthwiseConv2D) {
            int c = layer.inputShape()[0], mult = s[0] / c, kh = s[2], kw = s[3];
            for (int i = 0; i < c; i++) {
                for (int m = 0; m < mult; m++) {
                    for (int y = 0; y < kh; y++) {
                        for (int x = 0; x < kw; x++) {
                            out[(((i * mult + m) * kh) + y) * kw + x] = k[((y * kw + x) * c + i) * mult + m];
                        }
                    }
                }
            }
        } else if (s.length == 4) {
            int f = s[0], c = s[1], kh = s[2], kw = s[3];
            for (int o = 0; o < f; o++) {
                for (int i = 0; i < c; i++) {
                    for (int y = 0; y < kh; y++) {
                        for (int x = 0; x < kw; x++) {
                            out[((o * c + i) * kh + y) * kw + x] = k[((y * kw + x) * c + i) * f + o];
                        }
                    }
                }
            }
        } else if (s.length == 2) {
            int units = s[0], in = s[1];
            for (int o = 0; o < units; o++) {
                for (int i = 0; i < in; i++) {
                    out[o * in + i] = k[kerasRow(i, flattenedFrom) * units + o];
                }
            }
        } else if (flattenedFrom != null && layer instanceof BatchNormalization) {
            for (int i = 0; i < out.length; i++) {
                out[i] = k[kerasRow(i, flattenedFrom)]; // per-feature vectors of a BatchNormalization after Flatten
            }
        } else {
            System.arraycopy(k, 0, out, 0, k.length);
        }
        return out;
    }

    /** Keras's input row of our Dense input i: the same when not after a Flatten, else (c,h,w) to (h,w,c). */
    private static int kerasRow(int i, int[] chw) {
        if (chw == null) {
            return i;
        }
        int c = chw[0], h = chw[1], w = chw[2];
        int ch = i / (h * w), y = i / w % h, x = i % w;
        return (y * w + x) * c + ch;
    }

    private static String names(List<Layer> layers, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, layers.size()); i++) {
            out.add(layers.get(i).name());
        }
        return String.join(", ", out);
    }

    private static String fileNames(List<KerasH5File.LayerWeights> layers, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, layers.size()); i++) {
            out.add(layers.get(i).name());
        }
        return String.join(", ", out);
    }

    private static String paramNames(List<Parameter> params) {
        List<String> out = new ArrayList<>();
        for (Parameter p : params) {
            out.add(p.name());
        }
        return String.join(", ", out);
    }
}
