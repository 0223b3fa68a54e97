package org.conv4j.zoo.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import org.conv4j.zoo.keras.KerasForwardOracle.Images;
import org.conv4j.zoo.keras.KerasWeightLoader.Matching;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every zoo architecture, through conv4j (float32, NCHW, loaded by topological order), against
 * {@link KerasZooOracle} (float64, NHWC, weights by Keras's layer names) on stand-in H5 files in
 * Keras's applications layout: ||conv4j - oracle|| / ||oracle|| < 1e-4, at 224x224 without the top
 * and at the smallest size Keras accepts (32x32) with it, in Keras 3's names and in the file's
 * other naming (tf.keras's nested "Conv/BatchNorm" groups for MobileNetV3, legacy-style renames
 * for the others). And the real MobileNet alpha 0.25 file at 224 and 32.
 */
class ZooForwardTest {
    private final CpuBackend cpu = new CpuBackend(2);

    /** Default names depend on the layers made before; fresh names keep the stand-in files the same in any test order. */
    @BeforeEach
    void freshLayerNames() {
        Layer.resetNames();
    }

    static Stream<Arguments> architectures() {
        return Stream.of(Arguments.of("vgg19"), Arguments.of("resnet50"), Arguments.of("resnet101"), Arguments.of("resnet152"),
                Arguments.of("efficientnetb0"), Arguments.of("efficientnetb3"), Arguments.of("mobilenetv3small"),
                Arguments.of("mobilenetv3large"), Arguments.of("mobilenet"));
    }

    /** The file's names in the other style: tf.keras's for MobileNetV3, "legacy_" + name for the rest. */
    private static UnaryOperator<String> otherNames(Architecture a) {
        return a.kerasName().startsWith("MobileNetV3") ? KerasZooOracle::tfKerasMobileNetV3Name : n -> "legacy_" + n;
    }

    /** What Keras's forward gives, by architecture. */
    private static Images oracle(Architecture a, KerasZooOracle oracle, Images x, boolean top) {
        switch (a) {
            case VGG19: return oracle.vgg19(x, top);
            case RESNET50: case RESNET101: case RESNET152: return oracle.resnet(x, top);
            case EFFICIENTNETB0: case EFFICIENTNETB3: return oracle.efficientNet(x, top, true);
            case MOBILENETV3SMALL: return oracle.mobileNetV3(x, KerasZooOracle.SMALL_STRIDES, KerasZooOracle.SMALL_HARD_SWISH, top);
            case MOBILENETV3LARGE: return oracle.mobileNetV3(x, KerasZooOracle.LARGE_STRIDES, KerasZooOracle.LARGE_HARD_SWISH, top);
            case MOBILENET: return oracle.mobileNet(x, top);
            default: throw new IllegalArgumentException(a.toString());
        }
    }

    /** Pixel-like inputs: [0, 255] for the models that preprocess themselves, caffe-like ranges or [-1, 1] otherwise. */
    private static double inputScale(Architecture a) {
        return a.preprocessing() == Preprocessing.NONE ? 255 : a.preprocessing() == Preprocessing.CAFFE ? 120 : 1;
    }

    private double compare(Architecture a, double alpha, Path weights, UnaryOperator<String> fileNames, int size, int n, boolean top,
                           long seed) throws Exception {
        double scale = inputScale(a);
        double[] nhwc = new double[n * size * size * 3];
        float[] nchw = KerasForwardTest.randomImages(new Random(seed), nhwc, n, size, 1);
        if (scale == 255) {
            for (int i = 0; i < nhwc.length; i++) {
                nhwc[i] = (nhwc[i] + 1) * 127.5;
            }
            for (int i = 0; i < nchw.length; i++) {
                nchw[i] = (float) ((nchw[i] + 1) * 127.5);
            }
        } else if (scale != 1) {
            for (int i = 0; i < nhwc.length; i++) {
                nhwc[i] *= scale;
            }
            for (int i = 0; i < nchw.length; i++) {
                nchw[i] *= (float) scale;
            }
        }
        KerasH5File file = KerasH5File.read(weights);
        KerasZooOracle oracle = new KerasZooOracle(file, fileNames);
        Images ref = oracle(a, oracle, new Images(nhwc, n, size, size, 3), top);
        assertTrue(oracle.allUsed(), a + ": the oracle reads every weight of the file");
        Layer.resetNames();
        Model model = a.build(alpha, size, size, top, null, 1000, true).build(cpu, 1);
        KerasWeightLoader.load(model, file, Matching.TOPOLOGICAL, false);
        Tensor ours = model.predict(Tensor.of(nchw, n, 3, size, size), n);
        assertEquals(ref.v().length, ours.size(), a + ": output size");
        return KerasForwardTest.relativeError(ours, ref);
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void agreesWithKerasAt224AndAtTheSmallestSizeInBothNamings(String name, @TempDir Path dir) throws Exception {
        Architecture a = Architecture.of(name);
        double alpha = a == Architecture.MOBILENET ? 0.5 : 1.0;
        Path noTop = dir.resolve("notop.h5"), top = dir.resolve("top.h5");
        KerasStandIn.write(noTop, a.build(alpha, 224, 224, false, null, 1000, true), new Random(21), n -> n, null, null);
        double at224 = compare(a, alpha, noTop, n -> n, 224, 1, false, 22);
        assertTrue(at224 < 1e-4, name + " at 224x224: relative error " + at224);
        Layer.resetNames();
        UnaryOperator<String> other = otherNames(a);
        KerasStandIn.write(top, a.build(alpha, 32, 32, true, null, 1000, true), new Random(23), other, null, null);
        double at32 = compare(a, alpha, top, other, 32, 2, true, 24);
        assertTrue(at32 < 1e-4, name + " with the top at 32x32: relative error " + at32);
    }

    @Test
    void realMobileNetAlpha025AgreesWithKeras() throws Exception {
        Path weights = KerasImportTest.requireReal(KerasImportTest.MOBILENET_V1_025);
        for (int size : new int[] {224, 32}) {
            double error = compare(Architecture.MOBILENET, 0.25, weights, n -> n, size, 1, false, size);
            assertTrue(error < 1e-4, "real MobileNet 0.25 at " + size + ": relative error " + error);
        }
    }
}
