package org.conv4j.engine.cuda;

import static org.bytedeco.cuda.global.cudnn.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.cuda.cudnn.cudnnContext;
import org.bytedeco.cuda.cudnn.cudnnConvolutionBwdDataAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionBwdFilterAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionFwdAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionStruct;
import org.bytedeco.cuda.cudnn.cudnnFilterStruct;
import org.bytedeco.cuda.cudnn.cudnnTensorStruct;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.conv4j.engine.ConvSpec;
import org.conv4j.engine.ReferenceOps.ConvShape;

/**
 * Every cuDNN call conv4j makes: convolution forward, backward-data and backward-filter (grouped,
 * so depthwise too; dilated; NCHW float32) on the device's stream. Per input shape and geometry a
 * {@link Plan} holds the descriptors and, found once by timing (cudnnFind…Ex, workspace capped;
 * the search's scratch goes straight back to the device), the fastest algorithm of each direction;
 * the workspace is one block, grown when a plan needs more.
 *
 * <p>cuDNN pads symmetrically only. A geometry with more padding on one side (TensorFlow's 'same'
 * with stride 2 on even sizes pads bottom and right only) gets a plan for the explicitly padded
 * input with no padding of its own; the backend pads and crops around it.
 */
final class Cudnn {
    /** The most workspace an algorithm may ask for while algorithms are timed. */
    private static final long FIND_WORKSPACE_CAP = 512L << 20;

    private final CudaDevice device;
    private final cudnnContext handle = new cudnnContext();
    private final int mathType;
    private final Map<Key, Plan> plans = new HashMap<>();
    private final FloatPointer one = new FloatPointer(1f);
    private final FloatPointer zero = new FloatPointer(0f);
    private long workspace;
    private long workspaceBytes;

    private record Key(ConvShape shape, ConvSpec spec) {}

    /** Descriptors and chosen algorithms of one convolution shape. */
    static final class Plan {
        final boolean explicitPadding;
        final int paddedH;
        final int paddedW;
        final cudnnTensorStruct x = new cudnnTensorStruct();
        final cudnnTensorStruct y = new cudnnTensorStruct();
        final cudnnFilterStruct w = new cudnnFilterStruct();
        final cudnnConvolutionStruct conv = new cudnnConvolutionStruct();
        final int[] algo = {-1, -1, -1};
        final long[] bytes = new long[3];
        final int[] math = new int[3];

        private Plan(ConvShape s, ConvSpec spec) {
            explicitPadding = spec.padTop() != spec.padBottom() || spec.padLeft() != spec.padRight();
            paddedH = explicitPadding ? s.h() + spec.padTop() + spec.padBottom() : s.h();
            paddedW = explicitPadding ? s.w() + spec.padLeft() + spec.padRight() : s.w();
        }
    }

    private static final int FORWARD = 0, BACKWARD_DATA = 1, BACKWARD_FILTER = 2;
    /** How many algorithms a search may report (more than cuDNN 9 has in any direction). */
    private static final int SEARCHED = 10;

    /** {@code tf32}: let tensor cores round the inputs to TF32 (faster, about 1e-3 relative error). */
    Cudnn(CudaDevice device, boolean tf32) {
        this.device = device;
        this.mathType = tf32 ? CUDNN_DEFAULT_MATH : CUDNN_FMA_MATH;
        device.bind();
        check(cudnnCreate(handle), "cudnnCreate");
        check(cudnnSetStream(handle, device.stream), "cudnnSetStream");
    }

    static void check(int status, String call) {
        if (status != CUDNN_STATUS_SUCCESS) {
            throw new CudaException(call + " failed: " + cudnnGetErrorString(status).getString());
        }
    }

    /** "9.19.0" from cuDNN's 91900. */
    static String version() {
        long v = cudnnGetVersion();
        return v / 10000 + "." + v % 10000 / 100 + "." + v % 100;
    }

