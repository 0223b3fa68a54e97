package org.conv4j.engine;

/** Element types of a {@link Tensor}: float32 for work, float64 for the reference backend and gradient checks. */
public enum DType {
    F32(4),
    F64(8);

    public final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }
}
