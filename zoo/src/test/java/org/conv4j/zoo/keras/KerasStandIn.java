package org.conv4j.zoo.keras;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import org.conv4j.layers.Parameter;

/**
 * Writes stand-in Keras weight files with the exact layout {@code model.save_weights(...h5)} gives
 * (root attribute layer_names listing every layer, a group per layer with attribute weight_names,
 * datasets "layer/weight:0" inside it, Keras shapes) and random values, for tests where no real
 * file can be had. Returns the values written, by "layer/weight", as Keras-shaped nested arrays.
 */
final class KerasStandIn {
    /**
     * jhdf's writer (0.9.4 to 0.13.0) writes its "jHDF - version" note at the channel position the
     * last dataset's data left, which overwrites any group header written after that dataset: a
     * file whose last-written objects are empty groups (weightless layers) reads back broken. Each
     * weightless layer's group therefore holds this one-value dataset, listed in no weight_names
     * (so Keras and conv4j pass over it), and a dataset is always the last object written.
     */
    static final String WRITER_WORKAROUND = "jhdf_last_write";

    private KerasStandIn() {}

    /**
     * @param rename maps our layer names to the names written (identity for current names; a
     *               function producing legacy names for the application-file style)
     * @param dropLayer a layer name to leave out of the file, or null
     * @param reshape a "layer/weight" whose Keras shape gets one more element in its last axis, or null
     */
    static Map<String, Object> write(Path file, Model model, Random rng, UnaryOperator<String> rename,
                                     String dropLayer, String reshape) throws Exception {
        return write(file, model, rng, rename, dropLayer, reshape, false, 0);
    }

    /**
     * As above; with {@code fullModel} the weights go under a "model_weights" group, as
     * {@code model.save(...h5)} writes them, and with {@code chunks > 1} layer_names is split into
     * layer_names0, layer_names1, ... as Keras does for long lists.
     */
    static Map<String, Object> write(Path file, Model model, Random rng, UnaryOperator<String> rename,
                                     String dropLayer, String reshape, boolean fullModel, int chunks) throws Exception {
        Map<String, Object> written = new LinkedHashMap<>();
        List<String> layerNames = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (!l.name().equals(dropLayer)) {
                layerNames.add(rename.apply(l.name()));
            }
        }
        try (WritableHdfFile h5file = HdfFile.write(file)) {
            WritableGroup h5 = fullModel ? h5file.putGroup("model_weights") : h5file;
            if (chunks > 1) {
                int per = (layerNames.size() + chunks - 1) / chunks;
                for (int c = 0; c * per < layerNames.size(); c++) {
                    List<String> part = layerNames.subList(c * per, Math.min(layerNames.size(), (c + 1) * per));
                    h5.putAttribute("layer_names" + c, part.toArray(new String[0]));
                }
            } else {
                h5.putAttribute("layer_names", layerNames.toArray(new String[0]));
            }
            h5.putAttribute("backend", "tensorflow");
            h5.putAttribute("keras_version", "2.13.1");
            Map<String, WritableGroup> groups = new HashMap<>();
            for (Layer l : model.layers()) {
                if (l.name().equals(dropLayer)) {
                    continue;
                }
                String name = rename.apply(l.name());
                WritableGroup group = group(h5, name, groups);
                List<String> weightNames = new ArrayList<>();
                for (Parameter p : l.weights()) {
                    weightNames.add(name + "/" + p.name() + ":0");
                }
                if (weightNames.isEmpty()) {
                    group.putDataset(WRITER_WORKAROUND, new float[1]);
                    continue;
                }
                group.putAttribute("weight_names", weightNames.toArray(new String[0]));
                WritableGroup inner = group(group, name, new HashMap<>());
                for (Parameter p : l.weights()) {
                    int[] shape = KerasWeightLoader.kerasShape(l, p);
                    if ((l.name() + "/" + p.name()).equals(reshape)) {
                        shape[shape.length - 1]++;
                    }
                    if (shape.length == 0) {
                        inner.putDataset(p.name() + ":0", (long) rng.nextInt(1_000_000)); // Normalization's count, int64 as Keras stores it
                        continue;
                    }
                    boolean positive = p.name().equals("moving_variance") || p.name().equals("variance");
                    Object values = randomArray(shape, 0, rng, positive);
                    inner.putDataset(p.name() + ":0", values);
                    written.put(l.name() + "/" + p.name(), values);
                }
            }
        }
        try (HdfFile check = new HdfFile(file)) {
            check.getChildren();
        } catch (RuntimeException e) {
            throw new IllegalStateException("jhdf wrote a stand-in file it cannot read back (a known writer bug for some "
                    + "layer-name sets); change the layer names of this test: " + file, e);
        }
        return written;
    }

    /**
     * The group at {@code path} under {@code parent}, made with its parents when missing: tf.keras
     * writes a layer named "Conv/BatchNorm" as group BatchNorm inside group Conv, which may also be
     * the group of layer "Conv". {@code made} remembers the groups made under parent, by path.
     */
    private static WritableGroup group(WritableGroup parent, String path, Map<String, WritableGroup> made) {
        WritableGroup g = made.get(path);
        if (g != null) {
            return g;
        }
        int slash = path.lastIndexOf('/');
        WritableGroup above = slash < 0 ? parent : group(parent, path.substring(0, slash), made);
        g = above.putGroup(slash < 0 ? path : path.substring(slash + 1));
        made.put(path, g);
        return g;
    }

    private static Object randomArray(int[] shape, int axis, Random rng, boolean positive) {
        if (axis == shape.length - 1) {
            float[] v = new float[shape[axis]];
            for (int i = 0; i < v.length; i++) {
                v[i] = positive ? 0.5f + rng.nextFloat() : (float) rng.nextGaussian() * 0.1f;
            }
            return v;
        }
        Object a = Array.newInstance(float.class, java.util.Arrays.copyOfRange(shape, axis, shape.length));
        for (int i = 0; i < shape[axis]; i++) {
            Array.set(a, i, randomArray(shape, axis + 1, rng, positive));
        }
        return a;
    }
}