    /** The plan of a convolution (made on first use). */
    Plan plan(ConvShape s, ConvSpec spec) {
        return plans.computeIfAbsent(new Key(s, spec), k -> {
            Plan p = new Plan(s, spec);
            check(cudnnCreateTensorDescriptor(p.x), "cudnnCreateTensorDescriptor");
            check(cudnnCreateTensorDescriptor(p.y), "cudnnCreateTensorDescriptor");
            check(cudnnCreateFilterDescriptor(p.w), "cudnnCreateFilterDescriptor");
            check(cudnnCreateConvolutionDescriptor(p.conv), "cudnnCreateConvolutionDescriptor");
            check(cudnnSetTensor4dDescriptor(p.x, CUDNN_TENSOR_NCHW, CUDNN_DATA_FLOAT, s.n(), s.c(), p.paddedH, p.paddedW),
                    "cudnnSetTensor4dDescriptor(input " + s + ")");
            check(cudnnSetTensor4dDescriptor(p.y, CUDNN_TENSOR_NCHW, CUDNN_DATA_FLOAT, s.n(), s.cout(), s.oh(), s.ow()),
                    "cudnnSetTensor4dDescriptor(output " + s + ")");
            check(cudnnSetFilter4dDescriptor(p.w, CUDNN_DATA_FLOAT, CUDNN_TENSOR_NCHW, s.cout(), s.cinPerGroup(), s.kh(), s.kw()),
                    "cudnnSetFilter4dDescriptor(" + s + ")");
            int padH = p.explicitPadding ? 0 : spec.padTop(), padW = p.explicitPadding ? 0 : spec.padLeft();
            check(cudnnSetConvolution2dDescriptor(p.conv, padH, padW, spec.strideH(), spec.strideW(), spec.dilationH(),
                    spec.dilationW(), CUDNN_CROSS_CORRELATION, CUDNN_DATA_FLOAT), "cudnnSetConvolution2dDescriptor(" + spec + ")");
            check(cudnnSetConvolutionGroupCount(p.conv, s.groups()), "cudnnSetConvolutionGroupCount(" + s.groups() + ")");
            check(cudnnSetConvolutionMathType(p.conv, mathType), "cudnnSetConvolutionMathType");
            return p;
        });
    }

    /** One result of a cudnnFind…Ex search. */
    private record Found(int algo, int status, long memory, int math) {}

    /** A direction's cudnnFind…Ex with a scratch workspace of {@code cap} bytes: its results, fastest first. */
    private interface Search {
        List<Found> run(Pointer scratch, long cap);
    }

    /**
     * Prepares a convolution of {@code direction}: on first use, times the algorithms ({@code search})
     * and keeps the fastest that succeeds within the workspace cap; then sets its math type and
     * returns the workspace address, grown to what it needs.
     */
    private long prepare(Plan p, int direction, String what, Search search) {
        device.bind();
        if (p.algo[direction] < 0) {
            long cap = findWorkspaceCap();
            long scratch = device.allocator.allocate(cap);
            try {
                check(cudnnSetConvolutionMathType(p.conv, mathType), "cudnnSetConvolutionMathType");
                for (Found f : search.run(new Cuda.Address(scratch), cap)) {
                    if (f.status() == CUDNN_STATUS_SUCCESS && f.memory() <= cap) {
                        p.algo[direction] = f.algo();
                        p.bytes[direction] = f.memory();
                        // Full float32 stays FMA whatever the search reports, so that no TF32 creeps in.
                        p.math[direction] = mathType == CUDNN_FMA_MATH ? CUDNN_FMA_MATH : f.math();
                        break;
                    }
                }
            } finally {
                device.allocator.release(scratch, cap);
            }
            if (p.algo[direction] < 0) {
                throw new CudaException("cuDNN found no " + what + " convolution algorithm that runs within the workspace cap for input "
                        + p.paddedH + "x" + p.paddedW);
            }
        }
        long ws = workspace(p.bytes[direction]);
        check(cudnnSetConvolutionMathType(p.conv, p.math[direction]), "cudnnSetConvolutionMathType");
        return ws;
    }

    /** y = conv(x, w) at device addresses (x padded already when the plan pads explicitly). Writes y. */
    void forward(Plan p, long x, long w, long y) {
        long ws = prepare(p, FORWARD, "forward", (scratch, cap) -> {
            try (cudnnConvolutionFwdAlgoPerf_t perf = new cudnnConvolutionFwdAlgoPerf_t(SEARCHED)) {
                int[] found = new int[1];
                check(cudnnFindConvolutionForwardAlgorithmEx(handle, p.x, new Cuda.Address(x), p.w, new Cuda.Address(w), p.conv,
                        p.y, new Cuda.Address(y), SEARCHED, found, perf, scratch, cap), "cudnnFindConvolutionForwardAlgorithmEx");
                List<Found> out = new ArrayList<>();
                for (int i = 0; i < found[0]; i++) {
                    cudnnConvolutionFwdAlgoPerf_t r = perf.getPointer(i);
                    out.add(new Found(r.algo(), r.status(), r.memory(), r.mathType()));
                }
                return out;
            }
        });
        check(cudnnConvolutionForward(handle, one, p.x, new Cuda.Address(x), p.w, new Cuda.Address(w), p.conv, p.algo[FORWARD],
                new Cuda.Address(ws), p.bytes[FORWARD], zero, p.y, new Cuda.Address(y)), "cudnnConvolutionForward");
    }

