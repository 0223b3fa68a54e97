package org.conv4j.engine.cpu;

import org.conv4j.engine.ConvSpec;
import org.conv4j.engine.OpShapes;
import org.conv4j.engine.ReferenceOps.ConvShape;
import org.conv4j.engine.Tensor;

/**
 * Convolution on the CPU. Ordinary and grouped convolutions are im2col + GEMM, one image per task
 * and the batch split across threads; a 1x1 convolution with stride 1 and no padding skips im2col
 * (its input already is the column matrix). Depthwise convolutions (one input channel per group)
 * are direct loops over planes. Per group g, with K = C/groups * KH * KW and P = OH * OW:
 * <pre>
 *   forward:         Y_g (Cout/g x P)  = W_g (Cout/g x K) * cols (K x P)
 *   backward data:   dcols (K x P)     = W_g^T * dY_g, then col2im adds dcols into dx
 *   backward filter: dW_g (Cout/g x K) = sum over images of dY_g * cols^T
 * </pre>
 * Not safe for concurrent calls: one backend serves one model at a time.
 */
final class CpuConv {
    private final Parallel parallel;
    private final NativeBuffer weights = new NativeBuffer();
    private final NativeBuffer[] cols;
    private final NativeBuffer[] outputs;
    private final NativeBuffer[] filterGrads;
    private final float[][] heapCols;
    private final float[][] gradientStages;

    CpuConv(Parallel parallel) {
        this.parallel = parallel;
        int t = parallel.threads();
        cols = new NativeBuffer[t];
        outputs = new NativeBuffer[t];
        filterGrads = new NativeBuffer[t];
        heapCols = new float[t][];
        gradientStages = new float[t][];
        for (int i = 0; i < t; i++) {
            cols[i] = new NativeBuffer();
            outputs[i] = new NativeBuffer();
            filterGrads[i] = new NativeBuffer();
        }
    }

    private static boolean isDepthwise(ConvShape s) {
        return s.groups() == s.c() && s.groups() > 1;
    }

    /**
     * Stride 1 with as many output columns as input columns ('same' padding): each column-matrix
     * row of an image is the input plane shifted by (ky*dh - top, kx*dw - left), so it can be
     * copied as one block and the few wrapped-around entries zeroed (see {@link #shiftedBlock}).
     */
    private static boolean isShifted(ConvShape s, ConvSpec p) {
        return p.strideH() == 1 && p.strideW() == 1 && s.ow() == s.w();
    }

    private static boolean isPointwise(ConvShape s, ConvSpec p) {
        return s.kh() == 1 && s.kw() == 1 && p.strideH() == 1 && p.strideW() == 1
                && p.padTop() + p.padBottom() + p.padLeft() + p.padRight() == 0;
    }

    /** Scratch for staging output gradients; separate from {@link #heapCols}, which may hold columns meanwhile. */
    private float[] gradientStage(int worker, int size) {
        if (gradientStages[worker] == null || gradientStages[worker].length < size) {
            gradientStages[worker] = new float[size];
        }
        return gradientStages[worker];
    }

    private float[] heapCols(int worker, int size) {
        if (heapCols[worker] == null || heapCols[worker].length < size) {
            heapCols[worker] = new float[size];
        }
        return heapCols[worker];
    }

    /**
     * Images per GEMM: enough that the column matrix (K x images*P) is wide enough for OpenBLAS to
     * run near its peak, few enough that it stays around 4M floats per thread; the images of a
     * thread are split into GEMMs of equal width (no narrow last one).
     */
    private static int imagesPerGemm(int k, int pix, int images) {
        int most = Math.max(1, Math.min(images, (1 << 22) / Math.max(1, k * pix)));
        int gemms = (images + most - 1) / most;
        return (images + gemms - 1) / gemms;
    }

