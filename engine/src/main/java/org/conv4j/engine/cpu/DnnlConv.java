package org.conv4j.engine.cpu;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.memory.data_type;
import org.bytedeco.dnnl.memory.format_tag;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.conv4j.engine.Activation;
import org.conv4j.engine.ConvSpec;
import org.conv4j.engine.OpShapes;
import org.conv4j.engine.ReferenceOps.ConvShape;
import org.conv4j.engine.Tensor;

/**
 * Convolution through oneDNN (JavaCPP's {@code org.bytedeco:dnnl}): its JIT kernels for this
 * machine's instruction set (AVX2 or AVX-512), direct or depthwise, in the blocked layouts they
 * want, with an activation applied as the convolution writes (a post-op) when asked. Each call copies the NCHW heap arrays into native NCHW memory, reorders them into the
 * primitive's layout when it differs, runs the primitive and reorders and copies the result back —
 * what PyTorch's eager mode does around each oneDNN convolution. The same three products as
 * {@link CpuConv} (forward with the bias fused, backward data, backward filter), held to
 * {@link org.conv4j.engine.ReferenceOps} by the op suite.
 *
 * <p>Primitives are created once per convolution geometry and kept. Their native operands are not:
 * every geometry binds its memory to one shared scratch block per role (see {@link Role}), so a
 * model with fifty convolutions holds a few blocks the size of its largest activation, not fifty.
 * oneDNN runs on its own OpenMP threads (OMP_NUM_THREADS, else every core); {@link CpuBackend}
 * uses this class only when that number is its own thread count.
 * Not safe for concurrent calls: one backend serves one model at a time.
 */
final class DnnlConv {
    private static final engine ENGINE;
    private static final stream STREAM;
    private static final Throwable LOAD_ERROR;

    static {
        engine e = null;
        stream s = null;
        Throwable error = null;
        try {
            e = new engine(engine.kind.cpu, 0);
            s = new stream(e);
        } catch (Throwable t) {
            error = t;
        }
        ENGINE = e;
        STREAM = s;
        LOAD_ERROR = error;
    }

    /** The native operands of a call; each role is one scratch block shared by every geometry. */
    private enum Role { SRC, SRC_INNER, WEIGHTS, WEIGHTS_INNER, DST, DST_INNER, BIAS }

    /** Copies between the heap and native memory are split across threads above this many floats each. */
    private static final int COPY_GRAIN = 1 << 16;

    private final Parallel parallel;
    private final Map<Role, NativeBuffer> scratch = new EnumMap<>(Role.class);
    private final Map<Geometry, Plans> plans = new HashMap<>();

    private record Geometry(ConvShape shape, ConvSpec spec) {}

    /**
     * What a forward primitive does after the convolution: add a bias or not, then f (LINEAR: none).
     * {@code maxValue} is RELU's cap, infinite for every other f, so equal epilogues are equal records.
     */
    private record Epilogue(boolean bias, Activation f, double maxValue) {
        Epilogue {
            if (f != Activation.RELU) {
                maxValue = Double.POSITIVE_INFINITY;
            }
        }

        /** oneDNN's attributes for this epilogue: one eltwise post-op with oneDNN's (alpha, beta) for f. */
        primitive_attr attributes() {
            primitive_attr attr = new primitive_attr();
            if (f == Activation.LINEAR) {
                return attr;
            }
            post_ops ops = new post_ops();
            switch (f) {
                case RELU:
                    if (Double.isInfinite(maxValue)) {
                        ops.append_eltwise(algorithm.eltwise_relu, 0f, 0f);
                    } else {
                        ops.append_eltwise(algorithm.eltwise_clip, 0f, (float) maxValue); // min(max(x, 0), cap)
                    }
                    break;
                case SIGMOID:
                    ops.append_eltwise(algorithm.eltwise_logistic, 0f, 0f);
                    break;
                case TANH:
                    ops.append_eltwise(algorithm.eltwise_tanh, 0f, 0f);
                    break;
                case SWISH:
                    ops.append_eltwise(algorithm.eltwise_swish, 1f, 0f); // x * sigmoid(1 * x)
                    break;
                case HARD_SIGMOID:
                    ops.append_eltwise(algorithm.eltwise_hardsigmoid, 1f / 6, 0.5f); // max(0, min(1, x / 6 + 1/2))
                    break;
                case HARD_SWISH:
                    ops.append_eltwise(algorithm.eltwise_hardswish, 1f / 6, 0.5f); // x * max(0, min(1, x / 6 + 1/2))
                    break;
                default:
                    throw new IllegalArgumentException("no oneDNN post-op for " + f);
            }
            attr.set_post_ops(ops);
            return attr;
        }
    }

