package org.conv4j.engine.cpu;

import org.conv4j.engine.PoolSpec;

/** Max, average and global-average pooling as direct loops, one task per (image, channel) plane. */
final class CpuPooling {
    private final Parallel parallel;

    CpuPooling(Parallel parallel) {
        this.parallel = parallel;
    }

    /**
     * dims = {planes, H, W, OH, OW}. Padding never wins: only inside positions are compared. Per
     * output row, the window's input rows are first reduced to one row of column maxima (a loop
     * the JIT vectorizes), then each window takes the max of its columns.
     */
    void maxForward(float[] x, float[] y, int[] d, PoolSpec s) {
        if (isTwoByTwo(s)) {
            maxForward2x2(x, y, d);
            return;
        }
        int h = d[1], w = d[2];
        parallel.forRange(d[0], 16, (start, end, t) -> {
            float[] columnMax = new float[w];
            for (int p = start; p < end; p++) {
                for (int oy = 0; oy < d[3]; oy++) {
                    int y0 = Math.max(0, oy * s.strideH() - s.padTop()), y1 = Math.min(h, oy * s.strideH() - s.padTop() + s.poolH());
                    System.arraycopy(x, (p * h + y0) * w, columnMax, 0, w);
                    for (int iy = y0 + 1; iy < y1; iy++) {
                        int row = (p * h + iy) * w;
                        for (int ix = 0; ix < w; ix++) {
                            columnMax[ix] = Math.max(columnMax[ix], x[row + ix]);
                        }
                    }
                    int out = (p * d[3] + oy) * d[4];
                    for (int ox = 0; ox < d[4]; ox++) {
                        int x0 = Math.max(0, ox * s.strideW() - s.padLeft()), x1 = Math.min(w, ox * s.strideW() - s.padLeft() + s.poolW());
                        float m = columnMax[x0];
                        for (int ix = x0 + 1; ix < x1; ix++) {
                            m = Math.max(m, columnMax[ix]);
                        }
                        y[out + ox] = m;
                    }
                }
            }
        });
    }

    /** Routes each dy to the first (row-major) maximum of its window, like the reference. */
    void maxBackward(float[] x, float[] dy, float[] dx, int[] d, PoolSpec s) {
        if (isTwoByTwo(s)) {
            maxBackward2x2(x, dy, dx, d);
            return;
        }
        int plane = d[1] * d[2];
        parallel.forRange(d[0], 16, (start, end, t) -> {
            java.util.Arrays.fill(dx, start * plane, end * plane, 0f);
            int[] best = new int[d[4]];
            for (int p = start; p < end; p++) {
                for (int oy = 0; oy < d[3]; oy++) {
                    argmaxRow(x, p, d, oy, s, best);
                    int row = (p * d[3] + oy) * d[4];
                    for (int ox = 0; ox < d[4]; ox++) {
                        dx[best[ox]] += dy[row + ox];
                    }
                }
            }
        });
    }

    /**
     * The pooling of the course's CNNs and VGG: 2x2 windows, stride 2, no padding, where windows
     * tile the input and straight-line code per window beats the general loops several times over.
     */
    private static boolean isTwoByTwo(PoolSpec s) {
        return s.poolH() == 2 && s.poolW() == 2 && s.strideH() == 2 && s.strideW() == 2
                && s.padTop() == 0 && s.padBottom() == 0 && s.padLeft() == 0 && s.padRight() == 0;
    }

    /** The 2x2 stride-2 max pool; dims as in {@link #maxForward}; an odd last row or column is never read. */
    private void maxForward2x2(float[] x, float[] y, int[] d) {
        int h = d[1], w = d[2], oh = d[3], ow = d[4];
        parallel.forRange(d[0], 16, (start, end, t) -> {
            for (int p = start; p < end; p++) {
                for (int oy = 0; oy < oh; oy++) {
                    int top = (p * h + 2 * oy) * w, bottom = top + w, out = (p * oh + oy) * ow;
                    for (int ox = 0; ox < ow; ox++) {
                        int i = 2 * ox;
                        y[out + ox] = Math.max(Math.max(x[top + i], x[top + i + 1]), Math.max(x[bottom + i], x[bottom + i + 1]));
                    }
                }
            }
        });
    }

    /**
     * The 2x2 stride-2 max pool's gradient: every window writes all four of its dx (dy at the first
     * row-major maximum, 0 elsewhere), so dx needs no clearing except an odd last row or column.
     */
    private void maxBackward2x2(float[] x, float[] dy, float[] dx, int[] d) {
        int h = d[1], w = d[2], oh = d[3], ow = d[4];
        parallel.forRange(d[0], 16, (start, end, t) -> {
            for (int p = start; p < end; p++) {
                for (int oy = 0; oy < oh; oy++) {
                    int top = (p * h + 2 * oy) * w, bottom = top + w, row = (p * oh + oy) * ow;
                    for (int ox = 0; ox < ow; ox++) {
                        int i = 2 * ox;
                        float a = x[top + i], b = x[top + i + 1], c = x[bottom + i], e = x[bottom + i + 1];
                        // Which of a, b, c, e holds the first maximum, as the reference's "v > best" scan finds it.
                        int at = b > a ? 1 : 0;
                        float m = Math.max(a, b);
                        at = c > m ? 2 : at;
                        m = Math.max(m, c);
                        at = e > m ? 3 : at;
                        // dy's bits under a mask that is all ones at `at` ((0 - 1) >> 31 = -1), else 0: no branch
                        // to mispredict on random data.
                        int g = Float.floatToRawIntBits(dy[row + ox]);
                        dx[top + i] = Float.intBitsToFloat(g & (((at ^ 0) - 1) >> 31));
                        dx[top + i + 1] = Float.intBitsToFloat(g & (((at ^ 1) - 1) >> 31));
                        dx[bottom + i] = Float.intBitsToFloat(g & (((at ^ 2) - 1) >> 31));
                        dx[bottom + i + 1] = Float.intBitsToFloat(g & (((at ^ 3) - 1) >> 31));
                    }
                    if ((w & 1) == 1) {
                        dx[top + w - 1] = 0f;
                        dx[bottom + w - 1] = 0f;
                    }
                }
                if ((h & 1) == 1) {
                    java.util.Arrays.fill(dx, (p * h + h - 1) * w, (p + 1) * h * w, 0f);
                }
            }
        });
    }

