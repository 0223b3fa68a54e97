package org.conv4j.zoo.keras;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
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
            for (Layer l : model.layers()) {
                if (l.name().equals(dropLayer)) {
                    continue;
                }
                String name = rename.apply(l.name());
                WritableGroup group = h5.putGroup(name);
                List<String> weightNames = new ArrayList<>();
                for (Parameter p : l.weights()) {
                    weightNames.add(name + "/" + p.name() + ":0");
                }
                if (weightNames.isEmpty()) {
                    continue;
                }
                group.putAttribute("weight_names", weightNames.toArray(new String[0]));
                WritableGroup inner = group.putGroup(name);
                for (Parameter p : l.weights()) {
                    int[] shape = KerasWeightLoader.kerasShape(l, p);
                    if ((l.name() + "/" + p.name()).equals(reshape)) {
                        shape[shape.length - 1]++;
                    }
                    Object values = randomArray(shape, 0, rng, p.name().equals("moving_variance"));
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
