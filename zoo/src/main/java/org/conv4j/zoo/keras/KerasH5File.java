package org.conv4j.zoo.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The weights in a Keras HDF5 file, layer by layer in file order: a weights-only file
 * ({@code save_weights}, and the Keras application files) keeps them at the root, a full model
 * file ({@code model.save(...h5)}) under {@code model_weights}. The root attribute
 * {@code layer_names} (split into {@code layer_names0}, {@code layer_names1}, ... when long) lists
 * the layers; each layer group lists its datasets in attribute {@code weight_names}, in Keras's
 * weight order (kernel, bias; gamma, beta, moving_mean, moving_variance). Values stay in Keras's
 * layout here; {@link KerasWeightLoader} transposes them.
 */
public final class KerasH5File {
    /** One weight as stored: its name in the file, its Keras shape and its values (row-major). */
    public record Weight(String name, int[] shape, float[] values) {
        public String shapeString() {
            return KerasH5File.shapeString(shape);
        }
    }

    /** One layer of the file with its weights (empty for layers without weights). */
    public record LayerWeights(String name, List<Weight> weights) {}

    private final Path file;
    private final List<LayerWeights> layers;

    private KerasH5File(Path file, List<LayerWeights> layers) {
        this.file = file;
        this.layers = layers;
    }

    /** Reads every layer's weights; a file that is not a readable Keras HDF5 file is a named error. */
    public static KerasH5File read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Keras weights file " + file + " does not exist");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            Group root = hdf;
            if (hdf.getChildren().containsKey("model_weights") && hdf.getChild("model_weights") instanceof Group g) {
                root = g;
            }
            List<String> names = layerNames(root, file);
            List<LayerWeights> layers = new ArrayList<>();
            for (String name : names) {
                Node node = name.contains("/") ? root.getByPath(name) : root.getChild(name); // tf.keras's "Conv/BatchNorm" nests
                if (!(node instanceof Group group)) {
                    throw new IOException(file + ": layer_names lists '" + name + "' but the file has no group of that name");
                }
                List<Weight> weights = new ArrayList<>();
                for (String weightName : strings(group, "weight_names", file)) {
                    Node w = group.getByPath(weightName);
                    if (!(w instanceof Dataset ds)) {
                        throw new IOException(file + ": layer " + name + " lists weight '" + weightName + "' but has no such dataset");
                    }
                    weights.add(new Weight(weightName, ds.getDimensions(), floats(ds, file, name)));
                }
                layers.add(new LayerWeights(name, weights));
            }
            return new KerasH5File(file, layers);
        } catch (HdfException e) {
            throw new IOException(file + " is not a readable Keras HDF5 weights file (damaged, truncated or not HDF5): "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException(file + " could not be read as a Keras HDF5 weights file: " + e, e);
        }
    }

    /** The layer names, joined from layer_names or its numbered chunks. */
    private static List<String> layerNames(Group root, Path file) throws IOException {
        if (root.getAttributes().containsKey("layer_names")) {
            return strings(root, "layer_names", file);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; root.getAttributes().containsKey("layer_names" + i); i++) {
            names.addAll(strings(root, "layer_names" + i, file));
        }
        if (names.isEmpty()) {
            throw new IOException(file + " has no 'layer_names' attribute: it is an HDF5 file but not Keras weights "
                    + "(saved with model.save_weights(...h5) or model.save(...h5))");
        }
        return names;
    }

    /** A string-array attribute; chunked attributes (name0, name1, ...) are joined. */
    private static List<String> strings(Group group, String attribute, Path file) throws IOException {
        Attribute a = group.getAttribute(attribute);
        if (a == null) {
            List<String> chunks = new ArrayList<>();
            for (int i = 0; group.getAttribute(attribute + i) != null; i++) {
                chunks.addAll(strings(group, attribute + i, file));
            }
            if (chunks.isEmpty() && !attribute.equals("weight_names")) {
                throw new IOException(file + ": group " + group.getPath() + " has no attribute " + attribute);
            }
            return chunks;
        }
        if (a.isEmpty()) {
            return List.of(); // h5py stores an empty list (a layer without weights) as an empty attribute
        }
        Object data = a.getData();
        if (data instanceof String s) {
            return List.of(s);
        }
        if (data instanceof String[] array) {
            return Arrays.asList(array);
        }
        throw new IOException(file + ": attribute " + attribute + " of " + group.getPath() + " is not a list of strings");
    }

    private static float[] floats(Dataset ds, Path file, String layer) throws IOException {
        if (ds.isScalar()) {
            if (ds.getData() instanceof Number n) {
                return new float[] {n.floatValue()}; // Normalization's count (int64)
            }
            throw new IOException(file + ": weight " + ds.getPath() + " of layer " + layer + " is a scalar of " + ds.getJavaType()
                    + ", expected a number");
        }
        Object flat = ds.getDataFlat();
        if (flat instanceof float[] f) {
            return f;
        }
        if (flat instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        if (flat instanceof long[] l) {
            float[] f = new float[l.length];
            for (int i = 0; i < l.length; i++) {
                f[i] = l[i];
            }
            return f;
        }
        throw new IOException(file + ": weight " + ds.getPath() + " of layer " + layer + " holds " + ds.getJavaType()
                + ", expected float32 or float64");
    }

    public Path file() {
        return file;
    }

    /** Every layer in file order, with or without weights. */
    public List<LayerWeights> layers() {
        return layers;
    }

    /** The layers that have weights, in file order (what Keras matches by topological order). */
    public List<LayerWeights> layersWithWeights() {
        List<LayerWeights> out = new ArrayList<>();
        for (LayerWeights l : layers) {
            if (!l.weights().isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    static String shapeString(int[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
