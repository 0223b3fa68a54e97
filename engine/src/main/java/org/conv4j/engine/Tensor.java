package org.conv4j.engine;

import java.util.Arrays;

/**
 * A dense, contiguous, row-major array of float32 or float64 numbers. Images are NCHW
 * (batch, channel, row, column); matrices are (rows, columns).
 *
 * <p>A host tensor keeps its numbers in a Java array ({@link #floats()} or {@link #doubles()}).
 * {@link #reshape} returns a view that shares those numbers. Tensors are {@link AutoCloseable}
 * so that device tensors can give their memory back; closing a host tensor does nothing.
 */
public final class Tensor implements AutoCloseable {
    private final int[] shape;
    private final DType dtype;
    private final float[] f32;
    private final double[] f64;

    private Tensor(int[] shape, float[] f32, double[] f64) {
        this.shape = shape.clone();
        this.f32 = f32;
        this.f64 = f64;
        this.dtype = f32 != null ? DType.F32 : DType.F64;
        long n = count(shape);
        long have = f32 != null ? f32.length : f64.length;
        if (n != have) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " elements but the data has " + have);
        }
    }

    public static Tensor zeros(DType dtype, int... shape) {
        int n = checkedCount(shape);
        return dtype == DType.F32 ? new Tensor(shape, new float[n], null) : new Tensor(shape, null, new double[n]);
    }

    /** Wraps {@code data} without copying it. */
    public static Tensor of(float[] data, int... shape) {
        return new Tensor(shape, data, null);
    }

    /** Wraps {@code data} without copying it. */
    public static Tensor of(double[] data, int... shape) {
        return new Tensor(shape, null, data);
    }

    private static int checkedCount(int[] shape) {
        long n = count(shape);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " is too large for one Java array");
        }
        return (int) n;
    }

    private static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    public DType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Size of axis {@code axis}; negative counts from the end. */
    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    public int size() {
        return f32 != null ? f32.length : f64.length;
    }

    public boolean hasShape(int... expected) {
        return Arrays.equals(shape, expected);
    }

    /** The float32 storage itself (not a copy). */
    public float[] floats() {
        if (f32 == null) {
            throw new IllegalStateException("tensor " + shapeString() + " holds float64, not float32");
        }
        return f32;
    }

    /** The float64 storage itself (not a copy). */
    public double[] doubles() {
        if (f64 == null) {
            throw new IllegalStateException("tensor " + shapeString() + " holds float32, not float64");
        }
        return f64;
    }

    public double get(int i) {
        return f32 != null ? f32[i] : f64[i];
    }

    public void set(int i, double v) {
        if (f32 != null) {
            f32[i] = (float) v;
        } else {
            f64[i] = v;
        }
    }

    /** A view with another shape over the same numbers. */
    public Tensor reshape(int... newShape) {
        return new Tensor(newShape, f32, f64);
    }

    public Tensor copy() {
        return f32 != null ? new Tensor(shape, f32.clone(), null) : new Tensor(shape, null, f64.clone());
    }

    public float[] toFloatArray() {
        if (f32 != null) {
            return f32.clone();
        }
        float[] out = new float[f64.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) f64[i];
        }
        return out;
    }

    public double[] toDoubleArray() {
        if (f64 != null) {
            return f64.clone();
        }
        double[] out = new double[f32.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f32[i];
        }
        return out;
    }

    /** Copies all numbers of {@code src} (same size, any dtype) into this tensor. */
    public void copyFrom(Tensor src) {
        if (src.size() != size()) {
            throw new IllegalArgumentException("cannot copy " + src.shapeString() + " into " + shapeString());
        }
        if (f32 != null && src.f32 != null) {
            System.arraycopy(src.f32, 0, f32, 0, f32.length);
        } else if (f64 != null && src.f64 != null) {
            System.arraycopy(src.f64, 0, f64, 0, f64.length);
        } else {
            for (int i = 0; i < size(); i++) {
                set(i, src.get(i));
            }
        }
    }

    public String shapeString() {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    @Override
    public String toString() {
        return "Tensor" + shapeString() + " " + dtype;
    }

    @Override
    public void close() {
        // Host memory belongs to the garbage collector.
    }
}
