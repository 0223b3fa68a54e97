package org.conv4j.layers.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.conv4j.layers.Activation;
import org.conv4j.layers.Add;
import org.conv4j.layers.AveragePooling2D;
import org.conv4j.layers.BatchNormalization;
import org.conv4j.layers.CenterCrop;
import org.conv4j.layers.Conv2D;
import org.conv4j.layers.ConvolutionLayer;
import org.conv4j.layers.Dense;
import org.conv4j.layers.DepthwiseConv2D;
import org.conv4j.layers.Dropout;
import org.conv4j.layers.Flatten;
import org.conv4j.layers.GlobalAveragePooling2D;
import org.conv4j.layers.GlobalMaxPooling2D;
import org.conv4j.layers.InputLayer;
import org.conv4j.layers.Layer;
import org.conv4j.layers.MaxPooling2D;
import org.conv4j.layers.Model;
import org.conv4j.layers.Multiply;
import org.conv4j.layers.Normalization;
import org.conv4j.layers.Pooling2D;
import org.conv4j.layers.RandomColorLayer;
import org.conv4j.layers.RandomCrop;
import org.conv4j.layers.RandomFlip;
import org.conv4j.layers.RandomRotation;
import org.conv4j.layers.RandomTranslation;
import org.conv4j.layers.RandomZoom;
import org.conv4j.layers.ReLU;
import org.conv4j.layers.Regularizer;
import org.conv4j.layers.Rescaling;
import org.conv4j.layers.Resizing;
import org.conv4j.layers.Reshape;
import org.conv4j.layers.ScalarOperation;
import org.conv4j.layers.Sequential;
import org.conv4j.layers.SymbolicTensor;
import org.conv4j.layers.ZeroPadding2D;

/**
 * Rebuilds layers and models from the configs that {@link Layer#config()} writes (numbers arrive
 * as doubles from JSON). The inverse of config(): each class is listed once here.
 */
final class LayerFactory {
    private LayerFactory() {}

    static Layer create(String className, Map<String, Object> c) {
        Layer layer;
        switch (className) {
            case "Conv2D": {
                List<Integer> k = ints(c.get("kernel_size"));
                layer = convolution(new Conv2D(integer(c.get("filters")), k.get(0), k.get(1)), c);
                break;
            }
            case "DepthwiseConv2D": {
                List<Integer> k = ints(c.get("kernel_size"));
                layer = convolution(new DepthwiseConv2D(k.get(0), k.get(1), integer(c.get("depth_multiplier"))), c);
                break;
            }
            case "Dense":
                layer = new Dense(integer(c.get("units"))).activation((String) c.get("activation")).useBias((Boolean) c.get("use_bias"))
                        .kernelRegularizer(Regularizer.fromConfig(c.get("kernel_regularizer")));
                break;
            case "BatchNormalization":
                layer = new BatchNormalization().momentum(number(c.get("momentum"))).epsilon(number(c.get("epsilon")));
                break;
            case "MaxPooling2D": {
                List<Integer> p = ints(c.get("pool_size"));
                layer = pooling(new MaxPooling2D(p.get(0), p.get(1)), c);
                break;
            }
            case "AveragePooling2D": {
                List<Integer> p = ints(c.get("pool_size"));
                layer = pooling(new AveragePooling2D(p.get(0), p.get(1)), c);
                break;
            }
            case "GlobalAveragePooling2D":
                layer = new GlobalAveragePooling2D().keepdims(Boolean.TRUE.equals(c.get("keepdims")));
                break;
            case "GlobalMaxPooling2D":
                layer = new GlobalMaxPooling2D();
                break;
            case "Flatten":
                layer = new Flatten();
                break;
            case "Dropout": {
                Dropout dropout = new Dropout(number(c.get("rate")));
                if (c.get("noise_shape") != null) {
                    dropout.noiseShape(ints(c.get("noise_shape")).stream().mapToInt(Integer::intValue).toArray());
                }
                layer = dropout;
                break;
            }
            case "Rescaling":
                layer = new Rescaling(numbers(c.get("scale")), numbers(c.get("offset")));
                break;
            case "ScalarOperation":
                layer = ScalarOperation.of((String) c.get("operation"), numbers(c.get("scale"))[0], numbers(c.get("offset"))[0]);
                break;
            case "Resizing":
                layer = new Resizing(integer(c.get("height")), integer(c.get("width")), (String) c.get("interpolation"));
                break;
            case "CenterCrop":
                layer = new CenterCrop(integer(c.get("height")), integer(c.get("width")));
                break;
            case "RandomCrop":
                layer = new RandomCrop(integer(c.get("height")), integer(c.get("width")));
                break;
            case "RandomFlip":
                layer = new RandomFlip((String) c.get("mode"));
                break;
            case "RandomRotation":
                layer = new RandomRotation(numbers(c.get("factor")), (String) c.get("fill_mode"), (String) c.get("interpolation"),
                        number(c.get("fill_value")));
                break;
            case "RandomZoom":
                layer = new RandomZoom(numbers(c.get("height_factor")), c.get("width_factor") == null ? null : numbers(c.get("width_factor")),
                        (String) c.get("fill_mode"), (String) c.get("interpolation"), number(c.get("fill_value")));
                break;
            case "RandomTranslation":
                layer = new RandomTranslation(numbers(c.get("height_factor")), numbers(c.get("width_factor")), (String) c.get("fill_mode"),
                        (String) c.get("interpolation"), number(c.get("fill_value")));
                break;
            case "RandomBrightness": {
                double[] range = numbers(c.get("value_range"));
                layer = RandomColorLayer.brightness(numbers(c.get("factor")), range[0], range[1]);
                break;
            }
            case "RandomContrast": {
                double[] range = numbers(c.get("value_range"));
                layer = RandomColorLayer.contrast(numbers(c.get("factor")), range[0], range[1]);
                break;
            }
            case "Normalization":
                layer = new Normalization();
                break;
            case "Multiply":
                layer = new Multiply();
                break;
            case "Reshape":
                layer = new Reshape(ints(c.get("target_shape")).stream().mapToInt(Integer::intValue).toArray());
                break;
            case "ReLU":
                layer = c.get("max_value") == null ? new ReLU() : new ReLU(number(c.get("max_value")));
                break;
            case "Activation":
                layer = new Activation((String) c.get("activation"));
                break;
            case "Add":
                layer = new Add();
                break;
            case "ZeroPadding2D": {
                List<?> p = (List<?>) c.get("padding");
                List<Integer> tb = ints(p.get(0)), lr = ints(p.get(1));
                layer = new ZeroPadding2D(tb.get(0), tb.get(1), lr.get(0), lr.get(1));
                break;
            }
            case "Functional":
            case "Sequential":
                layer = model(className, c);
                break;
            default:
                throw new IllegalArgumentException("unknown layer class '" + className + "' in the model file");
        }
        if (!(layer instanceof Model)) {
            layer.named((String) c.get("name"));
            layer.setTrainable((Boolean) c.getOrDefault("trainable", Boolean.TRUE)); // a model's flag is set by model()
        }
        return layer;
    }

