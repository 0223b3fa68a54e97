package org.conv4j.zoo.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.conv4j.layers.Dense;
import org.conv4j.layers.Flatten;
import org.conv4j.layers.InputLayer;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import org.conv4j.layers.SymbolicTensor;
import org.junit.jupiter.api.Test;

/** Parameter counts and layer lists of the Keras applications, as Keras reports them (design.md section 5). */
class ApplicationsTest {
    static Model classifier(Model base, int h, int w) {
        SymbolicTensor in = InputLayer.input(h, w, 3);
        SymbolicTensor out = new Dense(10, "softmax").apply(new Flatten().apply(base.apply(in)));
        return new Model(in, out, "classifier");
    }

    @Test
    void mobileNetV2NoTopAt32() {
        Model m = MobileNetV2.build(1.0, 32, 32, false, null, 1000);
        assertEquals(2_257_984, m.countParams());
        assertEquals(2_223_872, m.countTrainableParams());
        assertEquals(154, m.layers().size());
        assertEquals("mobilenetv2_1.00_224", m.name());
        List<String> names = m.layers().stream().map(Layer::name).toList();
        assertEquals(List.of("input_layer", "Conv1", "bn_Conv1", "Conv1_relu", "expanded_conv_depthwise",
                "expanded_conv_depthwise_BN", "expanded_conv_depthwise_relu", "expanded_conv_project",
                "expanded_conv_project_BN", "block_1_expand", "block_1_expand_BN", "block_1_expand_relu", "block_1_pad",
                "block_1_depthwise"), names.subList(0, 14).stream().map(n -> n.startsWith("input_layer") ? "input_layer" : n).toList());
        assertTrue(names.contains("block_2_add") && names.contains("block_16_project_BN"));
        assertEquals(List.of("Conv_1", "Conv_1_bn", "out_relu"), names.subList(151, 154));
        assertTrue(m.summary().contains("Total params: 2,257,984"));
    }

    @Test
    void mobileNetV2WithTopAndOtherAlphas() {
        assertEquals(3_538_984, MobileNetV2.build(1.0, 224, 224, true, null, 1000).countParams());
        assertEquals(410_208, MobileNetV2.build(0.35, 224, 224, false, null, 1000).countParams());
        assertEquals(706_224, MobileNetV2.build(0.5, 224, 224, false, null, 1000).countParams());
    }

    @Test
    void mobileNetV2TransferLearningCounts() {
        Model base = MobileNetV2.build(1.0, 32, 32, false, null, 1000);
        Model full = classifier(base, 32, 32);
        assertEquals(2_270_794, full.countParams());
        base.setTrainable(false);
        assertEquals(12_810, full.countTrainableParams());
        base.setTrainable(true);
        List<Layer> layers = base.layers();
        for (Layer l : layers.subList(0, layers.size() - 10)) {
            l.setTrainable(false);
        }
        assertEquals(745_290, full.countTrainableParams());
        assertTrue(full.summary().contains("mobilenetv2_1.00_224 (Functional)"));
    }

    @Test
    void vgg16Counts() {
        Model base = VGG.vgg16(32, 32, false, null, 1000);
        assertEquals(14_714_688, base.countParams());
        assertEquals(138_357_544, VGG.vgg16(224, 224, true, null, 1000).countParams());
        Model full = classifier(base, 32, 32);
        assertEquals(14_719_818, full.countParams());
        base.setTrainable(false);
        assertEquals(5_130, full.countTrainableParams());
    }
}
