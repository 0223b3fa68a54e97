package org.conv4j.engine.cpu;

/**
 * Batch normalization over (N, C, inner) tensors, one task per channel; statistics are summed in
 * float64 so that large batches lose nothing, in four running sums so that each addition does not
 * wait for the one before (one chain of float64 additions runs at a quarter of the core's add
 * throughput, and these sums are most of the layer's time). Formulas: see
 * {@link org.conv4j.engine.Backend}.
 */
final class CpuBatchNorm {
    private final Parallel parallel;

    CpuBatchNorm(Parallel parallel) {
        this.parallel = parallel;
    }

    void training(float[] x, float[] gamma, float[] beta, double eps, float[] y, float[] mean, float[] var,
                  int n, int c, int inner) {
        int m = n * inner;
        parallel.forRange(c, (start, end, t) -> {
            for (int ch = start; ch < end; ch++) {
                double s = 0;
                for (int b = 0; b < n; b++) {
                    s += sum(x, (b * c + ch) * inner, inner);
                }
                double mu = s / m;
                double sq = 0;
                for (int b = 0; b < n; b++) {
                    sq += squaredDeviations(x, (b * c + ch) * inner, inner, mu);
                }
                mean[ch] = (float) mu;
                var[ch] = (float) (sq / m);
                normalize(x, y, n, c, inner, ch, mu, sq / m, gamma[ch], beta[ch], eps);
            }
        });
    }

    /**
     * y = x * scale[ch] + shift[ch] in memory order, plane after plane: with planes of a few pixels
     * (MobileNetV2's 4x4 to 1x1 at 32x32), a pass per channel strides across the whole batch and
     * took MobileNetV2's inference 32 ms a batch, a quarter of it.
     */
    void inference(float[] x, float[] gamma, float[] beta, float[] mean, float[] var, double eps, float[] y,
                   int n, int c, int inner) {
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int ch = 0; ch < c; ch++) {
            scale[ch] = scale(gamma[ch], var[ch], eps);
            shift[ch] = shift(gamma[ch], beta[ch], mean[ch], var[ch], eps);
        }
        parallel.forRange(n * c, Math.max(1, PLANE_GRAIN / inner), (start, end, t) -> {
            for (int p = start; p < end; p++) {
                float k = scale[p % c], b = shift[p % c];
                int base = p * inner;
                for (int i = 0; i < inner; i++) {
                    y[base + i] = x[base + i] * k + b;
                }
            }
        });
    }

    /** Below this many values per thread, inference runs on one thread. */
    private static final int PLANE_GRAIN = 1 << 14;

    /** gamma / sqrt(var + eps), rounded to float. */
    private static float scale(double gamma, double var, double eps) {
        return (float) (gamma / Math.sqrt(var + eps));
    }

    /** beta - mean * gamma / sqrt(var + eps), rounded to float. */
    private static float shift(double gamma, double beta, double mean, double var, double eps) {
        return (float) (beta - mean * gamma / Math.sqrt(var + eps));
    }

    /** y = x * scale + shift for channel ch (see {@link #scale}, {@link #shift}). */
    private static void normalize(float[] x, float[] y, int n, int c, int inner, int ch,
                                  double mean, double var, double gamma, double beta, double eps) {
        float scale = scale(gamma, var, eps);
        float shift = shift(gamma, beta, mean, var, eps);
        for (int b = 0; b < n; b++) {
            int base = (b * c + ch) * inner;
            for (int i = 0; i < inner; i++) {
                y[base + i] = x[base + i] * scale + shift;
            }
        }
    }

    void backward(float[] x, float[] dy, float[] gamma, float[] mean, float[] var, double eps,
                  float[] dx, float[] dgamma, float[] dbeta, int n, int c, int inner) {
        int m = n * inner;
        parallel.forRange(c, (start, end, t) -> {
            for (int ch = start; ch < end; ch++) {
                double inv = 1 / Math.sqrt(var[ch] + eps);
                float mu = mean[ch];
                double[] sums = new double[2];
                for (int b = 0; b < n; b++) {
                    gradientSums(dy, x, (b * c + ch) * inner, inner, mu, sums);
                }
                double sdy = sums[0], sdyx = sums[1] * inv;
                dbeta[ch] = (float) sdy;
                dgamma[ch] = (float) sdyx;
                float k = (float) (gamma[ch] * inv);
                float meanDy = (float) (sdy / m);
                float xhatScale = (float) (sdyx / m * inv);
                for (int b = 0; b < n; b++) {
                    int base = (b * c + ch) * inner;
                    for (int i = 0; i < inner; i++) {
                        dx[base + i] = k * (dy[base + i] - meanDy - (x[base + i] - mu) * xhatScale);
                    }
                }
            }
        });
    }

    /** dx = dy * gamma / sqrt(var + eps); dgamma, dbeta (when not null) from the fixed statistics. */
    void backwardInference(float[] x, float[] dy, float[] gamma, float[] mean, float[] var, double eps, float[] dx,
                           float[] dgamma, float[] dbeta, int n, int c, int inner) {
        parallel.forRange(c, (start, end, t) -> {
            for (int ch = start; ch < end; ch++) {
                double inv = 1 / Math.sqrt(var[ch] + eps);
                float k = (float) (gamma[ch] * inv);
                float mu = mean[ch];
                double[] sums = new double[2];
                for (int b = 0; b < n; b++) {
                    int base = (b * c + ch) * inner;
                    for (int i = 0; i < inner; i++) {
                        dx[base + i] = dy[base + i] * k;
                    }
                    if (dgamma != null) {
                        gradientSums(dy, x, base, inner, mu, sums);
                    }
                }
                if (dgamma != null) {
                    dgamma[ch] = (float) (sums[1] * inv);
                    dbeta[ch] = (float) sums[0];
                }
            }
        });
    }

    /** The sum of v[from, from + len) in float64. */
    static double sum(float[] v, int from, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from, end = from + len;
        for (; i + 3 < end; i += 4) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
        }
        for (; i < end; i++) {
            s0 += v[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The sum of (v - mu)^2 over v[from, from + len) in float64. */
    static double squaredDeviations(float[] v, int from, int len, double mu) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from, end = from + len;
        for (; i + 3 < end; i += 4) {
            double d0 = v[i] - mu, d1 = v[i + 1] - mu, d2 = v[i + 2] - mu, d3 = v[i + 3] - mu;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < end; i++) {
            double d = v[i] - mu;
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Adds the sum of dy and the sum of dy * (x - mu) over [from, from + len) to sums[0] and sums[1], in float64. */
    static void gradientSums(float[] dy, float[] x, int from, int len, float mu, double[] sums) {
        double a0 = 0, a1 = 0, b0 = 0, b1 = 0;
        int i = from, end = from + len;
        for (; i + 1 < end; i += 2) {
            a0 += dy[i];
            a1 += dy[i + 1];
            b0 += dy[i] * (x[i] - mu);
            b1 += dy[i + 1] * (x[i + 1] - mu);
        }
        for (; i < end; i++) {
            a0 += dy[i];
            b0 += dy[i] * (x[i] - mu);
        }
        sums[0] += a0 + a1;
        sums[1] += b0 + b1;
    }
}