    /** y = conv(x, w) (+ bias[c] when bias is not null). */
    void forward(Tensor x, Tensor w, Tensor bias, Tensor y, ConvSpec p) {
        ConvShape s = OpShapes.conv(x, w, y, p);
        float[] bs = bias == null ? null : bias.floats();
        if (isDepthwise(s)) {
            depthwiseForward(x.floats(), w.floats(), bs, y.floats(), s, p);
            return;
        }
        int k = s.cinPerGroup() * s.kh() * s.kw(), pix = s.oh() * s.ow(), og = s.coutPerGroup();
        weights.ensure((long) s.cout() * k).put(w.floats(), 0, 0, s.cout() * k);
        float[] xs = x.floats(), ys = y.floats();
        int chunk = imagesPerGemm(k, pix, (s.n() + parallel.threads() - 1) / parallel.threads());
        parallel.forRange(s.n(), (start, end, t) -> {
            NativeBuffer c = cols[t].ensure((long) k * chunk * pix), out = outputs[t].ensure((long) og * chunk * pix);
            for (int first = start; first < end; first += chunk) {
                int images = Math.min(chunk, end - first), width = images * pix;
                for (int g = 0; g < s.groups(); g++) {
                    loadColumns(xs, first, images, g, s, p, c, t);
                    Blas.sgemm(false, false, og, width, k, 1f, weights.at((long) g * og * k), k, c.at(0), width, 0f, out.at(0), width);
                    out.getBlocks(ys, (first * s.cout() + g * og) * pix, s.cout() * pix, og, pix, images, heapCols(t, og * width));
                    for (int i = 0; i < images; i++) {
                        for (int r = 0; r < og; r++) {
                            int co = g * og + r;
                            int dst = ((first + i) * s.cout() + co) * pix;
                            if (bs != null) {
                                float b = bs[co];
                                for (int j = dst; j < dst + pix; j++) {
                                    ys[j] += b;
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    void backwardData(Tensor dy, Tensor w, Tensor dx, ConvSpec p) {
        ConvShape s = OpShapes.conv(dx, w, dy, p);
        if (isDepthwise(s)) {
            depthwiseBackwardData(dy.floats(), w.floats(), dx.floats(), s, p);
            return;
        }
        int k = s.cinPerGroup() * s.kh() * s.kw(), pix = s.oh() * s.ow(), og = s.coutPerGroup();
        int plane = s.h() * s.w();
        weights.ensure((long) s.cout() * k).put(w.floats(), 0, 0, s.cout() * k);
        float[] dys = dy.floats(), dxs = dx.floats();
        boolean shifted = isShifted(s, p);
        int chunk = imagesPerGemm(k, pix, (s.n() + parallel.threads() - 1) / parallel.threads());
        parallel.forRange(s.n(), (start, end, t) -> {
            NativeBuffer gradOut = outputs[t].ensure((long) og * chunk * pix), dcols = cols[t].ensure((long) k * chunk * pix);
            float[] heap = heapCols(t, k * chunk * pix);
            java.util.Arrays.fill(dxs, start * s.c() * plane, end * s.c() * plane, 0f);
            for (int first = start; first < end; first += chunk) {
                int images = Math.min(chunk, end - first), width = images * pix;
                for (int g = 0; g < s.groups(); g++) {
                    loadGradients(dys, first, images, g, s, gradOut, t);
                    Blas.sgemm(true, false, k, width, og, 1f, weights.at((long) g * og * k), k, gradOut.at(0), width, 0f, dcols.at(0), width);
                    if (shifted) {
                        for (int i = 0; i < images; i++) {
                            addShiftedColumns(dcols, i * pix, width, heap, dxs, ((first + i) * s.c() + g * s.cinPerGroup()) * plane, s, p);
                        }
                        continue;
                    }
                    dcols.get(0, heap, 0, k * width);
                    for (int i = 0; i < images; i++) {
                        col2im(heap, i * pix, width, dxs, ((first + i) * s.c() + g * s.cinPerGroup()) * plane, s, p);
                    }
                }
            }
        });
    }

    void backwardFilter(Tensor x, Tensor dy, Tensor dw, ConvSpec p) {
        ConvShape s = OpShapes.conv(x, dw, dy, p);
        if (isDepthwise(s)) {
            depthwiseBackwardFilter(x.floats(), dy.floats(), dw.floats(), s, p);
            return;
        }
        int k = s.cinPerGroup() * s.kh() * s.kw(), pix = s.oh() * s.ow(), og = s.coutPerGroup();
        int size = s.cout() * k;
        float[] xs = x.floats(), dys = dy.floats(), dws = dw.floats();
        boolean[] used = new boolean[parallel.threads()];
        int chunk = imagesPerGemm(k, pix, (s.n() + parallel.threads() - 1) / parallel.threads());
        parallel.forRange(s.n(), (start, end, t) -> {
            used[t] = true;
            NativeBuffer c = cols[t].ensure((long) k * chunk * pix), gradOut = outputs[t].ensure((long) og * chunk * pix);
            NativeBuffer partial = filterGrads[t].ensure(size);
            for (int first = start; first < end; first += chunk) {
                int images = Math.min(chunk, end - first), width = images * pix;
                for (int g = 0; g < s.groups(); g++) {
                    loadColumns(xs, first, images, g, s, p, c, t);
                    loadGradients(dys, first, images, g, s, gradOut, t);
                    Blas.sgemm(false, true, og, k, width, 1f, gradOut.at(0), width, c.at(0), width,
                            first == start ? 0f : 1f, partial.at((long) g * og * k), k);
                }
            }
        });
        java.util.Arrays.fill(dws, 0f);
        float[] part = new float[size];
        for (int t = 0; t < used.length; t++) {
            if (used[t]) {
                filterGrads[t].get(0, part, 0, size);
                for (int i = 0; i < size; i++) {
                    dws[i] += part[i];
                }
            }
        }
    }

    /**
     * Puts the column matrix of images [first, first + images), group g, into {@code c}:
     * K rows, each holding the P columns of every image side by side (width images * P).
     */
    private void loadColumns(float[] xs, int first, int images, int g, ConvShape s, ConvSpec p, NativeBuffer c, int worker) {
        int plane = s.h() * s.w();
        int k = s.cinPerGroup() * s.kh() * s.kw(), pix = s.oh() * s.ow(), width = images * pix;
        if (isPointwise(s, p)) {
            c.putBlocks(xs, (first * s.c() + g * s.cinPerGroup()) * plane, s.c() * plane, k, pix, images, heapCols(worker, k * width));
            return;
        }
        if (isShifted(s, p)) {
            for (int i = 0; i < images; i++) {
                putShiftedColumns(xs, ((first + i) * s.c() + g * s.cinPerGroup()) * plane, c, i * pix, width, s, p, heapCols(worker, pix));
            }
            return;
        }
        float[] heap = heapCols(worker, k * width);
        for (int i = 0; i < images; i++) {
            im2col(xs, ((first + i) * s.c() + g * s.cinPerGroup()) * plane, heap, i * pix, width, s, p);
        }
        c.put(heap, 0, 0, k * width);
    }

    /**
     * For a shifted convolution and column-matrix row (ci, ky, kx) of one image: entry q = oy*W + ox
     * reads x[base + ci plane][q + dy*W + dx] with (dy, dx) the tap's shift, when the position is
     * inside the image. The rows [oyLo, oyHi) and, within them, the entries [first, last) read
     * inside positions in one run, apart from the entries between oxHi of a row and oxLo of the
     * next, which wrap around the image's edge and must be zero.
     */
    private record ShiftedBlock(int shift, int oyLo, int oyHi, int oxLo, int oxHi, int first, int last) {}

    private static ShiftedBlock shiftedBlock(int ky, int kx, ConvShape s, ConvSpec p) {
        int shiftY = ky * p.dilationH() - p.padTop(), shiftX = kx * p.dilationW() - p.padLeft();
        int oyLo = Math.min(s.oh(), Math.max(0, -shiftY)), oyHi = Math.max(oyLo, Math.min(s.oh(), s.h() - shiftY));
        int oxLo = firstInside(shiftX, s, p), oxHi = endInside(shiftX, s, p);
        if (oyHi == oyLo || oxHi == oxLo) {
            return new ShiftedBlock(0, oyLo, oyLo, oxLo, oxLo, 0, 0); // the tap reads only padding
        }
        int first = oyLo * s.ow() + oxLo, last = (oyHi - 1) * s.ow() + oxHi;
        return new ShiftedBlock(shiftY * s.w() + shiftX, oyLo, oyHi, oxLo, oxHi, first, last);
    }

    /**
     * im2col for a shifted convolution: each column-matrix row is laid out in {@code row} (scratch
     * of at least P floats: one block copy, then the zeros) and moved to native memory in one bulk
     * put, since many small puts into a direct buffer cost more than the copy itself.
     */
    private static void putShiftedColumns(float[] x, int base, NativeBuffer c, int offset, int width, ConvShape s, ConvSpec p,
                                          float[] row) {
        int plane = s.h() * s.w(), pix = s.oh() * s.ow();
        for (int ci = 0; ci < s.cinPerGroup(); ci++) {
            for (int ky = 0; ky < s.kh(); ky++) {
                for (int kx = 0; kx < s.kw(); kx++) {
                    ShiftedBlock b = shiftedBlock(ky, kx, s, p);
                    java.util.Arrays.fill(row, 0, b.first(), 0f);
                    System.arraycopy(x, base + ci * plane + b.first() + b.shift(), row, b.first(), b.last() - b.first());
                    java.util.Arrays.fill(row, b.last(), pix, 0f); // all of it when the tap reads only padding
                    for (int oy = b.oyLo(); oy < b.oyHi() - 1; oy++) {
                        java.util.Arrays.fill(row, oy * s.ow() + b.oxHi(), (oy + 1) * s.ow() + b.oxLo(), 0f);
                    }
                    c.put(row, 0, ((ci * s.kh() + ky) * s.kw() + kx) * width + offset, pix);
                }
            }
        }
    }

    /** col2im for a shifted convolution: each row's block, its wrapped entries zeroed, added to dx in one loop. */
    private static void addShiftedColumns(NativeBuffer dcols, int offset, int width, float[] temp, float[] dx, int base,
                                          ConvShape s, ConvSpec p) {
        int plane = s.h() * s.w();
        for (int ci = 0; ci < s.cinPerGroup(); ci++) {
            for (int ky = 0; ky < s.kh(); ky++) {
                for (int kx = 0; kx < s.kw(); kx++) {
                    int row = ((ci * s.kh() + ky) * s.kw() + kx) * width + offset;
                    ShiftedBlock b = shiftedBlock(ky, kx, s, p);
                    int length = b.last() - b.first();
                    if (length == 0) {
                        continue; // the tap reads only padding: nothing flows back
                    }
                    dcols.get(row + b.first(), temp, 0, length);
                    for (int oy = b.oyLo(); oy < b.oyHi() - 1; oy++) {
                        java.util.Arrays.fill(temp, oy * s.ow() + b.oxHi() - b.first(), (oy + 1) * s.ow() + b.oxLo() - b.first(), 0f);
                    }
                    int dst = base + ci * plane + b.first() + b.shift();
                    for (int j = 0; j < length; j++) {
                        dx[dst + j] += temp[j];
                    }
                }
            }
        }
    }

    /** Puts dy of images [first, first + images), group g, into {@code out} as (Cout/g) x (images * P). */
    private void loadGradients(float[] dys, int first, int images, int g, ConvShape s, NativeBuffer out, int worker) {
        int og = s.coutPerGroup(), pix = s.oh() * s.ow();
        out.putBlocks(dys, (first * s.cout() + g * og) * pix, s.cout() * pix, og, pix, images, gradientStage(worker, og * images * pix));
    }

    /**
     * cols[row * width + offset + oy*OW + ox] = x[base + ci plane][iy][ix] (zero outside the image),
     * row = (ci*KH + ky)*KW + kx: one image's columns at {@code offset} of rows {@code width} long.
     */
    static void im2col(float[] x, int base, float[] cols, int offset, int width, ConvShape s, ConvSpec p) {
        for (int ci = 0; ci < s.cinPerGroup(); ci++) {
            for (int ky = 0; ky < s.kh(); ky++) {
                for (int kx = 0; kx < s.kw(); kx++) {
                    int row = ((ci * s.kh() + ky) * s.kw() + kx) * width + offset;
                    int shift = kx * p.dilationW() - p.padLeft();
                    int oxLo = firstInside(shift, s, p), oxHi = endInside(shift, s, p);
                    for (int oy = 0; oy < s.oh(); oy++) {
                        int iy = oy * p.strideH() - p.padTop() + ky * p.dilationH();
                        int dst = row + oy * s.ow();
                        if (iy < 0 || iy >= s.h()) {
                            java.util.Arrays.fill(cols, dst, dst + s.ow(), 0f);
                            continue;
                        }
                        int src = base + (ci * s.h() + iy) * s.w() + shift;
                        java.util.Arrays.fill(cols, dst, dst + oxLo, 0f);
                        if (p.strideW() == 1) {
                            System.arraycopy(x, src + oxLo, cols, dst + oxLo, oxHi - oxLo);
                        } else {
                            for (int ox = oxLo; ox < oxHi; ox++) {
                                cols[dst + ox] = x[src + ox * p.strideW()];
                            }
                        }
                        java.util.Arrays.fill(cols, dst + oxHi, dst + s.ow(), 0f);
                    }
                }
            }
        }
    }

    /** The transpose of im2col: dx[base + ...] += the column entries of one image (at {@code offset}, rows {@code width} long). */
    static void col2im(float[] cols, int offset, int width, float[] dx, int base, ConvShape s, ConvSpec p) {
        for (int ci = 0; ci < s.cinPerGroup(); ci++) {
            for (int ky = 0; ky < s.kh(); ky++) {
                for (int kx = 0; kx < s.kw(); kx++) {
                    int row = ((ci * s.kh() + ky) * s.kw() + kx) * width + offset;
                    int shift = kx * p.dilationW() - p.padLeft();
                    int oxLo = firstInside(shift, s, p), oxHi = endInside(shift, s, p);
                    for (int oy = 0; oy < s.oh(); oy++) {
                        int iy = oy * p.strideH() - p.padTop() + ky * p.dilationH();
                        if (iy < 0 || iy >= s.h()) {
                            continue;
                        }
                        int src = row + oy * s.ow();
                        int dst = base + (ci * s.h() + iy) * s.w() + shift;
                        for (int ox = oxLo; ox < oxHi; ox++) {
                            dx[dst + ox * p.strideW()] += cols[src + ox];
                        }
                    }
                }
            }
        }
    }

    /** The first ox whose input column ix = ox*sw + shift lies inside [0, W) (OW if none). */
    private static int firstInside(int shift, ConvShape s, ConvSpec p) {
        return Math.min(s.ow(), Math.max(0, ceilDiv(-shift, p.strideW())));
    }

    /** One past the last ox whose input column lies inside [0, W) (never below firstInside). */
    private static int endInside(int shift, ConvShape s, ConvSpec p) {
        return Math.max(firstInside(shift, s, p), Math.min(s.ow(), ceilDiv(s.w() - shift, p.strideW())));
    }

    /** ceil(a / b) for b > 0 and any sign of a. */
    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    // ---------------------------------------------------------------- depthwise (direct loops)

    /**
     * One task per (image, input channel) plane; output channel c*M + m uses filter c*M + m. Each
     * tap adds its weight times the shifted input plane to the output plane, row by row over the
     * columns that fall inside the image: with stride 1 a contiguous multiply-add the JIT vectorizes.
     */
    private void depthwiseForward(float[] x, float[] w, float[] bias, float[] y, ConvShape s, ConvSpec p) {
        int mult = s.coutPerGroup(), plane = s.h() * s.w(), pix = s.oh() * s.ow(), taps = s.kh() * s.kw();
        int sw = p.strideW();
        parallel.forRange(s.n() * s.c(), 8, (start, end, t) -> {
            for (int nc = start; nc < end; nc++) {
                int n = nc / s.c(), c = nc % s.c();
                for (int m = 0; m < mult; m++) {
                    int co = c * mult + m;
                    int out = (n * s.cout() + co) * pix;
                    java.util.Arrays.fill(y, out, out + pix, bias == null ? 0f : bias[co]);
                    for (int ky = 0; ky < s.kh(); ky++) {
                        for (int kx = 0; kx < s.kw(); kx++) {
                            float wv = w[co * taps + ky * s.kw() + kx];
                            int shift = kx * p.dilationW() - p.padLeft();
                            int lo = firstInside(shift, s, p), hi = endInside(shift, s, p);
                            for (int oy = 0; oy < s.oh(); oy++) {
                                int iy = oy * p.strideH() - p.padTop() + ky * p.dilationH();
                                if (iy < 0 || iy >= s.h()) {
                                    continue;
                                }
                                int yRow = out + oy * s.ow(), xRow = nc * plane + iy * s.w() + shift;
                                if (sw == 1) {
                                    for (int ox = lo; ox < hi; ox++) {
                                        y[yRow + ox] += wv * x[xRow + ox];
                                    }
                                } else {
                                    for (int ox = lo; ox < hi; ox++) {
                                        y[yRow + ox] += wv * x[xRow + ox * sw];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    /** The transpose of the forward: each tap adds its weight times the output gradient into the shifted input plane. */
    private void depthwiseBackwardData(float[] dy, float[] w, float[] dx, ConvShape s, ConvSpec p) {
        int mult = s.coutPerGroup(), plane = s.h() * s.w(), pix = s.oh() * s.ow(), taps = s.kh() * s.kw();
        int sw = p.strideW();
        parallel.forRange(s.n() * s.c(), 8, (start, end, t) -> {
            for (int nc = start; nc < end; nc++) {
                int n = nc / s.c(), c = nc % s.c();
                java.util.Arrays.fill(dx, nc * plane, (nc + 1) * plane, 0f);
                for (int m = 0; m < mult; m++) {
                    int co = c * mult + m;
                    int out = (n * s.cout() + co) * pix;
                    for (int ky = 0; ky < s.kh(); ky++) {
                        for (int kx = 0; kx < s.kw(); kx++) {
                            float wv = w[co * taps + ky * s.kw() + kx];
                            int shift = kx * p.dilationW() - p.padLeft();
                            int lo = firstInside(shift, s, p), hi = endInside(shift, s, p);
                            for (int oy = 0; oy < s.oh(); oy++) {
                                int iy = oy * p.strideH() - p.padTop() + ky * p.dilationH();
                                if (iy < 0 || iy >= s.h()) {
                                    continue;
                                }
                                int dyRow = out + oy * s.ow(), dxRow = nc * plane + iy * s.w() + shift;
                                if (sw == 1) {
                                    for (int ox = lo; ox < hi; ox++) {
                                        dx[dxRow + ox] += wv * dy[dyRow + ox];
                                    }
                                } else {
                                    for (int ox = lo; ox < hi; ox++) {
                                        dx[dxRow + ox * sw] += wv * dy[dyRow + ox];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    /**
     * One task per output channel, summing over the batch in a fixed order (deterministic): each
     * tap's gradient is the dot product of the output gradient with the shifted input, row by row,
     * in four partial sums so the additions overlap.
     */
    private void depthwiseBackwardFilter(float[] x, float[] dy, float[] dw, ConvShape s, ConvSpec p) {
        int mult = s.coutPerGroup(), plane = s.h() * s.w(), pix = s.oh() * s.ow(), taps = s.kh() * s.kw();
        int sw = p.strideW();
        parallel.forRange(s.cout(), (start, end, t) -> {
            for (int co = start; co < end; co++) {
                int c = co / mult;
                for (int ky = 0; ky < s.kh(); ky++) {
                    for (int kx = 0; kx < s.kw(); kx++) {
                        int shift = kx * p.dilationW() - p.padLeft();
                        int lo = firstInside(shift, s, p), hi = endInside(shift, s, p);
                        double acc = 0;
                        for (int n = 0; n < s.n(); n++) {
                            int in = (n * s.c() + c) * plane;
                            int out = (n * s.cout() + co) * pix;
                            for (int oy = 0; oy < s.oh(); oy++) {
                                int iy = oy * p.strideH() - p.padTop() + ky * p.dilationH();
                                if (iy < 0 || iy >= s.h()) {
                                    continue;
                                }
                                int dyRow = out + oy * s.ow(), xRow = in + iy * s.w() + shift;
                                float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                                int ox = lo;
                                for (; ox + 3 < hi; ox += 4) {
                                    s0 += dy[dyRow + ox] * x[xRow + ox * sw];
                                    s1 += dy[dyRow + ox + 1] * x[xRow + (ox + 1) * sw];
                                    s2 += dy[dyRow + ox + 2] * x[xRow + (ox + 2) * sw];
                                    s3 += dy[dyRow + ox + 3] * x[xRow + (ox + 3) * sw];
                                }
                                for (; ox < hi; ox++) {
                                    s0 += dy[dyRow + ox] * x[xRow + ox * sw];
                                }
                                acc += (s0 + s1) + (s2 + s3);
                            }
                        }
                        dw[co * taps + ky * s.kw() + kx] = (float) acc;
                    }
                }
            }
        });
    }
}