    /** {@code parallel}: the backend's threads, which copy operands in and out (oneDNN computes on its own). */
    DnnlConv(Parallel parallel) {
        this.parallel = parallel;
    }

    /** Whether oneDNN's native library loaded on this machine. */
    static boolean available() {
        return LOAD_ERROR == null;
    }

    /** Why it did not load (null when it did). */
    static Throwable loadError() {
        return LOAD_ERROR;
    }

    /** The threads oneDNN computes with: OpenMP's OMP_NUM_THREADS, else every core. */
    static int threads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        if (omp != null) {
            try {
                return Integer.parseInt(omp.split(",")[0].trim());
            } catch (NumberFormatException e) {
                return Runtime.getRuntime().availableProcessors();
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** oneDNN's version, for reports. */
    static String version() {
        var v = org.bytedeco.dnnl.global.dnnl.dnnl_version();
        return v.major() + "." + v.minor() + "." + v.patch();
    }

    /** y = f(conv(x, w) (+ bias[c] when bias is not null)), RELU capped at maxValue; writes y. */
    void forward(Tensor x, Tensor w, Tensor bias, Activation f, double maxValue, Tensor y, ConvSpec p) {
        Step step = plansFor(OpShapes.conv(x, w, y, p), p).forward(new Epilogue(bias != null, f, maxValue));
        if (bias != null) {
            step.args.put(DNNL_ARG_BIAS, step.operands[3].load(bias.floats()));
        }
        run(step, DNNL_ARG_SRC, x, DNNL_ARG_WEIGHTS, w, DNNL_ARG_DST, y);
    }

    /** dx = the gradient of the convolution with respect to its input; writes dx. */
    void backwardData(Tensor dy, Tensor w, Tensor dx, ConvSpec p) {
        run(plansFor(OpShapes.conv(dx, w, dy, p), p).backwardData(), DNNL_ARG_DIFF_DST, dy, DNNL_ARG_WEIGHTS, w, DNNL_ARG_DIFF_SRC, dx);
    }

    /** dw = the gradient of the convolution with respect to its filters (summed over the batch); writes dw. */
    void backwardFilter(Tensor x, Tensor dy, Tensor dw, ConvSpec p) {
        run(plansFor(OpShapes.conv(x, dw, dy, p), p).backwardWeights(), DNNL_ARG_SRC, x, DNNL_ARG_DIFF_DST, dy,
                DNNL_ARG_DIFF_WEIGHTS, dw);
    }

    /**
     * Copies the step's two inputs (its operands 0 and 1) in as the arguments {@code firstArg} and
     * {@code secondArg}, runs it, and copies its result (operand 2, argument {@code outArg}) into out.
     */
    private static void run(Step step, int firstArg, Tensor first, int secondArg, Tensor second, int outArg, Tensor out) {
        IntMemoryMap args = step.args;
        args.put(firstArg, step.operands[0].load(first.floats()));
        args.put(secondArg, step.operands[1].load(second.floats()));
        args.put(outArg, step.operands[2].output());
        step.primitive.execute(STREAM, args);
        step.operands[2].store(out.floats());
    }

    private Plans plansFor(ConvShape s, ConvSpec p) {
        return plans.computeIfAbsent(new Geometry(s, p), g -> new Plans(g.shape(), g.spec()));
    }

    private NativeBuffer scratch(Role role, long bytes) {
        return scratch.computeIfAbsent(role, r -> new NativeBuffer()).ensure((bytes + 3) / 4);
    }

    /** A primitive, its operands in the order its call site uses them, and its reusable argument map. */
    private record Step(primitive primitive, Operand[] operands, IntMemoryMap args) {}


    /**
     * One tensor argument of a primitive: the plain (NCHW, OIHW or GOIHW) memory a heap array is
     * copied to or from, and the layout the primitive chose, with a reorder between them when the
     * two differ.
     */
    private final class Operand {
        private final memory plain;
        private final memory inner;
        private final reorder toInner;
        private final reorder toPlain;
        private final Role plainRole;
        private final Role innerRole;
        private final long plainBytes;
        private final long innerBytes;

        Operand(memory.desc plainDesc, memory.desc chosen, Role plainRole, Role innerRole) {
            this.plainRole = plainRole;
            this.innerRole = innerRole;
            this.plainBytes = plainDesc.get_size();
            this.innerBytes = chosen.get_size();
            this.plain = new memory(plainDesc, ENGINE, scratch(plainRole, plainBytes).at(0));
            if (chosen.equals(plainDesc)) {
                inner = plain;
                toInner = null;
                toPlain = null;
            } else {
                inner = new memory(chosen, ENGINE, scratch(innerRole, innerBytes).at(0));
                toInner = new reorder(plain, inner);
                toPlain = new reorder(inner, plain);
            }
        }

        /** Copies {@code heap} in and returns the memory in the primitive's layout. */
        memory load(float[] heap) {
            NativeBuffer buffer = bindPlain();
            parallel.forRange((int) (plainBytes / 4), COPY_GRAIN, (start, end, t) -> buffer.put(heap, start, start, end - start));
            if (toInner != null) {
                toInner.execute(STREAM, plain, bindInner());
            }
            return inner;
        }

        /** The memory the primitive writes its result to. */
        memory output() {
            if (toInner != null) {
                bindInner();
            } else {
                bindPlain();
            }
            return inner;
        }

        /** Copies the primitive's result (written to {@link #output}) into {@code heap}. */
        void store(float[] heap) {
            NativeBuffer buffer = bindPlain();
            if (toPlain != null) {
                toPlain.execute(STREAM, inner, plain);
            }
            parallel.forRange((int) (plainBytes / 4), COPY_GRAIN, (start, end, t) -> buffer.get(start, heap, start, end - start));
        }

        // The scratch blocks may have grown (and moved) since the last call: point the memory at them again.
        private NativeBuffer bindPlain() {
            NativeBuffer buffer = scratch(plainRole, plainBytes);
            plain.set_data_handle(buffer.at(0));
            return buffer;
        }

        private memory bindInner() {
            inner.set_data_handle(scratch(innerRole, innerBytes).at(0));
            return inner;
        }
    }

    /** The primitives of one geometry, created when first needed. */
    private final class Plans {
        private final memory.desc srcPlain;
        private final memory.desc weightsPlain;
        private final memory.desc dstPlain;
        // The layouts asked of oneDNN when creating primitives: "any" lets it choose its blocked ones.
        private final memory.desc srcAsked;
        private final memory.desc weightsAsked;
        private final memory.desc dstAsked;
        private final long[] strides;
        private final long[] dilates;
        private final long[] padLeft;
        private final long[] padRight;
        private final long cout;
        private convolution_forward.primitive_desc hint;
        private final Map<Epilogue, Step> forwards = new HashMap<>();
        private Step backwardData;
        private Step backwardWeights;

        Plans(ConvShape s, ConvSpec p) {
            long[] src = {s.n(), s.c(), s.h(), s.w()};
            long[] dst = {s.n(), s.cout(), s.oh(), s.ow()};
            long[] weights = s.groups() == 1
                    ? new long[] {s.cout(), s.c(), s.kh(), s.kw()}
                    : new long[] {s.groups(), s.coutPerGroup(), s.cinPerGroup(), s.kh(), s.kw()};
            format_tag weightsTag = s.groups() == 1 ? format_tag.oihw : format_tag.goihw;
            srcPlain = new memory.desc(src, data_type.f32, format_tag.nchw);
            dstPlain = new memory.desc(dst, data_type.f32, format_tag.nchw);
            weightsPlain = new memory.desc(weights, data_type.f32, weightsTag);
            // A 1x1 convolution of NCHW images is one GEMM per image (W[cout x cin] . X[cin x HW]): oneDNN's GEMM kernel
            // reads and writes plain NCHW, so nothing is reordered. On MobileNetV2's 1x1 layers at 160x160 that took
            // a batch's convolutions from 406 to 345 ms; for 3x3 and larger, oneDNN's blocked layouts win (plain: 580 ms).
            format_tag activations = s.kh() == 1 && s.kw() == 1 ? format_tag.nchw : format_tag.any;
            srcAsked = new memory.desc(src, data_type.f32, activations);
            dstAsked = new memory.desc(dst, data_type.f32, activations);
            weightsAsked = new memory.desc(weights, data_type.f32, format_tag.any);
            strides = new long[] {p.strideH(), p.strideW()};
            // oneDNN counts dilation from 0 (no gaps); Keras from 1.
            dilates = new long[] {p.dilationH() - 1, p.dilationW() - 1};
            padLeft = new long[] {p.padTop(), p.padLeft()};
            padRight = new long[] {p.padBottom(), p.padRight()};
            cout = s.cout();
        }

        private convolution_forward.primitive_desc forwardDesc(Epilogue e) {
            primitive_attr attr = e.attributes();
            if (e.bias()) {
                memory.desc bias = new memory.desc(new long[] {cout}, data_type.f32, format_tag.x);
                return new convolution_forward.primitive_desc(ENGINE, prop_kind.forward_training,
                        algorithm.convolution_direct, srcAsked, weightsAsked, bias, dstAsked, strides, dilates, padLeft, padRight,
                        attr, false);
            }
            return new convolution_forward.primitive_desc(ENGINE, prop_kind.forward_training,
                    algorithm.convolution_direct, srcAsked, weightsAsked, dstAsked, strides, dilates, padLeft, padRight, attr, false);
        }

        /** The forward description the backward primitives are created from. */
        private convolution_forward.primitive_desc hint() {
            if (hint == null) {
                hint = forwardDesc(new Epilogue(false, Activation.LINEAR, Double.POSITIVE_INFINITY));
            }
            return hint;
        }

        Step forward(Epilogue e) {
            return forwards.computeIfAbsent(e, key -> {
                convolution_forward.primitive_desc pd = key.bias() || key.f() != Activation.LINEAR ? forwardDesc(key) : hint();
                Operand[] operands = {
                    new Operand(srcPlain, pd.src_desc(), Role.SRC, Role.SRC_INNER),
                    new Operand(weightsPlain, pd.weights_desc(), Role.WEIGHTS, Role.WEIGHTS_INNER),
                    new Operand(dstPlain, pd.dst_desc(), Role.DST, Role.DST_INNER),
                    key.bias() ? new Operand(pd.bias_desc(), pd.bias_desc(), Role.BIAS, Role.BIAS) : null};
                return new Step(new convolution_forward(pd), operands, new IntMemoryMap());
            });
        }

        Step backwardData() {
            if (backwardData == null) {
                var pd = new convolution_backward_data.primitive_desc(ENGINE, algorithm.convolution_direct,
                        srcAsked, weightsAsked, dstAsked, strides, dilates, padLeft, padRight, hint());
                Operand[] operands = {
                    new Operand(dstPlain, pd.diff_dst_desc(), Role.DST, Role.DST_INNER),
                    new Operand(weightsPlain, pd.weights_desc(), Role.WEIGHTS, Role.WEIGHTS_INNER),
                    new Operand(srcPlain, pd.diff_src_desc(), Role.SRC, Role.SRC_INNER)};
                backwardData = new Step(new convolution_backward_data(pd), operands, new IntMemoryMap());
            }
            return backwardData;
        }

        Step backwardWeights() {
            if (backwardWeights == null) {
                var pd = new convolution_backward_weights.primitive_desc(ENGINE, algorithm.convolution_direct,
                        srcAsked, weightsAsked, dstAsked, strides, dilates, padLeft, padRight, hint());
                Operand[] operands = {
                    new Operand(srcPlain, pd.src_desc(), Role.SRC, Role.SRC_INNER),
                    new Operand(dstPlain, pd.diff_dst_desc(), Role.DST, Role.DST_INNER),
                    new Operand(weightsPlain, pd.diff_weights_desc(), Role.WEIGHTS, Role.WEIGHTS_INNER)};
                backwardWeights = new Step(new convolution_backward_weights(pd), operands, new IntMemoryMap());
            }
            return backwardWeights;
        }
    }
}
