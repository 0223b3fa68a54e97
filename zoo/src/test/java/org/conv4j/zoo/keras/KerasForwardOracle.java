package org.conv4j.zoo.keras;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An independent float64 implementation of Keras's forward pass (inference mode) in Keras's own
 * NHWC layout, reading the weights of a Keras H5 file in file order in their Keras shapes, with
 * TensorFlow's 'same' padding and Keras's correct_pad written out here again. It shares no code
 * with conv4j's layers or importer: the tests hold conv4j's MobileNetV2 to it.
 */
final class KerasForwardOracle {
    /** An NHWC batch. */
    record Images(double[] v, int n, int h, int w, int c) {}

    private final Deque<KerasH5File.Weight> weights = new ArrayDeque<>();

    KerasForwardOracle(KerasH5File file) {
        for (KerasH5File.LayerWeights l : file.layersWithWeights()) {
            weights.addAll(l.weights());
        }
    }

    private double[] next() {
        float[] f = weights.removeFirst().values();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    static int makeDivisible(double v) {
        int r = Math.max(8, (int) (v + 4) / 8 * 8);
        return r < 0.9 * v ? r + 8 : r;
    }

    /** Keras's MobileNetV2 (inference), NHWC in and out; with the top it ends in softmax probabilities. */
    Images mobileNetV2(Images x, double alpha, boolean top) {
        int[][] blocks = {{1, 16, 1}, {6, 24, 2}, {6, 24, 1}, {6, 32, 2}, {6, 32, 1}, {6, 32, 1}, {6, 64, 2}, {6, 64, 1},
            {6, 64, 1}, {6, 64, 1}, {6, 96, 1}, {6, 96, 1}, {6, 96, 1}, {6, 160, 2}, {6, 160, 1}, {6, 160, 1}, {6, 320, 1}};
        x = relu6(bn(conv(x, next(), 3, 3, makeDivisible(32 * alpha), 2, true), 1e-3));
        for (int b = 0; b < blocks.length; b++) {
            Images in = x;
            int filters = makeDivisible((int) (blocks[b][1] * alpha));
            if (b > 0) {
                x = relu6(bn(conv(x, next(), 1, 1, x.c() * blocks[b][0], 1, true), 1e-3));
            }
            if (blocks[b][2] == 2) {
                x = pad(x, x.h() % 2 == 0 ? 0 : 1, 1, x.w() % 2 == 0 ? 0 : 1, 1); // correct_pad for a 3x3 kernel
            }
            x = relu6(bn(depthwise(x, next(), blocks[b][2], blocks[b][2] == 1), 1e-3));
            x = bn(conv(x, next(), 1, 1, filters, 1, true), 1e-3);
            if (in.c() == filters && blocks[b][2] == 1) {
                x = add(in, x);
            }
        }
        x = relu6(bn(conv(x, next(), 1, 1, alpha > 1 ? makeDivisible(1280 * alpha) : 1280, 1, true), 1e-3));
        if (top) {
            x = softmax(dense(globalAverage(x), next(), next()));
        }
        return x;
    }

    /** TF padding: 'same' pads total = max(0, (ceil(in/s)-1)*s + k - in), the odd one at the end; 'valid' none. */
    static int[] padding(int in, int k, int s, boolean same) {
        if (!same) {
            return new int[] {0, 0, (in - k) / s + 1};
        }
        int out = (in + s - 1) / s;
        int total = Math.max(0, (out - 1) * s + k - in);
        return new int[] {total / 2, total - total / 2, out};
    }

    /** Conv2D without bias, kernel (kh, kw, cin, cout). */
    static Images conv(Images x, double[] k, int kh, int kw, int cout, int stride, boolean same) {
        int[] ph = padding(x.h(), kh, stride, same), pw = padding(x.w(), kw, stride, same);
        int oh = ph[2], ow = pw[2];
        double[] y = new double[x.n() * oh * ow * cout];
        java.util.stream.IntStream.range(0, x.n() * oh).parallel().forEach(row -> {
            int n = row / oh, oy = row % oh;
                for (int ox = 0; ox < ow; ox++) {
                    for (int i = 0; i < kh; i++) {
                        int iy = oy * stride - ph[0] + i;
                        for (int j = 0; j < kw; j++) {
                            int ix = ox * stride - pw[0] + j;
                            if (iy < 0 || iy >= x.h() || ix < 0 || ix >= x.w()) {
                                continue;
                            }
                            for (int ci = 0; ci < x.c(); ci++) {
                                double v = x.v()[((n * x.h() + iy) * x.w() + ix) * x.c() + ci];
                                int kBase = ((i * kw + j) * x.c() + ci) * cout;
                                int yBase = ((n * oh + oy) * ow + ox) * cout;
                                for (int co = 0; co < cout; co++) {
                                    y[yBase + co] += v * k[kBase + co];
                                }
                            }
                        }
                    }
                }
        });
        return new Images(y, x.n(), oh, ow, cout);
    }

    /** DepthwiseConv2D 3x3 without bias, multiplier 1, kernel (3, 3, c, 1). */
    static Images depthwise(Images x, double[] k, int stride, boolean same) {
        return depthwise(x, k, 3, stride, same);
    }

    /** DepthwiseConv2D size x size without bias, multiplier 1, kernel (size, size, c, 1). */
    static Images depthwise(Images x, double[] k, int size, int stride, boolean same) {
        int[] ph = padding(x.h(), size, stride, same), pw = padding(x.w(), size, stride, same);
        int oh = ph[2], ow = pw[2], c = x.c();
        double[] y = new double[x.n() * oh * ow * c];
        for (int n = 0; n < x.n(); n++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int i = 0; i < size; i++) {
                        for (int j = 0; j < size; j++) {
                            int iy = oy * stride - ph[0] + i, ix = ox * stride - pw[0] + j;
                            if (iy < 0 || iy >= x.h() || ix < 0 || ix >= x.w()) {
                                continue;
                            }
                            for (int ch = 0; ch < c; ch++) {
                                y[((n * oh + oy) * ow + ox) * c + ch] += x.v()[((n * x.h() + iy) * x.w() + ix) * c + ch] * k[(i * size + j) * c + ch];
                            }
                        }
                    }
                }
            }
        }
        return new Images(y, x.n(), oh, ow, c);
    }

    /** BatchNormalization in inference: (x - mean) / sqrt(var + eps) * gamma + beta, reading gamma, beta, mean, var. */
    Images bn(Images x, double eps) {
        double[] gamma = next(), beta = next(), mean = next(), var = next();
        double[] y = x.v().clone();
        for (int i = 0; i < y.length; i++) {
            int c = i % x.c();
            y[i] = (y[i] - mean[c]) / Math.sqrt(var[c] + eps) * gamma[c] + beta[c];
        }
        return new Images(y, x.n(), x.h(), x.w(), x.c());
    }

    static Images relu6(Images x) {
        double[] y = x.v().clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.min(Math.max(y[i], 0), 6);
        }
        return new Images(y, x.n(), x.h(), x.w(), x.c());
    }

    static Images add(Images a, Images b) {
        double[] y = a.v().clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += b.v()[i];
        }
        return new Images(y, a.n(), a.h(), a.w(), a.c());
    }

    static Images pad(Images x, int top, int bottom, int left, int right) {
        int oh = x.h() + top + bottom, ow = x.w() + left + right;
        double[] y = new double[x.n() * oh * ow * x.c()];
        for (int n = 0; n < x.n(); n++) {
            for (int i = 0; i < x.h(); i++) {
                for (int j = 0; j < x.w(); j++) {
                    System.arraycopy(x.v(), ((n * x.h() + i) * x.w() + j) * x.c(), y, ((n * oh + i + top) * ow + j + left) * x.c(), x.c());
                }
            }
        }
        return new Images(y, x.n(), oh, ow, x.c());
    }

    static Images globalAverage(Images x) {
        double[] y = new double[x.n() * x.c()];
        for (int i = 0; i < x.v().length; i++) {
            int n = i / (x.h() * x.w() * x.c());
            y[n * x.c() + i % x.c()] += x.v()[i] / (x.h() * x.w());
        }
        return new Images(y, x.n(), 1, 1, x.c());
    }

    /** Dense on (N, 1, 1, F) or flattened (N, H, W, C) in Keras's H, W, C order; kernel (in, out). */
    static Images dense(Images x, double[] k, double[] b) {
        int in = x.h() * x.w() * x.c(), out = b.length;
        double[] y = new double[x.n() * out];
        for (int n = 0; n < x.n(); n++) {
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int i = 0; i < in; i++) {
                    s += x.v()[n * in + i] * k[i * out + o];
                }
                y[n * out + o] = s;
            }
        }
        return new Images(y, x.n(), 1, 1, out);
    }

    static Images softmax(Images x) {
        double[] y = x.v().clone();
        int k = x.c();
        for (int n = 0; n < x.n(); n++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, y[n * k + j]);
            }
            for (int j = 0; j < k; j++) {
                y[n * k + j] = Math.exp(y[n * k + j] - max);
                sum += y[n * k + j];
            }
            for (int j = 0; j < k; j++) {
                y[n * k + j] /= sum;
            }
        }
        return new Images(y, x.n(), 1, 1, k);
    }

    /**
     * A small VGG-style network: Conv2D(8, 3x3, same, relu) with bias, MaxPooling2D 2, Conv2D(16,
     * 3x3, same, relu), MaxPooling2D 2, Flatten (Keras's H, W, C order), BatchNormalization (per
     * flattened feature, epsilon 1e-3), Dropout (nothing at inference), Dense(10, relu), Dense(3,
     * softmax): what checks the importer's Flatten permutations.
     */
    Images miniVgg(Images x) {
        x = relu(addBias(conv(x, next(), 3, 3, 8, 1, true), next()));
        x = maxPool2(x);
        x = relu(addBias(conv(x, next(), 3, 3, 16, 1, true), next()));
        x = maxPool2(x);
        x = bn(new Images(x.v(), x.n(), 1, 1, x.h() * x.w() * x.c()), 1e-3);
        x = relu(dense(x, next(), next()));
        return softmax(dense(x, next(), next()));
    }

    /** Keras's VGG16 without the top: 13 'same' 3x3 ReLU convolutions with bias in 5 blocks, each ended by a 2x2 max pool. */
    Images vgg16NoTop(Images x) {
        int[][] blocks = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};
        for (int[] block : blocks) {
            for (int i = 0; i < block[1]; i++) {
                x = relu(addBias(conv(x, next(), 3, 3, block[0], 1, true), next()));
            }
            x = maxPool2(x);
        }
        return x;
    }

    static Images addBias(Images x, double[] b) {
        double[] y = x.v().clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += b[i % x.c()];
        }
        return new Images(y, x.n(), x.h(), x.w(), x.c());
    }

    static Images relu(Images x) {
        double[] y = x.v().clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(y[i], 0);
        }
        return new Images(y, x.n(), x.h(), x.w(), x.c());
    }

    /** MaxPooling2D(2), valid. */
    static Images maxPool2(Images x) {
        return maxPool(x, 2, 2);
    }

    /** MaxPooling2D(size, strides=stride), 'valid'. */
    static Images maxPool(Images x, int size, int stride) {
        int oh = (x.h() - size) / stride + 1, ow = (x.w() - size) / stride + 1, c = x.c();
        double[] y = new double[x.n() * oh * ow * c];
        for (int n = 0; n < x.n(); n++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int ch = 0; ch < c; ch++) {
                        double m = Double.NEGATIVE_INFINITY;
                        for (int a = 0; a < size; a++) {
                            for (int b = 0; b < size; b++) {
                                m = Math.max(m, x.v()[((n * x.h() + i * stride + a) * x.w() + j * stride + b) * c + ch]);
                            }
                        }
                        y[((n * oh + i) * ow + j) * c + ch] = m;
                    }
                }
            }
        }
        return new Images(y, x.n(), oh, ow, c);
    }

    boolean allUsed() {
        return weights.isEmpty();
    }
}
