package org.conv4j.engine;

/**
 * The textbook version of every op, in plain loops over float64 arrays: the oracle the fast
 * backends are tested against, and the place to read what an op computes.
 *
 * <p>Layouts: images NCHW, matrices row-major; index helpers are written out in each loop so the
 * formula can be read off the code. Every method writes its outputs unless it says it accumulates.
 */
public final class ReferenceOps {
    private ReferenceOps() {}

    // ---------------------------------------------------------------- matrices

    /** C(M,N) = alpha * op(A) * op(B) + beta * C with op(A) (M,K) and op(B) (K,N). */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                            double[] a, double[] b, double beta, double[] c) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[p * m + i] : a[i * k + p];
                    double bv = transB ? b[j * k + p] : b[p * n + j];
                    acc += av * bv;
                }
                c[i * n + j] = alpha * acc + (beta == 0 ? 0 : beta * c[i * n + j]);
            }
        }
    }

    // ---------------------------------------------------------------- convolution

    /** Shapes of a convolution, read from x (N,C,H,W) and w (Cout, C/groups, KH, KW). */
    public record ConvShape(int n, int c, int h, int w, int cout, int kh, int kw, int oh, int ow, int groups) {
        public int cinPerGroup() {
            return c / groups;
        }

        public int coutPerGroup() {
            return cout / groups;
        }
    }

    /** One multiply-add of a convolution: input element, kernel element, output element (flat NCHW indices). */
    @FunctionalInterface
    interface Tap {
        void visit(int xIndex, int wIndex, int yIndex);
    }

    /**
     * Visits every tap of the convolution in textbook order: output y[n,co,oy,ox] reads
     * x[n, g*Cg + ci, oy*sh - padTop + ky*dh, ox*sw - padLeft + kx*dw] * w[co, ci, ky, kx] for ci in
     * co's group g (taps that fall in the zero padding are skipped). Forward and both backwards are
     * this one loop with a different multiply-add.
     */
    static void forEachTap(ConvShape s, ConvSpec p, Tap tap) {
        int cg = s.cinPerGroup();
        int og = s.coutPerGroup();
        for (int n = 0; n < s.n(); n++) {
            for (int co = 0; co < s.cout(); co++) {
                int g = co / og;
                for (int oy = 0; oy < s.oh(); oy++) {
                    for (int ox = 0; ox < s.ow(); ox++) {
                        int yIndex = ((n * s.cout() + co) * s.oh() + oy) * s.ow() + ox;
                        for (int ci = 0; ci < cg; ci++) {
                            for (int ky = 0; ky < s.kh(); ky++) {
                                int iy = oy * p.strideH() - p.padTop() + ky * p.dilationH();
                                if (iy < 0 || iy >= s.h()) {
                                    continue;
                                }
                                for (int kx = 0; kx < s.kw(); kx++) {
                                    int ix = ox * p.strideW() - p.padLeft() + kx * p.dilationW();
                                    if (ix >= 0 && ix < s.w()) {
                                        tap.visit(((n * s.c() + g * cg + ci) * s.h() + iy) * s.w() + ix,
                                                ((co * cg + ci) * s.kh() + ky) * s.kw() + kx, yIndex);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** y[n,co,oy,ox] = sum over its taps of x * w. */
    public static void conv2dForward(double[] x, double[] wt, double[] y, ConvShape s, ConvSpec p) {
        java.util.Arrays.fill(y, 0);
        forEachTap(s, p, (xi, wi, yi) -> y[yi] += x[xi] * wt[wi]);
    }

    /** dx[xi] = sum over every tap that read x[xi] of dy * w. */
    public static void conv2dBackwardData(double[] dy, double[] wt, double[] dx, ConvShape s, ConvSpec p) {
        java.util.Arrays.fill(dx, 0);
        forEachTap(s, p, (xi, wi, yi) -> dx[xi] += dy[yi] * wt[wi]);
    }

    /** dw[wi] = sum over every tap that used w[wi] of dy * x. */
    public static void conv2dBackwardFilter(double[] x, double[] dy, double[] dw, ConvShape s, ConvSpec p) {
        java.util.Arrays.fill(dw, 0);
        forEachTap(s, p, (xi, wi, yi) -> dw[wi] += dy[yi] * x[xi]);
    }

    /** y[n,c,i] += bias[c] for y seen as (N, C, inner). */
    public static void biasAdd(double[] y, double[] bias, int n, int c, int inner) {
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < inner; i++) {
                    y[(b * c + ch) * inner + i] += bias[ch];
                }
            }
        }
    }

    /** dbias[c] = sum over n and i of dy[n,c,i]. */
    public static void biasGrad(double[] dy, double[] dbias, int n, int c, int inner) {
        for (int ch = 0; ch < c; ch++) {
            double acc = 0;
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < inner; i++) {
                    acc += dy[(b * c + ch) * inner + i];
                }
            }
            dbias[ch] = acc;
        }
    }

    /** out[o,j,i] = x[o,j,i] * s[j] for x seen as (outer, S, inner). */
    public static void multiplyBroadcast(double[] x, double[] s, double[] out, int outer, int S, int inner) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < S; j++) {
                for (int i = 0; i < inner; i++) {
                    int k = (o * S + j) * inner + i;
                    out[k] = x[k] * s[j];
                }
            }
        }
    }

    /** ds[j] = sum over o and i of dy[o,j,i] * x[o,j,i]. */
    public static void multiplyBroadcastGrad(double[] dy, double[] x, double[] ds, int outer, int S, int inner) {
        for (int j = 0; j < S; j++) {
            double acc = 0;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int k = (o * S + j) * inner + i;
                    acc += dy[k] * x[k];
                }
            }
            ds[j] = acc;
        }
    }

    // ---------------------------------------------------------------- batch normalization

    /** mean[c], biased var[c] over (n, i); y = gamma*(x-mean)/sqrt(var+eps) + beta. */
    public static void batchNormTraining(double[] x, double[] gamma, double[] beta, double eps, double[] y,
                                         double[] mean, double[] var, int n, int c, int inner) {
        int m = n * inner;
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < inner; i++) {
                    s += x[(b * c + ch) * inner + i];
                }
            }
            double mu = s / m;
            double sq = 0;
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < inner; i++) {
                    double d = x[(b * c + ch) * inner + i] - mu;
                    sq += d * d;
                }
            }
            mean[ch] = mu;
            var[ch] = sq / m;
        }
        batchNormInference(x, gamma, beta, mean, var, eps, y, n, c, inner);
    }

    public static void batchNormInference(double[] x, double[] gamma, double[] beta, double[] mean, double[] var,
                                          double eps, double[] y, int n, int c, int inner) {
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                double inv = 1 / Math.sqrt(var[ch] + eps);
                for (int i = 0; i < inner; i++) {
                    int k = (b * c + ch) * inner + i;
                    y[k] = gamma[ch] * (x[k] - mean[ch]) * inv + beta[ch];
                }
            }
        }
    }

    /** See {@link Backend#batchNormBackward}: the formula is derived by the chain rule through mean and var. */
    public static void batchNormBackward(double[] x, double[] dy, double[] gamma, double[] mean, double[] var,
                                         double eps, double[] dx, double[] dgamma, double[] dbeta,
                                         int n, int c, int inner) {
        int m = n * inner;
        for (int ch = 0; ch < c; ch++) {
            double inv = 1 / Math.sqrt(var[ch] + eps);
            double sdy = 0;
            double sdyx = 0;
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < inner; i++) {
                    int k = (b * c + ch) * inner + i;
                    sdy += dy[k];
                    sdyx += dy[k] * (x[k] - mean[ch]) * inv;
                }
            }
            dbeta[ch] = sdy;
            dgamma[ch] = sdyx;
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < inner; i++) {
                    int k = (b * c + ch) * inner + i;
                    double xhat = (x[k] - mean[ch]) * inv;
                    dx[k] = gamma[ch] * inv * (dy[k] - sdy / m - xhat * sdyx / m);
                }
            }
        }
    }

    /** dx = dy * gamma / sqrt(var + eps); if dgamma != null, dgamma and dbeta as in the Backend comment. */
    public static void batchNormBackwardInference(double[] x, double[] dy, double[] gamma, double[] mean, double[] var,
                                                  double eps, double[] dx, double[] dgamma, double[] dbeta,
                                                  int n, int c, int inner) {
        for (int ch = 0; ch < c; ch++) {
            double inv = 1 / Math.sqrt(var[ch] + eps);
            double sdy = 0;
            double sdyx = 0;
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < inner; i++) {
                    int k = (b * c + ch) * inner + i;
                    dx[k] = dy[k] * gamma[ch] * inv;
                    sdy += dy[k];
                    sdyx += dy[k] * (x[k] - mean[ch]) * inv;
                }
            }
            if (dgamma != null) {
                dgamma[ch] = sdyx;
                dbeta[ch] = sdy;
            }
        }
    }

    // ---------------------------------------------------------------- pooling

    /** y[p,oy,ox] = max of x[p, oy*sh - top + i, ox*sw - left + j] over the window's inside positions. */
    public static void maxPoolForward(double[] x, double[] y, int planes, int h, int w, int oh, int ow, PoolSpec s) {
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    y[(p * oh + oy) * ow + ox] = x[p * h * w + argmaxInWindow(x, p, h, w, oy, ox, s)];
                }
            }
        }
    }

    /** dx[first argmax of each window] += dy[window]. */
    public static void maxPoolBackward(double[] x, double[] dy, double[] dx, int planes, int h, int w,
                                       int oh, int ow, PoolSpec s) {
        java.util.Arrays.fill(dx, 0);
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    dx[p * h * w + argmaxInWindow(x, p, h, w, oy, ox, s)] += dy[(p * oh + oy) * ow + ox];
                }
            }
        }
    }

    /** Offset within plane p of the first (row-major) largest value of window (oy, ox). */
    private static int argmaxInWindow(double[] x, int p, int h, int w, int oy, int ox, PoolSpec s) {
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.poolH(); i++) {
            int iy = oy * s.strideH() - s.padTop() + i;
            for (int j = 0; j < s.poolW(); j++) {
                int ix = ox * s.strideW() - s.padLeft() + j;
                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                    double v = x[p * h * w + iy * w + ix];
                    if (best < 0 || v > bestValue) {
                        best = iy * w + ix;
                        bestValue = v;
                    }
                }
            }
        }
        return best;
    }

    /** y = (sum of the inside positions of the window) / (their count). */
    public static void avgPoolForward(double[] x, double[] y, int planes, int h, int w, int oh, int ow, PoolSpec s) {
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double acc = 0;
                    int count = 0;
                    for (int i = 0; i < s.poolH(); i++) {
                        for (int j = 0; j < s.poolW(); j++) {
                            int iy = oy * s.strideH() - s.padTop() + i;
                            int ix = ox * s.strideW() - s.padLeft() + j;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                acc += x[(p * h + iy) * w + ix];
                                count++;
                            }
                        }
                    }
                    y[(p * oh + oy) * ow + ox] = count == 0 ? 0 : acc / count;
                }
            }
        }
    }

    /** dx[inside position] += dy[window] / count for every window that covers it. */
    public static void avgPoolBackward(double[] dy, double[] dx, int planes, int h, int w, int oh, int ow, PoolSpec s) {
        java.util.Arrays.fill(dx, 0);
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int y0 = Math.max(0, oy * s.strideH() - s.padTop());
                    int y1 = Math.min(h, oy * s.strideH() - s.padTop() + s.poolH());
                    int x0 = Math.max(0, ox * s.strideW() - s.padLeft());
                    int x1 = Math.min(w, ox * s.strideW() - s.padLeft() + s.poolW());
                    int count = Math.max(0, y1 - y0) * Math.max(0, x1 - x0);
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) {
                            dx[(p * h + iy) * w + ix] += dy[(p * oh + oy) * ow + ox] / count;
                        }
                    }
                }
            }
        }
    }

    /** y[p] = mean of plane p (of size hw). */
    public static void globalAvgPoolForward(double[] x, double[] y, int planes, int hw) {
        for (int p = 0; p < planes; p++) {
            double acc = 0;
            for (int i = 0; i < hw; i++) {
                acc += x[p * hw + i];
            }
            y[p] = acc / hw;
        }
    }

    public static void globalAvgPoolBackward(double[] dy, double[] dx, int planes, int hw) {
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < hw; i++) {
                dx[p * hw + i] = dy[p] / hw;
            }
        }
    }

    // ---------------------------------------------------------------- image transforms

    /** TensorFlow's MapCoordinate: a coordinate outside [0, len - 1] brought inside by the fill mode, clamped. */
    public static double mapCoordinate(double c, int len, FillMode fill) {
        double in = c;
        switch (fill) {
            case REFLECT:
                if (in < 0) {
                    if (len <= 1) {
                        in = 0;
                    } else {
                        long twice = 2L * len;
                        in = twice * (long) (-in / twice) + in;
                        in = in < -len ? in + twice : -in - 1;
                    }
                } else if (in > len - 1) {
                    if (len <= 1) {
                        in = 0;
                    } else {
                        long twice = 2L * len;
                        in -= twice * (long) (in / twice);
                        if (in >= len) {
                            in = twice - in - 1;
                        }
                    }
                }
                return Math.min(Math.max(in, 0), len - 1);
            case WRAP:
                if (in < 0) {
                    if (len <= 1) {
                        in = 0;
                    } else {
                        long span = len - 1;
                        in += len * ((long) (-in / span) + 1);
                    }
                } else if (in > len - 1) {
                    if (len <= 1) {
                        in = 0;
                    } else {
                        long span = len - 1;
                        in -= len * (long) (in / span);
                    }
                }
                return Math.min(Math.max(in, 0), len - 1);
            case NEAREST:
                return Math.min(Math.max(in, 0), len - 1);
            default:
                return in;
        }
    }

    /** Pixel (y, x) of a plane, or the fill value outside it. */
    private static double read(double[] x, int base, int h, int w, long yi, long xi, double fillValue) {
        return yi >= 0 && yi < h && xi >= 0 && xi < w ? x[base + (int) yi * w + (int) xi] : fillValue;
    }

    /** See Backend#imageTransform; planes of n images of c channels, transforms (n, 8). */
    public static void imageTransform(double[] x, double[] t, double[] y, int n, int c, int h, int w, int oh, int ow,
                                      boolean bilinear, FillMode fill, double fillValue) {
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                int in = (b * c + ch) * h * w, out = (b * c + ch) * oh * ow;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double k = t[b * 8 + 6] * ox + t[b * 8 + 7] * oy + 1;
                        if (k == 0) {
                            y[out + oy * ow + ox] = fillValue;
                            continue;
                        }
                        double sx = mapCoordinate((t[b * 8] * ox + t[b * 8 + 1] * oy + t[b * 8 + 2]) / k, w, fill);
                        double sy = mapCoordinate((t[b * 8 + 3] * ox + t[b * 8 + 4] * oy + t[b * 8 + 5]) / k, h, fill);
                        double v;
                        if (!bilinear) {
                            v = read(x, in, h, w, roundHalfAway(sy), roundHalfAway(sx), fillValue);
                        } else {
                            double y0 = Math.floor(sy), x0 = Math.floor(sx), y1 = y0 + 1, x1 = x0 + 1;
                            double top = (x1 - sx) * read(x, in, h, w, (long) y0, (long) x0, fillValue)
                                    + (sx - x0) * read(x, in, h, w, (long) y0, (long) x1, fillValue);
                            double bottom = (x1 - sx) * read(x, in, h, w, (long) y1, (long) x0, fillValue)
                                    + (sx - x0) * read(x, in, h, w, (long) y1, (long) x1, fillValue);
                            v = (y1 - sy) * top + (sy - y0) * bottom;
                        }
                        y[out + oy * ow + ox] = v;
                    }
                }
            }
        }
    }

    /** C's round: halves away from zero. */
    public static long roundHalfAway(double v) {
        return v < 0 ? -Math.round(-v) : Math.round(v);
    }

    // ---------------------------------------------------------------- activations

    public static double activation(Activation f, double maxValue, double x) {
        switch (f) {
            case LINEAR:
                return x;
            case RELU:
                return Math.min(Math.max(x, 0), maxValue);
            case SIGMOID:
                return 1 / (1 + Math.exp(-x));
            case TANH:
                return Math.tanh(x);
            case SWISH:
                return x / (1 + Math.exp(-x));
            case HARD_SIGMOID:
                return Math.min(Math.max(x + 3, 0), 6) / 6;
            case HARD_SWISH:
                return x * Math.min(Math.max(x + 3, 0), 6) / 6;
            default:
                throw new IllegalArgumentException("unknown activation " + f);
        }
    }

    /**
     * f'(x) given x and y = f(x). ReLU's derivative is 1 strictly inside (0, maxValue), else 0; at the
     * kinks -3 and 3 hard_sigmoid's is 0 and hard_swish's is its value outside (-3, 3).
     */
    public static double activationDerivative(Activation f, double maxValue, double x, double y) {
        switch (f) {
            case LINEAR:
                return 1;
            case RELU:
                return x > 0 && x < maxValue ? 1 : 0;
            case SIGMOID:
                return y * (1 - y);
            case TANH:
                return 1 - y * y;
            case SWISH: {
                double s = 1 / (1 + Math.exp(-x));
                return s + x * s * (1 - s);
            }
            case HARD_SIGMOID:
                return x > -3 && x < 3 ? 1.0 / 6 : 0;
            case HARD_SWISH:
                // d/dx x*(x+3)/6 = (2x+3)/6 inside (-3, 3); 0 below, 1 above
                return x <= -3 ? 0 : x >= 3 ? 1 : (2 * x + 3) / 6;
            default:
                throw new IllegalArgumentException("unknown activation " + f);
        }
    }

    /** y[r,k] = e^(x[r,k] - max_r) / sum_j e^(x[r,j] - max_r) for rows r of length k. */
    public static void softmax(double[] x, double[] y, int rows, int k) {
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, x[r * k + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                y[r * k + j] = Math.exp(x[r * k + j] - max);
                sum += y[r * k + j];
            }
            for (int j = 0; j < k; j++) {
                y[r * k + j] /= sum;
            }
        }
    }

    /** dx[r,j] = y[r,j] * (dy[r,j] - sum_i dy[r,i] * y[r,i]). */
    public static void softmaxBackward(double[] y, double[] dy, double[] dx, int rows, int k) {
        for (int r = 0; r < rows; r++) {
            double dot = 0;
            for (int j = 0; j < k; j++) {
                dot += dy[r * k + j] * y[r * k + j];
            }
            for (int j = 0; j < k; j++) {
                dx[r * k + j] = y[r * k + j] * (dy[r * k + j] - dot);
            }
        }
    }

    /** keep with probability 1 - rate, scaled by 1 / (1 - rate) (Keras's inverted dropout). */
    public static double dropoutMaskValue(double rate, long seed, long i) {
        return CounterRng.uniform(seed, i) >= rate ? 1 / (1 - rate) : 0;
    }

    // ---------------------------------------------------------------- padding

    /** y[p][i + top][j + left] = x[p][i][j] for planes p of x (h, w) and y (oh, ow); zeros elsewhere. */
    public static void pad2d(double[] x, double[] y, int planes, int h, int w, int oh, int ow, int top, int left) {
        java.util.Arrays.fill(y, 0);
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    y[(p * oh + i + top) * ow + j + left] = x[(p * h + i) * w + j];
                }
            }
        }
    }

    /** x[p][i][j] = y[p][i + top][j + left]: the (h, w) window of each plane of y. */
    public static void crop2d(double[] y, double[] x, int planes, int h, int w, int oh, int ow, int top, int left) {
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    x[(p * h + i) * w + j] = y[(p * oh + i + top) * ow + j + left];
                }
            }
        }
    }

    // ---------------------------------------------------------------- losses

    /** Mean over rows of -sum_k t*log(softmax(z)); dz = (softmax(z) - t) / rows. */
    public static double softmaxCrossEntropy(double[] z, double[] t, double[] probs, double[] dz, int rows, int k) {
        softmax(z, probs, rows, k);
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z[r * k + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(z[r * k + j] - max);
            }
            double logSum = max + Math.log(sum);
            for (int j = 0; j < k; j++) {
                loss -= t[r * k + j] * (z[r * k + j] - logSum);
                dz[r * k + j] = (probs[r * k + j] - t[r * k + j]) / rows;
            }
        }
        return loss / rows;
    }

    /** Mean of max(z,0) - z*t + log(1 + e^-|z|) = -(t*log(p) + (1-t)*log(1-p)); dz = (p - t) / size. */
    public static double sigmoidBinaryCrossEntropy(double[] z, double[] t, double[] probs, double[] dz) {
        double loss = 0;
        for (int i = 0; i < z.length; i++) {
            probs[i] = 1 / (1 + Math.exp(-z[i]));
            loss += Math.max(z[i], 0) - z[i] * t[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
            dz[i] = (probs[i] - t[i]) / z.length;
        }
        return loss / z.length;
    }

    // ---------------------------------------------------------------- optimizers

    public static void sgdUpdate(double[] w, double[] g, double[] m, double lr, double momentum, boolean nesterov) {
        for (int i = 0; i < w.length; i++) {
            if (momentum == 0) {
                w[i] -= lr * g[i];
            } else {
                m[i] = momentum * m[i] - lr * g[i];
                w[i] += nesterov ? momentum * m[i] - lr * g[i] : m[i];
            }
        }
    }

    public static void adamUpdate(double[] w, double[] g, double[] m, double[] v, double lr, double beta1,
                                  double beta2, double eps, long t) {
        double alpha = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        for (int i = 0; i < w.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            w[i] -= alpha * m[i] / (Math.sqrt(v[i]) + eps);
        }
    }

    public static void rmspropUpdate(double[] w, double[] g, double[] v, double lr, double rho, double eps) {
        for (int i = 0; i < w.length; i++) {
            v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
            w[i] -= lr * g[i] / Math.sqrt(v[i] + eps);
        }
    }
}
