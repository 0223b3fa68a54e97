package org.conv4j.apps;

import org.conv4j.engine.Tensor;

/** Moves image batches between Keras's NHWC and our NCHW. */
final class Layouts {
    private Layouts() {}

    static Tensor nhwcToNchw(Tensor x) {
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
        float[] src = x.toFloatArray(), dst = new float[src.length];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < w; i++) {
                    for (int ch = 0; ch < c; ch++) {
                        dst[((b * c + ch) * h + y) * w + i] = src[((b * h + y) * w + i) * c + ch];
                    }
                }
            }
        }
        return Tensor.of(dst, n, c, h, w);
    }

    static Tensor nchwToNhwc(Tensor x) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        float[] src = x.toFloatArray(), dst = new float[src.length];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int i = 0; i < w; i++) {
                        dst[((b * h + y) * w + i) * c + ch] = src[((b * c + ch) * h + y) * w + i];
                    }
                }
            }
        }
        return Tensor.of(dst, n, h, w, c);
    }
}