    private static Layer convolution(ConvolutionLayer<?> layer, Map<String, Object> c) {
        List<Integer> s = ints(c.get("strides")), d = ints(c.get("dilation_rate"));
        layer.strides(s.get(0), s.get(1)).padding((String) c.get("padding")).activation((String) c.get("activation"))
                .useBias((Boolean) c.get("use_bias")).kernelRegularizer(Regularizer.fromConfig(c.get("kernel_regularizer")));
        layer.dilation(d.get(0), d.get(1));
        return layer;
    }

    private static Layer pooling(Pooling2D<?> layer, Map<String, Object> c) {
        List<Integer> s = ints(c.get("strides"));
        layer.strides(s.get(0), s.get(1)).padding((String) c.get("padding"));
        return layer;
    }

    /** A model from its config: layers in order, each applied to the outputs of its inbound layers. */
    @SuppressWarnings("unchecked")
    static Model model(String className, Map<String, Object> c) {
        List<Map<String, Object>> layerConfigs = (List<Map<String, Object>>) c.get("layers");
        List<SymbolicTensor> outputs = new ArrayList<>();
        for (Map<String, Object> lc : layerConfigs) {
            String cls = (String) lc.get("class_name");
            Map<String, Object> config = (Map<String, Object>) lc.get("config");
            if (cls.equals("InputLayer")) {
                outputs.add(input(config));
                continue;
            }
            List<SymbolicTensor> ins = new ArrayList<>();
            for (Object i : (List<?>) lc.get("inbound")) {
                ins.add(outputs.get(integer(i)));
            }
            Layer layer = create(cls, config);
            Object training = lc.get("training");
            outputs.add(training == null ? layer.apply(ins.toArray(new SymbolicTensor[0])) : layer.apply(ins.get(0), (Boolean) training));
        }
        String name = (String) c.get("name");
        SymbolicTensor out = outputs.get(integer(c.get("output")));
        Model model;
        if (className.equals("Sequential")) {
            model = new Sequential(name).adopt(outputs.get(integer(((List<?>) c.get("inputs")).get(0))), out);
        } else {
            List<SymbolicTensor> ins = new ArrayList<>();
            for (Object i : (List<?>) c.get("inputs")) {
                ins.add(outputs.get(integer(i)));
            }
            model = new Model(ins, out, name);
        }
        if (Boolean.FALSE.equals(c.get("trainable"))) {
            model.setTrainable(false); // its layers were saved frozen too; a true flag must not unfreeze the ones saved frozen
        }
        return model;
    }

    /** An input from its Keras batch_shape [null, H, W, C]. */
    private static SymbolicTensor input(Map<String, Object> config) {
        List<?> batchShape = (List<?>) config.get("batch_shape");
        int[] keras = new int[batchShape.size() - 1];
        for (int i = 0; i < keras.length; i++) {
            keras[i] = integer(batchShape.get(i + 1));
        }
        SymbolicTensor t = InputLayer.input(keras);
        t.layer().named((String) config.get("name"));
        return t;
    }

    private static int integer(Object o) {
        return ((Number) o).intValue();
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }

    /** A number or a list of numbers (Keras's scale and offset). */
    private static double[] numbers(Object o) {
        if (o instanceof Number n) {
            return new double[] {n.doubleValue()};
        }
        return ((List<?>) o).stream().mapToDouble(v -> number(v)).toArray();
    }

    private static List<Integer> ints(Object o) {
        List<Integer> out = new ArrayList<>();
        for (Object v : (List<?>) o) {
            out.add(integer(v));
        }
        return out;
    }
}
