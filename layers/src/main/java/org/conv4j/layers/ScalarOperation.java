package org.conv4j.layers;

import java.util.Map;

/**
 * Keras 3's arithmetic of a symbolic tensor and a number inside a model definition,
 * {@code x + 3.0} (ops.add) or {@code x * (1.0 / 6.0)} (ops.multiply), as MobileNetV3's
 * hard_sigmoid writes it: an operation, not a layer ({@link #isOperation}), named as Keras names
 * it ("add", "multiply_1", ...; the numbering is shared with layers, as Keras's is). Computes
 * y = x * scale + offset; backward dx = dy * scale (written).
 */
public final class ScalarOperation extends Rescaling {
    private final String kind;

    private ScalarOperation(String kind, double scale, double offset) {
        super(uniqueName(kind), new double[] {scale}, new double[] {offset});
        this.kind = kind;
    }

    /** x + value. */
    public static SymbolicTensor add(SymbolicTensor x, double value) {
        return new ScalarOperation("add", 1, value).apply(x);
    }

    /** x * value. */
    public static SymbolicTensor multiply(SymbolicTensor x, double value) {
        return new ScalarOperation("multiply", value, 0).apply(x);
    }

    /** Rebuilds an operation from its config (model files). */
    public static ScalarOperation of(String kind, double scale, double offset) {
        if (!kind.equals("add") && !kind.equals("multiply")) {
            throw new IllegalArgumentException("unknown scalar operation '" + kind + "': expected add or multiply");
        }
        return new ScalarOperation(kind, scale, offset);
    }

    @Override
    public boolean isOperation() {
        return true;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("operation", kind);
        return c;
    }
}
