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

    /** Runs shorter than this are gathered in a Java array first and moved in one bulk copy. */
    private static final int SHORT_RUN = 64;

    /**
     * Lays out blocks of a batch as GEMM columns: for image i < images and channel r < channels,
     * the run of {@code pix} values at heap[base + i*imageStride + r*pix] goes to element
     * r*(images*pix) + i*pix here. {@code stage} is scratch of at least channels*images*pix floats.
     */
    void putBlocks(float[] heap, int base, int imageStride, int channels, int pix, int images, float[] stage) {
        int width = images * pix;
        boolean staged = pix < SHORT_RUN;
        for (int i = 0; i < images; i++) {
            for (int r = 0; r < channels; r++) {
                int from = base + i * imageStride + r * pix, to = r * width + i * pix;
                if (staged) {
                    System.arraycopy(heap, from, stage, to, pix);
                } else {
                    buffer.put(to, heap, from, pix);
                }
            }
        }
        if (staged) {
            buffer.put(0, stage, 0, channels * width);
        }
    }

    /** The inverse of {@link #putBlocks}: GEMM columns back to (image, channel, pixel) blocks of the heap array. */
    void getBlocks(float[] heap, int base, int imageStride, int channels, int pix, int images, float[] stage) {
        int width = images * pix;
        boolean staged = pix < SHORT_RUN;
        if (staged) {
            buffer.get(0, stage, 0, channels * width);
        }
        for (int i = 0; i < images; i++) {
            for (int r = 0; r < channels; r++) {
                int from = r * width + i * pix, to = base + i * imageStride + r * pix;
                if (staged) {
                    System.arraycopy(stage, from, heap, to, pix);
                } else {
                    buffer.get(from, heap, to, pix);
                }
            }
        }
    }

    void get(int srcOffset, float[] dst, int dstOffset, int length) {
        buffer.get(srcOffset, dst, dstOffset, length);
    }
}