    /**
     * best[ox] = index in x of the first (row-major) largest value of window (oy, ox) of plane p,
     * for a whole output row at once: the window's rows are clipped once per row, its columns once
     * per window.
     */
    private static void argmaxRow(float[] x, int p, int[] d, int oy, PoolSpec s, int[] best) {
        int h = d[1], w = d[2];
        int y0 = Math.max(0, oy * s.strideH() - s.padTop()), y1 = Math.min(h, oy * s.strideH() - s.padTop() + s.poolH());
        int base = p * h * w;
        for (int ox = 0; ox < best.length; ox++) {
            int x0 = Math.max(0, ox * s.strideW() - s.padLeft()), x1 = Math.min(w, ox * s.strideW() - s.padLeft() + s.poolW());
            int at = base + y0 * w + x0;
            float value = x[at];
            for (int iy = y0; iy < y1; iy++) {
                int rowStart = base + iy * w;
                for (int ix = x0; ix < x1; ix++) {
                    // Branch-free (a conditional move and a max): random data mispredicts an if.
                    float v = x[rowStart + ix];
                    at = v > value ? rowStart + ix : at;
                    value = Math.max(value, v);
                }
            }
            best[ox] = at;
        }
    }

    void avgForward(float[] x, float[] y, int[] d, PoolSpec s) {
        int h = d[1], w = d[2];
        parallel.forRange(d[0], 16, (start, end, t) -> {
            for (int p = start; p < end; p++) {
                for (int oy = 0; oy < d[3]; oy++) {
                    int y0 = Math.max(0, oy * s.strideH() - s.padTop()), y1 = Math.min(h, oy * s.strideH() - s.padTop() + s.poolH());
                    for (int ox = 0; ox < d[4]; ox++) {
                        int x0 = Math.max(0, ox * s.strideW() - s.padLeft()), x1 = Math.min(w, ox * s.strideW() - s.padLeft() + s.poolW());
                        float acc = 0f;
                        for (int iy = y0; iy < y1; iy++) {
                            for (int ix = x0; ix < x1; ix++) {
                                acc += x[(p * h + iy) * w + ix];
                            }
                        }
                        int count = Math.max(0, y1 - y0) * Math.max(0, x1 - x0);
                        y[(p * d[3] + oy) * d[4] + ox] = count == 0 ? 0f : acc / count;
                    }
                }
            }
        });
    }

    void avgBackward(float[] dy, float[] dx, int[] d, PoolSpec s) {
        int h = d[1], w = d[2];
        parallel.forRange(d[0], 16, (start, end, t) -> {
            java.util.Arrays.fill(dx, start * h * w, end * h * w, 0f);
            for (int p = start; p < end; p++) {
                for (int oy = 0; oy < d[3]; oy++) {
                    int y0 = Math.max(0, oy * s.strideH() - s.padTop()), y1 = Math.min(h, oy * s.strideH() - s.padTop() + s.poolH());
                    for (int ox = 0; ox < d[4]; ox++) {
                        int x0 = Math.max(0, ox * s.strideW() - s.padLeft()), x1 = Math.min(w, ox * s.strideW() - s.padLeft() + s.poolW());
                        int count = Math.max(0, y1 - y0) * Math.max(0, x1 - x0);
                        float g = dy[(p * d[3] + oy) * d[4] + ox] / count;
                        for (int iy = y0; iy < y1; iy++) {
                            for (int ix = x0; ix < x1; ix++) {
                                dx[(p * h + iy) * w + ix] += g;
                            }
                        }
                    }
                }
            }
        });
    }

    void globalAvgForward(float[] x, float[] y, int planes, int hw) {
        parallel.forRange(planes, 64, (start, end, t) -> {
            for (int p = start; p < end; p++) {
                double acc = 0;
                for (int i = 0; i < hw; i++) {
                    acc += x[p * hw + i];
                }
                y[p] = (float) (acc / hw);
            }
        });
    }

    void globalAvgBackward(float[] dy, float[] dx, int planes, int hw) {
        parallel.forRange(planes, 64, (start, end, t) -> {
            for (int p = start; p < end; p++) {
                java.util.Arrays.fill(dx, p * hw, (p + 1) * hw, dy[p] / hw);
            }
        });
    }
}
