package org.conv4j.engine.cpu;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * A growable block of off-heap float memory that OpenBLAS reads and writes without JNI copying
 * Java arrays. Java code fills it with bulk puts and reads it with bulk gets (memcpy speed).
 */
final class NativeBuffer {
    private FloatPointer pointer;
    private FloatBuffer buffer;
    private long capacity;

    /** Makes room for {@code floats} values; the old contents are not kept. */
    NativeBuffer ensure(long floats) {
        if (floats > capacity) {
            if (pointer != null) {
                pointer.close();
            }
            capacity = Math.max(floats, capacity + capacity / 2);
            pointer = new FloatPointer(capacity);
            buffer = pointer.asBuffer();
        }
        return this;
    }

    /** A pointer to element {@code offset} (a fresh view; the base pointer is untouched). */
    FloatPointer at(long offset) {
        return new FloatPointer(pointer).position(offset);
    }

    void put(float[] src, int srcOffset, int dstOffset, int length) {
        buffer.put(dstOffset, src, srcOffset, length);
    }

    private static final float[] ZEROS = new float[4096];

    /** Sets elements [from, to) to zero, with bulk copies from a zero block. */
    void zero(int from, int to) {
        for (int i = from; i < to; i += ZEROS.length) {
            buffer.put(i, ZEROS, 0, Math.min(ZEROS.length, to - i));
        }
    }

    void get(int srcOffset, float[] dst, int dstOffset, int length) {
        buffer.get(srcOffset, dst, dstOffset, length);
    }
}
