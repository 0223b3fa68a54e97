package org.conv4j.zoo.keras;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Keras's ImageNet class index ({@code imagenet_class_index.json}: "0" to ["n01440764", "tench"],
 * ...) and {@code decode_predictions}: the top k classes of each row of probabilities.
 */
public final class ImageNetLabels {
    public static final String FILE = "imagenet_class_index.json";
    static final String URL = "https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json";
    /** Keras's md5 of the file (keras/src/applications/imagenet_utils.py). */
    static final String MD5 = "c2c37ea517e94d9795004a39431a14cb";

    /** One decoded prediction: WordNet id, readable name, probability. */
    public record Prediction(String wnid, String name, double probability) {}

    private final String[][] classes;

    private ImageNetLabels(String[][] classes) {
        this.classes = classes;
    }

    /** The class index found (or downloaded) where Keras files are looked for. */
    public static ImageNetLabels load(KerasWeightFiles files) throws IOException {
        return read(files.resolve(FILE, URL, MD5));
    }

    public static ImageNetLabels read(Path file) throws IOException {
        Map<String, List<String>> index;
        try {
            index = new Gson().fromJson(Files.readString(file), new TypeToken<Map<String, List<String>>>() { }.getType());
        } catch (JsonParseException e) {
            throw new IOException(file + " is not Keras's ImageNet class index (JSON of \"0\": [wnid, name]): " + e.getMessage(), e);
        }
        if (index == null || index.size() != 1000) {
            throw new IOException(file + " should list 1000 ImageNet classes, it lists " + (index == null ? 0 : index.size()));
        }
        String[][] classes = new String[1000][];
        for (Map.Entry<String, List<String>> e : index.entrySet()) {
            classes[Integer.parseInt(e.getKey())] = e.getValue().toArray(new String[0]);
        }
        return new ImageNetLabels(classes);
    }

    /** The top {@code k} classes of each row of {@code probabilities} (N x 1000), most probable first. */
    public List<List<Prediction>> decode(float[] probabilities, int rows, int k) {
        if (probabilities.length != rows * 1000) {
            throw new IllegalArgumentException("decode_predictions expects (N, 1000) probabilities, got " + probabilities.length
                    + " values for " + rows + " rows");
        }
        List<List<Prediction>> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<Integer> order = new ArrayList<>();
            for (int j = 0; j < 1000; j++) {
                order.add(j);
            }
            int base = r * 1000;
            order.sort(Comparator.comparingDouble(j -> -probabilities[base + j]));
            List<Prediction> top = new ArrayList<>();
            for (int j : order.subList(0, k)) {
                top.add(new Prediction(classes[j][0], classes[j][1], probabilities[base + j]));
            }
            out.add(top);
        }
        return out;
    }
}
