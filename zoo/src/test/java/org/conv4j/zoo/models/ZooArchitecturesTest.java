package org.conv4j.zoo.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import org.conv4j.zoo.keras.Architecture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keras's parameter counts of every zoo architecture (224x224, 1000 classes, with and without the
 * top; Keras's figures as the issue lists them) and their layer lists: the count of model.layers,
 * the first and last names and the places where Keras's order is easy to get wrong.
 */
class ZooArchitecturesTest {
    @BeforeEach
    void freshNames() {
        Layer.resetNames();
    }

    static Stream<Arguments> kerasCounts() {
        return Stream.of(
                Arguments.of("vgg19", 1.0, 143_667_240L, 20_024_384L),
                Arguments.of("resnet50", 1.0, 25_636_712L, 23_587_712L),
                Arguments.of("resnet101", 1.0, 44_707_176L, 42_658_176L),
                Arguments.of("resnet152", 1.0, 60_419_944L, 58_370_944L),
                Arguments.of("efficientnetb0", 1.0, 5_330_571L, 4_049_571L),
                Arguments.of("efficientnetb3", 1.0, 12_320_535L, 10_783_535L),
                Arguments.of("mobilenetv3small", 1.0, 2_554_968L, 939_120L),
                Arguments.of("mobilenetv3large", 1.0, 5_507_432L, 2_996_352L),
                Arguments.of("mobilenet", 0.25, 475_544L, 218_544L),
                Arguments.of("mobilenet", 0.5, 1_342_536L, 829_536L),
                Arguments.of("mobilenet", 0.75, 2_601_976L, 1_832_976L),
                Arguments.of("mobilenet", 1.0, 4_253_864L, 3_228_864L),
                Arguments.of("vgg16", 1.0, 138_357_544L, 14_714_688L),
                Arguments.of("mobilenetv2", 1.0, 3_538_984L, 2_257_984L));
    }

    @ParameterizedTest
    @MethodSource("kerasCounts")
    void parameterCountsAreKerasToTheUnit(String name, double alpha, long withTop, long noTop) {
        Architecture a = Architecture.of(name);
        assertEquals(withTop, a.build(alpha, 224, 224, true, null, 1000, true).countParams(), name + " with the top");
        Layer.resetNames();
        Model base = a.build(alpha, 224, 224, false, null, 1000, true);
        assertEquals(noTop, base.countParams(), name + " without the top");
        Layer.resetNames();
        assertEquals(noTop, a.build(alpha, 96, 128, false, "avg", 1000, true).countParams(), "no-top counts do not depend on the input size");
    }

    private static List<String> names(Model m) {
        return m.layers().stream().map(Layer::name).toList();
    }

    @Test
    void resnetListsTheShortcutOfAFirstBlockAsKerasDoes() {
        Model m = ResNet.resnet50(224, 224, true, null, 1000);
        List<String> names = names(m);
        assertEquals(177, names.size(), "Keras's len(ResNet50().layers)");
        assertEquals(List.of("conv1_pad", "conv1_conv", "conv1_bn", "conv1_relu", "pool1_pad", "pool1_pool"), names.subList(1, 7));
        assertEquals(List.of("conv2_block1_1_conv", "conv2_block1_1_bn", "conv2_block1_1_relu", "conv2_block1_2_conv",
                "conv2_block1_2_bn", "conv2_block1_2_relu", "conv2_block1_0_conv", "conv2_block1_3_conv", "conv2_block1_0_bn",
                "conv2_block1_3_bn", "conv2_block1_add", "conv2_block1_out", "conv2_block2_1_conv"), names.subList(7, 20));
        assertEquals(List.of("conv5_block3_out", "avg_pool", "predictions"), names.subList(174, 177));
        Layer.resetNames();
        assertEquals(175, ResNet.resnet50(224, 224, false, null, 1000).layers().size());
        Layer.resetNames();
        assertEquals(347, ResNet.resnet101(224, 224, true, null, 1000).layers().size());
        Layer.resetNames();
        assertEquals(517, ResNet.resnet152(224, 224, true, null, 1000).layers().size());
        int[] stride2 = m.getLayer("conv3_block1_1_conv").outputShape();
        assertEquals(28, stride2[1], "the stride of a stack's first block is on its first 1x1 convolution");
    }

    @Test
    void vgg19AndMobileNetAreChains() {
        List<String> vgg = names(VGG.vgg19(224, 224, true, null, 1000));
        assertEquals(26, vgg.size());
        assertEquals(List.of("block5_conv4", "block5_pool", "flatten", "fc1", "fc2", "predictions"), vgg.subList(20, 26));
        Layer.resetNames();
        Model mobilenet = MobileNet.build(0.25, 224, 224, true, null, 1000);
        List<String> names = names(mobilenet);
        assertEquals(91, names.size(), "Keras 3's MobileNet with the top");
        assertEquals("mobilenet_0.25_224", mobilenet.name());
        assertEquals(List.of("conv1", "conv1_bn", "conv1_relu", "conv_dw_1", "conv_dw_1_bn", "conv_dw_1_relu", "conv_pw_1",
                "conv_pw_1_bn", "conv_pw_1_relu", "conv_pad_2", "conv_dw_2"), names.subList(1, 12));
        assertEquals(List.of("global_average_pooling2d", "dropout", "conv_preds", "reshape_2", "predictions"), names.subList(86, 91));
        assertEquals(7, mobilenet.getLayer("conv_pw_13_relu").outputShape()[1]);
        Layer.resetNames();
        assertEquals(86, MobileNet.build(1.0, 224, 224, false, null, 1000).layers().size());
    }

