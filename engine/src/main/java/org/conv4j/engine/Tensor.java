package org.conv4j.engine;

import java.util.Arrays;

/**
 * A dense, contiguous, row-major array of float32 or float64 numbers. Images are NCHW
 * (batch, channel, row, column); matrices are (rows, columns).
 *
 * <p>A host tensor keeps its numbers in a Java array ({@link #floats()} or {@link #doubles()}).
 * A device tensor (float32 only) keeps them in an accelerator's memory ({@link #storage()}); the
 * host reads it whole with {@link #toFloatArray()} and writes it with {@link #copyFrom}, never
 * element by element. {@link #reshape} returns a view that shares the numbers. Closing a device
 * tensor gives its memory back (close the tensor you allocated, not a view of it: they share
 * one storage); closing a host tensor does nothing.
 */
public final class Tensor implements AutoCloseable {
    private final int[] shape;
    private final DType dtype;
    private final float[] f32;
    private final double[] f64;
    private final DeviceStorage device;

    private Tensor(int[] shape, float[] f32, double[] f64, DeviceStorage device) {
        this.shape = shape.clone();
        this.f32 = f32;
        this.f64 = f64;
        this.device = device;
        this.dtype = f64 != null ? DType.F64 : DType.F32;
        long n = count(shape);
        long have = f32 != null ? f32.length : f64 != null ? f64.length : device.count();
        if (n != have) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " elements but the data has " + have);
        }
    }

    private Tensor(int[] shape, float[] f32, double[] f64) {
        this(shape, f32, f64, null);
    }

    /** A float32 tensor over device memory (not copied). */
    public static Tensor onDevice(DeviceStorage storage, int... shape) {
        return new Tensor(shape, null, null, storage);
    }

    public static Tensor zeros(DType dtype, int... shape) {
        int n = elementCount(shape);
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

    /** The number of elements of a tensor of {@code shape}; an error past what one tensor indexes (2^31 - 9). */
    public static int elementCount(int... shape) {
        long n = count(shape);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " has " + n
                    + " elements, more than one tensor indexes (2^31 - 9); use a smaller batch or input");
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
        return f32 != null ? f32.length : f64 != null ? f64.length : (int) device.count();
    }

    public boolean isOnDevice() {
        return device != null;
    }

    /** The device memory of a device tensor. */
    public DeviceStorage storage() {
        if (device == null) {
            throw new IllegalStateException("tensor " + shapeString() + " lives on the host, not on a device");
        }
        return device;
    }

    /** "cpu" for a host tensor, else the device's name (e.g. "cuda:0"). */
    public String deviceName() {
        return device == null ? "cpu" : device.device();
    }

    private IllegalStateException onDeviceError(String what) {
        return new IllegalStateException("tensor " + shapeString() + " lives on " + device.device() + ": " + what
                + " reads host arrays only; copy it with toFloatArray() or copyFrom()");
    }

    public boolean hasShape(int... expected) {
        return Arrays.equals(shape, expected);
    }

    /** The float32 storage itself (not a copy). */
    public float[] floats() {
        if (device != null) {
            throw onDeviceError("floats()");
        }
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

    /** One number of a host tensor. */
    public double get(int i) {
        if (device != null) {
            throw onDeviceError("get(i)");
        }
        return f32 != null ? f32[i] : f64[i];
    }

    /** Sets one number of a host tensor. */
    public void set(int i, double v) {
        if (device != null) {
            throw onDeviceError("set(i, v)");
        }
        if (f32 != null) {
            f32[i] = (float) v;
        } else {
            f64[i] = v;
        }
    }

    /** A view with another shape over the same numbers. */
    public Tensor reshape(int... newShape) {
        return new Tensor(newShape, f32, f64, device);
    }

    /** A copy with storage of its own, where this tensor lives. */
    public Tensor copy() {
        if (device != null) {
            return new Tensor(shape, null, null, device.duplicate());
        }
        return f32 != null ? new Tensor(shape, f32.clone(), null) : new Tensor(shape, null, f64.clone());
    }

    /** The numbers as a new host array (downloaded from a device, waiting for its pending work). */
    public float[] toFloatArray() {
        if (device != null) {
            float[] out = new float[size()];
            device.download(out);
            return out;
        }
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
        float[] f = device != null ? toFloatArray() : f32;
        double[] out = new double[f.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    /**
     * Copies all numbers of {@code src} (same size, any dtype, host or device) into this tensor:
     * an upload, a download or a device-to-device copy where one side lives on a device.
     */
    public void copyFrom(Tensor src) {
        if (src.size() != size()) {
            throw new IllegalArgumentException("cannot copy " + src.shapeString() + " into " + shapeString());
        }
        if (device != null && src.device != null) {
            device.copyFrom(src.device);
        } else if (device != null) {
            device.upload(src.f32 != null ? src.f32 : src.toFloatArray());
        } else if (src.device != null) {
            copyFrom(Tensor.of(src.toFloatArray(), src.shape));
        } else if (f32 != null && src.f32 != null) {
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
        return "Tensor" + shapeString() + " " + dtype + (device == null ? "" : " on " + device.device());
    }

    /** Gives device memory back now; host memory belongs to the garbage collector. */
    @Override
    public void close() {
        if (device != null) {
            device.release();
        }
    }
}