    /** dx = gradient of the convolution with respect to its (padded) input. Writes dx. */
    void backwardData(Plan p, long dy, long w, long dx) {
        long ws = prepare(p, BACKWARD_DATA, "backward data", (scratch, cap) -> {
            try (cudnnConvolutionBwdDataAlgoPerf_t perf = new cudnnConvolutionBwdDataAlgoPerf_t(SEARCHED)) {
                int[] found = new int[1];
                check(cudnnFindConvolutionBackwardDataAlgorithmEx(handle, p.w, new Cuda.Address(w), p.y, new Cuda.Address(dy),
                        p.conv, p.x, new Cuda.Address(dx), SEARCHED, found, perf, scratch, cap), "cudnnFindConvolutionBackwardDataAlgorithmEx");
                List<Found> out = new ArrayList<>();
                for (int i = 0; i < found[0]; i++) {
                    cudnnConvolutionBwdDataAlgoPerf_t r = perf.getPointer(i);
                    out.add(new Found(r.algo(), r.status(), r.memory(), r.mathType()));
                }
                return out;
            }
        });
        check(cudnnConvolutionBackwardData(handle, one, p.w, new Cuda.Address(w), p.y, new Cuda.Address(dy), p.conv,
                p.algo[BACKWARD_DATA], new Cuda.Address(ws), p.bytes[BACKWARD_DATA], zero, p.x, new Cuda.Address(dx)),
                "cudnnConvolutionBackwardData");
    }

    /** dw = gradient of the convolution with respect to its filters. Writes dw. */
    void backwardFilter(Plan p, long x, long dy, long dw) {
        long ws = prepare(p, BACKWARD_FILTER, "backward filter", (scratch, cap) -> {
            try (cudnnConvolutionBwdFilterAlgoPerf_t perf = new cudnnConvolutionBwdFilterAlgoPerf_t(SEARCHED)) {
                int[] found = new int[1];
                check(cudnnFindConvolutionBackwardFilterAlgorithmEx(handle, p.x, new Cuda.Address(x), p.y, new Cuda.Address(dy),
                        p.conv, p.w, new Cuda.Address(dw), SEARCHED, found, perf, scratch, cap),
                        "cudnnFindConvolutionBackwardFilterAlgorithmEx");
                List<Found> out = new ArrayList<>();
                for (int i = 0; i < found[0]; i++) {
                    cudnnConvolutionBwdFilterAlgoPerf_t r = perf.getPointer(i);
                    out.add(new Found(r.algo(), r.status(), r.memory(), r.mathType()));
                }
                return out;
            }
        });
        check(cudnnConvolutionBackwardFilter(handle, one, p.x, new Cuda.Address(x), p.y, new Cuda.Address(dy), p.conv,
                p.algo[BACKWARD_FILTER], new Cuda.Address(ws), p.bytes[BACKWARD_FILTER], zero, p.w, new Cuda.Address(dw)),
                "cudnnConvolutionBackwardFilter");
    }

    /** Half the free memory (counting what the allocator caches), at most {@link #FIND_WORKSPACE_CAP}. */
    private long findWorkspaceCap() {
        long free = Cuda.memoryInfo()[0] + device.allocator.cached();
        return Math.max(1L << 20, Math.min(FIND_WORKSPACE_CAP, free / 2));
    }

    /** The shared workspace, grown to at least {@code bytes} (the smaller one goes back to the cache). */
    private long workspace(long bytes) {
        if (bytes > workspaceBytes) {
            if (workspaceBytes > 0) {
                device.allocator.recycle(workspace, workspaceBytes);
            }
            workspace = device.allocator.allocate(bytes);
            workspaceBytes = bytes;
        }
        return workspace;
    }
}
