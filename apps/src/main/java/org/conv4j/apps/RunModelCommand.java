package org.conv4j.apps;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code conv4j run-model}: one forward pass in inference mode on an input already preprocessed,
 * given as a .npy float32 array in Keras's NHWC layout with --input (any batch and size; the
 * model is built for that size), written as .npy float32 (NHWC for 4-D outputs): what
 * {@code model.predict(x)} returns in Keras.
 */
@Command(name = "run-model", description = "Run a model on a NHWC .npy input and write its output as .npy (Keras's model.predict).")
public final class RunModelCommand implements Callable<Integer> {
    @Mixin
    ModelOptions options;

    @Mixin
    DeviceOptions device;

    @Option(names = "--input", required = true, description = "the input array X.npy: (N, H, W, C) float32, already preprocessed")
    Path input;

    @Option(names = "--output", required = true, description = "where to write the output .npy")
    Path output;

    @Option(names = "--batch-size", defaultValue = "32", description = "images per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Override
    public Integer call() throws Exception {
        if (!input.toString().endsWith(".npy")) {
            throw new IllegalArgumentException("give the input array as --input X.npy (N, H, W, C) float32, already preprocessed");
        }
        Path in = input;
        Tensor x = Npy.read(in);
        if (x.rank() != 4) {
            throw new IllegalArgumentException(in + " has shape " + x.shapeString() + ": expected (N, H, W, C)");
        }
        options.inputShapeText = x.dim(1) + "x" + x.dim(2) + "x" + x.dim(3);
        Backend backend = device.backend();
        Model model = options.build(backend, device.seed());
        Tensor y = model.predict(Layouts.nhwcToNchw(x), batchSize);
        Tensor out = y.rank() == 4 ? Layouts.nchwToNhwc(y) : y;
        Npy.write(output, out);
        System.out.printf(Locale.ROOT, "%s: input %s -> output %s (%s) written to %s%n", model.name(), x.shapeString(),
                out.shapeString(), Layer.kerasShape(model.outputShape()), output);
        return 0;
    }
}
