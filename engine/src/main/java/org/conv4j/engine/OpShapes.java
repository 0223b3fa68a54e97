package org.conv4j.engine;

import java.util.Arrays;

/** Shape checks shared by the backends: each returns the dimensions an op loops over, or throws a named error. */
public final class OpShapes {
    private OpShapes() {}

    public static ReferenceOps.ConvShape conv(Tensor x, Tensor w, Tensor y, ConvSpec spec) {
        require(x.rank() == 4, "conv2d input must be (N,C,H,W), got " + x.shapeString());
        require(w.rank() == 4, "conv2d kernel must be (Cout, C/groups, KH, KW), got " + w.shapeString());
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int cout = w.dim(0), kh = w.dim(2), kw = w.dim(3);
        int g = spec.groups();
        require(c % g == 0 && cout % g == 0, "conv2d channels " + c + " -> " + cout + " are not divisible by groups " + g);
        require(w.dim(1) == c / g, "conv2d kernel " + w.shapeString() + " expects " + (w.dim(1) * g)
                + " input channels, input is " + x.shapeString());
        int oh = spec.outH(h, kh), ow = spec.outW(wd, kw);
        int[] expected = {n, cout, oh, ow};
        require(y.hasShape(expected), "conv2d output must be " + Arrays.toString(expected) + ", got " + y.shapeString());
        return new ReferenceOps.ConvShape(n, c, h, wd, cout, kh, kw, oh, ow, g);
    }

    /** (N, C, inner) of an (N,C) or (N,C,H,W) tensor and a per-channel vector of length C. */
    public static int[] channels(Tensor x, Tensor perChannel) {
        require(x.rank() == 2 || x.rank() == 4, "expected (N,C) or (N,C,H,W), got " + x.shapeString());
        int inner = x.rank() == 4 ? x.dim(2) * x.dim(3) : 1;
        require(perChannel.size() == x.dim(1), "per-channel vector of " + perChannel.size()
                + " values for " + x.dim(1) + " channels of " + x.shapeString());
        return new int[] {x.dim(0), x.dim(1), inner};
    }

    /**
     * {outer, S, inner} of a broadcast of s over x (see Backend.multiplyBroadcast): x seen as
     * (outer, S, inner) with s the S values of its middle axis.
     */
    public static int[] broadcast(Tensor x, Tensor s) {
        require(s.rank() == x.rank(), "broadcast factor " + s.shapeString() + " must have the rank of " + x.shapeString());
        int first = -1, last = -1;
        for (int a = 0; a < s.rank(); a++) {
            if (s.dim(a) != 1) {
                require(s.dim(a) == x.dim(a), "broadcast factor " + s.shapeString() + " does not fit " + x.shapeString());
                first = first < 0 ? a : first;
                last = a;
            }
        }
        int outer = 1, inner = 1;
        for (int a = 0; a < x.rank(); a++) {
            if (first >= 0 && a >= first && a <= last) {
                require(s.dim(a) == x.dim(a), "broadcast factor " + s.shapeString() + " must equal " + x.shapeString()
                        + " on one run of axes and be 1 elsewhere");
            } else if (first < 0 || a < first) {
                outer *= x.dim(a);
            } else {
                inner *= x.dim(a);
            }
        }
        return new int[] {outer, s.size(), inner};
    }

    /** {N, C, H, W, OH, OW} of an image transform, checking the transforms (N, 8) and y (N, C, OH, OW). */
    public static int[] imageTransform(Tensor x, Tensor transforms, Tensor y) {
        require(x.rank() == 4 && y.rank() == 4 && y.dim(0) == x.dim(0) && y.dim(1) == x.dim(1),
                "image transform maps (N,C,H,W) to (N,C,OH,OW), got " + x.shapeString() + " -> " + y.shapeString());
        require(transforms.hasShape(x.dim(0), 8), "image transform needs transforms (N, 8), got " + transforms.shapeString());
        return new int[] {x.dim(0), x.dim(1), x.dim(2), x.dim(3), y.dim(2), y.dim(3)};
    }

    /** {planes, H, W, OH, OW} of a pooling op, checking y. */
    public static int[] pool(Tensor x, Tensor y, PoolSpec spec) {
        require(x.rank() == 4, "pooling input must be (N,C,H,W), got " + x.shapeString());
        int oh = spec.outH(x.dim(2)), ow = spec.outW(x.dim(3));
        int[] expected = {x.dim(0), x.dim(1), oh, ow};
        require(y.hasShape(expected), "pooling output must be " + Arrays.toString(expected) + ", got " + y.shapeString());
        return new int[] {x.dim(0) * x.dim(1), x.dim(2), x.dim(3), oh, ow};
    }

    /** {M, N, K} of a GEMM, checking that op(a) is (M,K), op(b) is (K,N) and c is (M,N). */
    public static int[] gemm(boolean transA, boolean transB, Tensor a, Tensor b, Tensor c) {
        require(a.rank() == 2 && b.rank() == 2 && c.rank() == 2, "gemm needs matrices, got "
                + a.shapeString() + " " + b.shapeString() + " " + c.shapeString());
        int m = transA ? a.dim(1) : a.dim(0);
        int k = transA ? a.dim(0) : a.dim(1);
        int kb = transB ? b.dim(1) : b.dim(0);
        int n = transB ? b.dim(0) : b.dim(1);
        require(k == kb && c.dim(0) == m && c.dim(1) == n, "gemm shapes do not fit: op(a) " + m + "x" + k
                + ", op(b) " + kb + "x" + n + ", c " + c.shapeString());
        return new int[] {m, n, k};
    }

    /** Checks that (N,C,h,w) {@code inner} fits in (N,C,H,W) {@code outer} at (top, left), for pad2d and crop2d. */
    public static void window(String op, Tensor inner, Tensor outer, int top, int left) {
        require(inner.rank() == 4 && outer.rank() == 4 && inner.dim(0) == outer.dim(0) && inner.dim(1) == outer.dim(1)
                && outer.dim(2) >= inner.dim(2) + top && outer.dim(3) >= inner.dim(3) + left,
                op + ": " + inner.shapeString() + " does not fit at (" + top + ", " + left + ") in " + outer.shapeString());
    }

    public static void sameSize(Tensor a, Tensor b) {
        require(a.size() == b.size(), "sizes differ: " + a.shapeString() + " vs " + b.shapeString());
    }

    public static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
