package org.conv4j.engine;

/**
 * The numbers of a device {@link Tensor}: {@link #count()} float32 values in an accelerator's
 * memory. Transfers wait for the work already queued on the device that touches this memory, so
 * a download always sees the results of every op called before it.
 */
public interface DeviceStorage {
    /** The device's name, e.g. "cuda:0". */
    String device();

    /** The number of float32 values held. */
    long count();

    /** Writes all values into {@code dst} (length {@link #count()}). */
    void download(float[] dst);

    /** Overwrites all values with {@code src} (length {@link #count()}). */
    void upload(float[] src);

    /** Overwrites all values with those of {@code src} (same count), device to device. */
    void copyFrom(DeviceStorage src);

    /** New storage on the same device holding a copy of these values. */
    DeviceStorage duplicate();

    /** Gives the memory back to the device's allocator; the storage must not be used afterwards. */
    void release();
}
