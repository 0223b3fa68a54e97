package org.conv4j.engine.cpu;

/**
 * Batch normalization over (N, C, inner) tensors, one task per channel; statistics are summed in
 * float64 so that large batches lose nothing. Formulas: see {@link org.conv4j.engine.Backend}.
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
                    int base = (b * c + ch) * inner;
                    for (int i = 0; i < inner; i++) {
                        s += x[base + i];
                    }
                }
                double mu = s / m;
                double sq = 0;
                for (int b = 0; b < n; b++) {
                    int base = (b * c + ch) * inner;
                    for (int i = 0; i < inner; i++) {
                        double dv = x[base + i] - mu;
                        sq += dv * dv;
                    }
                }
                mean[ch] = (float) mu;
                var[ch] = (float) (sq / m);
                normalize(x, y, n, c, inner, ch, mu, sq / m, gamma[ch], beta[ch], eps);
            }
        });
    }

    void inference(float[] x, float[] gamma, float[] beta, float[] mean, float[] var, double eps, float[] y,
                   int n, int c, int inner) {
        parallel.forRange(c, (start, end, t) -> {
            for (int ch = start; ch < end; ch++) {
                normalize(x, y, n, c, inner, ch, mean[ch], var[ch], gamma[ch], beta[ch], eps);
            }
        });
    }

    /** y = x * scale + shift for channel ch, with scale = gamma / sqrt(var + eps), shift = beta - mean * scale. */
    private static void normalize(float[] x, float[] y, int n, int c, int inner, int ch,
                                  double mean, double var, double gamma, double beta, double eps) {
        double inv = 1 / Math.sqrt(var + eps);
        float scale = (float) (gamma * inv);
        float shift = (float) (beta - mean * gamma * inv);
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
                double sdy = 0;
                double sdyx = 0;
                for (int b = 0; b < n; b++) {
                    int base = (b * c + ch) * inner;
                    for (int i = 0; i < inner; i++) {
                        sdy += dy[base + i];
                        sdyx += dy[base + i] * (x[base + i] - mu);
                    }
                }
                sdyx *= inv;
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
                double sdy = 0;
                double sdyx = 0;
                for (int b = 0; b < n; b++) {
                    int base = (b * c + ch) * inner;
                    for (int i = 0; i < inner; i++) {
                        dx[base + i] = dy[base + i] * k;
                    }
                    if (dgamma != null) {
                        for (int i = 0; i < inner; i++) {
                            sdy += dy[base + i];
                            sdyx += dy[base + i] * (x[base + i] - mu);
                        }
                    }
                }
                if (dgamma != null) {
                    dgamma[ch] = (float) (sdyx * inv);
                    dbeta[ch] = (float) sdy;
                }
            }
        });
    }
}
