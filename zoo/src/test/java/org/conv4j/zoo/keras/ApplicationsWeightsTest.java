package org.conv4j.zoo.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import org.conv4j.zoo.data.DataLocator;
import org.conv4j.zoo.models.MobileNetV2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** weights = "imagenet": where files are looked for, the with-top file serving no-top, the offline error; labels; preprocessing. */
class ApplicationsWeightsTest {
    @BeforeEach
    void freshLayerNames() {
        Layer.resetNames();
    }

    @Test
    void filesAreFoundInKerasOrderAndTheOfflineErrorNamesEveryPlace(@TempDir Path dir) throws IOException {
        Path dataDir = dir.resolve("data"), env = dir.resolve("env"), home = dir.resolve("home"), kerasCache = dir.resolve("keras-cache");
        DataLocator locator = new DataLocator(dataDir, env.toString(), home, false);
        KerasWeightFiles files = new KerasWeightFiles(locator, kerasCache);
        String name = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5";
        assertEquals(List.of(dataDir.resolve("keras").resolve(name).toAbsolutePath(), env.resolve("keras").resolve(name).toAbsolutePath(),
                kerasCache.resolve(name), home.resolve(".conv4j").resolve("keras").resolve(name).toAbsolutePath()), files.candidates(name));
        Architecture.WeightsFile vgg = Architecture.VGG16.imagenetFile(1.0, 224, 224, false);
        assertEquals(name, vgg.name());
        IOException e = assertThrows(IOException.class, () -> files.resolve(name, vgg.url(), vgg.md5()));
        for (Path p : files.candidates(name)) {
            assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        }
        Files.createDirectories(kerasCache);
        Files.writeString(kerasCache.resolve(name), "x");
        Files.createDirectories(env.resolve("keras"));
        Files.writeString(env.resolve("keras").resolve(name), "y");
        assertEquals(env.resolve("keras").resolve(name).toAbsolutePath(), files.find(name).orElseThrow(), "data folders come before Keras's cache");
    }

    @Test
    void theWithTopFileServesANoTopModel(@TempDir Path dir) throws Exception {
        Path keras = Files.createDirectories(dir.resolve("keras"));
        String topName = Applications.mobileNetV2File(0.35, 96, 96, true);
        assertEquals("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96.h5", topName);
        Map<String, Object> written = KerasStandIn.write(keras.resolve(topName), MobileNetV2.build(0.35, 96, 96, true, null, 1000),
                new Random(4), n -> n, null, null);
        KerasWeightFiles files = new KerasWeightFiles(new DataLocator(dir, null, dir.resolve("home"), false), dir.resolve("none"));
        Model noTop = Applications.mobileNetV2(new CpuBackend(1), 0.35,
                new Applications.Options(96, 96, false, "avg", 1000, "imagenet", 1), files);
        Layer.resetNames();
        Model reference = MobileNetV2.build(0.35, 96, 96, false, "avg", 1000).build(new CpuBackend(1), 1);
        float[] conv1 = noTop.getLayer("Conv1").weights().get(0).value().toFloatArray();
        assertEquals(KerasImportTest.at(written.get("Conv1/kernel"), 0, 0, 0, 0), conv1[0], 0f);
        assertEquals(reference.countParams(), noTop.countParams());
        assertEquals("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5", Applications.mobileNetV2File(1.0, 32, 32, false));
        assertEquals("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.75_160_no_top.h5", Applications.mobileNetV2File(0.75, 160, 160, false));
    }

    @Test
    void imagenetLabelsDecodeTheTopClasses() throws IOException {
        Path index = KerasImportTest.requireReal(ImageNetLabels.FILE);
        ImageNetLabels labels = ImageNetLabels.read(index);
        float[] p = new float[2000];
        p[281] = 0.6f;
        p[285] = 0.3f;
        p[1000 + 2] = 0.9f;
        List<List<ImageNetLabels.Prediction>> top = labels.decode(p, 2, 2);
        assertEquals("tabby", top.get(0).get(0).name());
        assertEquals("n02124075", top.get(0).get(1).wnid());
        assertEquals("Egyptian_cat", top.get(0).get(1).name());
        assertEquals("great_white_shark", top.get(1).get(0).name());
    }

    @Test
    void preprocessingMatchesKerasModes() {
        float[] rgb = {0, 255, 127.5f, 10, 20, 30};
        float[] tf = rgb.clone();
        Preprocessing.TF.apply(tf, 2);
        assertEquals(-1f, tf[0], 1e-6f);
        assertEquals(1f, tf[1], 1e-6f);
        assertEquals(0f, tf[2], 1e-6f);
        float[] caffe = rgb.clone();
        Preprocessing.CAFFE.apply(caffe, 2);
        // planes R = (0, 255), G = (127.5, 10), B = (20, 30) become B - 103.939, G - 116.779, R - 123.68
        assertEquals(20 - 103.939f, caffe[0], 1e-4f);
        assertEquals(30 - 103.939f, caffe[1], 1e-4f);
        assertEquals(127.5f - 116.779f, caffe[2], 1e-4f);
        assertEquals(0 - 123.68f, caffe[4], 1e-4f);
        assertEquals(255 - 123.68f, caffe[5], 1e-4f);
        float[] none = rgb.clone();
        Preprocessing.NONE.apply(none, 2);
        assertArrayEquals(rgb, none, 0f, "EfficientNet and MobileNetV3 preprocess inside the model");
        assertEquals(Preprocessing.TF, Architecture.of("mobilenetv2").preprocessing());
        assertEquals(Preprocessing.TF, Architecture.of("mobilenet").preprocessing());
        assertEquals(Preprocessing.CAFFE, Architecture.of("vgg19").preprocessing());
        assertEquals(Preprocessing.CAFFE, Architecture.of("resnet152").preprocessing());
        assertEquals(Preprocessing.NONE, Architecture.of("efficientnetb3").preprocessing());
        assertEquals(Preprocessing.NONE, Architecture.of("mobilenetv3small").preprocessing());
    }
}
