package org.conv4j.engine;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/**
 * Helpers that hold a fast backend to the reference, in llm.c's manner: element i matches when
 * |fast - ref| <= tol + |ref| * eps; a failure lists the first mismatches.
 */
final class OpOracle {
    private OpOracle() {}

    static Tensor random(Backend backend, Random rng, int... shape) {
        double[] values = new double[Tensor.elementCount(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextGaussian();
        }
        return backend.fromDoubles(values, shape);
    }

    /** The same numbers as {@code t}, as a float64 tensor for the reference backend. */
    static Tensor toF64(Tensor t) {
        return Tensor.of(t.toDoubleArray(), t.shape());
    }

    static void assertClose(String what, Tensor reference, Tensor fast, double tol, double eps) {
        if (reference.size() != fast.size()) {
            fail(what + ": sizes differ " + reference.shapeString() + " vs " + fast.shapeString());
        }
        StringBuilder mismatches = new StringBuilder();
        int bad = 0;
        double[] rs = reference.toDoubleArray(), fs = fast.toDoubleArray();
        for (int i = 0; i < rs.length; i++) {
            double r = rs[i], f = fs[i];
            if (!(Math.abs(f - r) <= tol + Math.abs(r) * eps)) {
                if (bad++ < 5) {
                    mismatches.append(String.format("%n  [%d] reference %.8g, fast %.8g", i, r, f));
                }
            }
        }
        if (bad > 0) {
            fail(what + " " + fast.shapeString() + ": " + bad + " of " + reference.size() + " elements differ" + mismatches);
        }
    }
}
