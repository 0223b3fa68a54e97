package org.conv4j.layers.train;

import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;

/**
 * Keras's sparse_categorical_crossentropy: labels are class indices (N) or (N, 1); otherwise
 * exactly categorical cross-entropy on the one-hot rows built from them.
 */
public class SparseCategoricalCrossentropy extends CategoricalCrossentropy {
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    public SparseCategoricalCrossentropy(boolean fromLogits) {
        super(fromLogits);
    }

    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public void checkLabels(Tensor y, int outputWidth) {
        if (!(y.rank() == 1 || (y.rank() == 2 && y.dim(1) == 1))) {
            throw new IllegalArgumentException(name() + " needs class indices (N) or (N, 1), got " + y.shapeString());
        }
        for (int i = 0; i < y.size(); i++) {
            double v = y.get(i);
            if (v != Math.rint(v) || v < 0 || v >= outputWidth) {
                throw new IllegalArgumentException(name() + ": label " + v + " of sample " + i + " is not a class index in [0, "
                        + outputWidth + ")");
            }
        }
    }

    @Override
    public Tensor targets(Backend backend, Tensor y, int[] rows, int outputWidth) {
        float[] t = new float[rows.length * outputWidth];
        for (int r = 0; r < rows.length; r++) {
            t[r * outputWidth + (int) y.get(rows[r])] = 1f;
        }
        return backend.fromFloats(t, rows.length, outputWidth);
    }
}