    @Test
    void efficientNetHasKerasPreprocessingLayersAndDropConnect() {
        Model b0 = EfficientNet.build(EfficientNet.B0, 224, 224, true, null, 1000, true);
        List<String> names = names(b0);
        assertEquals(List.of("rescaling", "normalization", "rescaling_1", "stem_conv_pad", "stem_conv", "stem_bn", "stem_activation",
                "block1a_dwconv", "block1a_bn", "block1a_activation", "block1a_se_squeeze", "block1a_se_reshape", "block1a_se_reduce",
                "block1a_se_expand", "block1a_se_excite", "block1a_project_conv", "block1a_project_bn", "block2a_expand_conv"),
                names.subList(1, 19));
        assertTrue(names.contains("block2b_drop") && !names.contains("block2a_drop") && !names.contains("block1a_add"));
        assertEquals(List.of("top_conv", "top_bn", "top_activation", "avg_pool", "top_dropout", "predictions"),
                names.subList(names.size() - 6, names.size()));
        assertEquals(241, names.size(), "len(EfficientNetB0(weights='imagenet').layers)");
        assertEquals(7, b0.getLayer("normalization").countParams(), "mean and variance of 3 channels and the count");
        assertEquals(6, b0.getLayer("block2b_se_reduce").outputShape()[0], "max(1, int(24 * 0.25)): the block's input width");
        assertEquals(144, b0.getLayer("block2b_se_expand").outputShape()[0], "back to the expansion, 24 * 6");
        Layer.resetNames();
        Model withoutImagenet = EfficientNet.build(EfficientNet.B0, 224, 224, true, null, 1000, false);
        assertEquals(names.size() - 1, withoutImagenet.layers().size(), "the extra Rescaling is for ImageNet weights only");
        Layer.resetNames();
        List<String> b3 = names(EfficientNet.build(EfficientNet.B3, 300, 300, false, null, 1000, true));
        assertEquals(385, b3.size());
        assertTrue(b3.contains("block6f_add") && !b3.contains("block6g_add") && b3.contains("block3c_add"),
                "B3 repeats: ceil(1.4 * (1, 2, 2, 3, 3, 4, 1))");
        assertEquals(List.of("top_conv", "top_bn", "top_activation"), b3.subList(b3.size() - 3, b3.size()));
    }

    @Test
    void mobileNetV3HasKeras3NamesAndOperationsOutsideTheLayerList() {
        Model small = MobileNetV3.small(224, 224, true, null, 1000);
        List<String> names = names(small);
        assertEquals(List.of("rescaling", "conv", "conv_bn", "activation", "expanded_conv_depthwise_pad", "expanded_conv_depthwise",
                "expanded_conv_depthwise_bn", "re_lu", "expanded_conv_squeeze_excite_avg_pool", "expanded_conv_squeeze_excite_conv",
                "expanded_conv_squeeze_excite_relu", "expanded_conv_squeeze_excite_conv_1", "re_lu_1", "expanded_conv_squeeze_excite_mul",
                "expanded_conv_project", "expanded_conv_project_bn", "expanded_conv_1_expand"), names.subList(1, 18));
        assertTrue(names.stream().noneMatch(n -> n.startsWith("add") || n.startsWith("multiply")),
                "x + 3 and * (1/6) of hard_sigmoid are operations, not layers");
        assertEquals(List.of("conv_1", "conv_1_bn", "activation_17", "global_average_pooling2d", "conv_2", "activation_18", "dropout",
                "logits", "flatten", "predictions"), names.subList(names.size() - 10, names.size()));
        assertEquals(164, names.size(), "Keras 3's len(MobileNetV3Small().layers): the operations are not layers");
        assertEquals("MobileNetV3Small", small.name());
        Layer.resetNames();
        Model large = MobileNetV3.large(224, 224, false, "avg", 1000);
        assertEquals(List.of("conv_1", "conv_1_bn", "activation_19", "avg_pool"), names(large).subList(names(large).size() - 4, names(large).size()));
        assertEquals(960, large.getLayer("conv_1").outputShape()[0]);
        assertEquals(188, large.layers().size(), "187 and the avg_pool");
    }

    @Test
    void kerasInputRulesNameTheMinimumAndTheImagenetSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architecture.RESNET50.checkInput(31, 64, 3, false, true));
        assertTrue(e.getMessage().contains("at least 32x32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Architecture.EFFICIENTNETB3.checkInput(224, 224, 3, true, true));
        assertTrue(e.getMessage().contains("(300, 300, 3)"), e.getMessage());
        Architecture.MOBILENETV3SMALL.checkInput(96, 96, 3, true, true);
        Architecture.MOBILENET.checkInput(160, 160, 3, true, true);
        Architecture.VGG19.checkInput(32, 32, 3, true, false);
        assertThrows(IllegalArgumentException.class, () -> Architecture.MOBILENET.checkInput(96, 96, 3, true, true));
        e = assertThrows(IllegalArgumentException.class, () -> Architecture.of("resnet18"));
        assertTrue(e.getMessage().contains("efficientnetb0") && e.getMessage().contains("mobilenetv3large"), e.getMessage());
    }
}
