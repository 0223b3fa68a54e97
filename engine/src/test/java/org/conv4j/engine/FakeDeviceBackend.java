package org.conv4j.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.conv4j.engine.cpu.CpuBackend;

/**
 * A backend whose tensors live on a pretend device (storage the host can reach only through
 * {@link Tensor#toFloatArray()} and {@link Tensor#copyFrom}, as on a GPU) and which computes with
 * the CPU backend. Code that works with it never reads a backend tensor's host array, never mixes
 * host tensors into backend ops, and never uses a tensor after closing it: the plumbing the GPU
 * backend needs, checked on a machine without a GPU, with the CPU's numbers to compare to.
 */
public final class FakeDeviceBackend {
    private FakeDeviceBackend() {}

    /** Device memory that is a host array, released for good on {@link #release()}. */
    static final class Storage implements DeviceStorage {
        private float[] values;

        Storage(float[] values) {
            this.values = values;
        }

        float[] values() {
            if (values == null) {
                throw new IllegalStateException("a fake-device tensor was used after close()");
            }
            return values;
        }

        @Override
        public String device() {
            return "fake:0";
        }

        @Override
        public long count() {
            return values().length;
        }

        @Override
        public void download(float[] dst) {
            System.arraycopy(values(), 0, dst, 0, dst.length);
        }

        @Override
        public void upload(float[] src) {
            System.arraycopy(src, 0, values(), 0, src.length);
        }

        @Override
        public void copyFrom(DeviceStorage src) {
            System.arraycopy(((Storage) src).values(), 0, values(), 0, values().length);
        }

        @Override
        public DeviceStorage duplicate() {
            return new Storage(values().clone());
        }

        @Override
        public void release() {
            values = null;
        }
    }

    public static Backend create() {
        CpuBackend cpu = new CpuBackend(2);
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "name":
                            return "fake-device";
                        case "synchronize":
                            return null;
                        case "zeros":
                            return onDevice(new float[Tensor.elementCount((int[]) args[0])], (int[]) args[0]);
                        case "fromFloats":
                            return onDevice(((float[]) args[0]).clone(), (int[]) args[1]);
                        case "fromDoubles": {
                            double[] d = (double[]) args[0];
                            float[] f = new float[d.length];
                            for (int i = 0; i < f.length; i++) {
                                f[i] = (float) d[i];
                            }
                            return onDevice(f, (int[]) args[1]);
                        }
                        default: {
                            Object[] hostArgs = args == null ? null : args.clone();
                            for (int i = 0; hostArgs != null && i < hostArgs.length; i++) {
                                if (hostArgs[i] instanceof Tensor t) {
                                    hostArgs[i] = hostView(t);
                                }
                            }
                            try {
                                return method.invoke(cpu, hostArgs);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    private static Tensor onDevice(float[] values, int[] shape) {
        return Tensor.onDevice(new Storage(values), shape);
    }

    /** The host array under a device tensor, for the CPU to compute on; host tensors are refused, as on the GPU. */
    private static Tensor hostView(Tensor t) {
        if (!t.isOnDevice()) {
            throw new IllegalArgumentException("a host tensor " + t.shapeString() + " was passed to a device backend's op");
        }
        return Tensor.of(((Storage) t.storage()).values(), t.shape());
    }
}
