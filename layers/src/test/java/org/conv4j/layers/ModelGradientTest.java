package org.conv4j.layers;

import java.util.List;
import java.util.Random;
import org.conv4j.engine.Tensor;
import org.junit.jupiter.api.Test;

/** A gradient check of a whole functional model: residual add (gradients summed), BN, depthwise, dropout. */
class ModelGradientTest {
    @Test
    void residualModelBackwardMatchesCentralDifferences() {
        SymbolicTensor in = InputLayer.input(5, 5, 2);
        SymbolicTensor x = new Conv2D(4, 1).apply(in);
        SymbolicTensor y = new BatchNormalization().apply(x);
        y = new ReLU(6).apply(y);
        y = new DepthwiseConv2D(3).padding("same").apply(y);
        SymbolicTensor sum = new Add().apply(x, y);
        SymbolicTensor out = new Dense(3, "softmax").apply(new Dropout(0.3).apply(new GlobalAveragePooling2D().apply(sum)));
        Model model = new Model(in, out, "residual");
        model.build(GradientCheck.backend(), 3);
        Random rng = new Random(11);
        GradientCheck.randomizeWeights(model, rng);
        Tensor input = GradientCheck.random(rng, 2, 3, 2, 5, 5);
        Tensor probe = GradientCheck.random(rng, 1, 3, 3);
        model.setNeedInputGradient(true);
        GradientCheck.check("residual model", () -> GradientCheck.dot(model.forward(input, true), probe), () -> {
            model.forward(input, true);
            return model.backward(probe);
        }, List.of(input), model.trainableWeights());
    }
}
