package org.conv4j.engine;

/**
 * The op set every backend implements. Layers call only these, so a model runs unchanged on the
 * reference backend (float64, plain loops), the CPU backend and the GPU backend.
 *
 * <p>Conventions: images are NCHW, matrices row-major. Every op <b>writes</b> its outputs
 * (overwrites them) unless its comment says it accumulates. Output tensors are allocated by the
 * caller with the right shape. Gradients are those of the caller's scalar loss.
 */
public interface Backend {
    String name();

    DType dtype();

    /** A zero-filled tensor of this backend's dtype. */
    default Tensor zeros(int... shape) {
        return Tensor.zeros(dtype(), shape);
    }

    /** A tensor of this backend's dtype holding {@code values} (copied). */
    default Tensor fromDoubles(double[] values, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < values.length; i++) {
            t.set(i, values[i]);
        }
        return t;
    }

    /** A tensor of this backend's dtype holding {@code values} (copied). */
    default Tensor fromFloats(float[] values, int... shape) {
        Tensor t = zeros(shape);
        t.copyFrom(Tensor.of(values, shape));
        return t;
    }

    /** Number of threads the backend computes with (for reports); a GPU's multiprocessors. */
    int threads();

    /**
     * Waits until every op called so far has finished. Ops of a GPU backend return once their work
     * is queued; timings call this before reading the clock. The CPU backends compute in the call.
     */
    default void synchronize() {}

    // ---------------------------------------------------------------- matrices

    /** c = alpha * op(a) * op(b) + beta * c, where op transposes when asked; a, b, c are 2-D. */
    void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c);

    // ---------------------------------------------------------------- convolution

    /**
     * y(N,Cout,OH,OW) = conv(x(N,C,H,W), w(Cout, C/groups, KH, KW)) + bias[co]; bias (Cout) may be
     * null (no bias). Fused so the output is written once.
     */
    void conv2dForward(Tensor x, Tensor w, Tensor bias, Tensor y, ConvSpec spec);

    /**
     * y = f(conv(x, w) + bias) (writes y): the convolution and the activation after it in one op,
     * for inference, where nothing needs the pre-activation. This default is conv2dForward, then
     * activationForward in place; a backend may apply f while the convolution writes its output
     * (oneDNN's post-ops), sparing a pass over y. {@code maxValue} caps RELU as in activationForward.
     */
    default void conv2dForwardActivation(Tensor x, Tensor w, Tensor bias, Activation f, double maxValue, Tensor y,
                                         ConvSpec spec) {
        conv2dForward(x, w, bias, y, spec);
        if (f != Activation.LINEAR) {
            activationForward(f, maxValue, y, y);
        }
    }

    /** dx(N,C,H,W) = gradient of the convolution with respect to its input. */
    void conv2dBackwardData(Tensor dy, Tensor w, Tensor dx, ConvSpec spec);

    /** dw(Cout, C/groups, KH, KW) = gradient of the convolution with respect to its filters. */
    void conv2dBackwardFilter(Tensor x, Tensor dy, Tensor dw, ConvSpec spec);

    /** y[n, c, ...] += bias[c] (accumulates into y); y is (N, C) or (N, C, H, W). */
    void biasAdd(Tensor y, Tensor bias);

    /** dbias[c] = sum of dy[n, c, ...] over the batch and all positions. */
    void biasGrad(Tensor dy, Tensor dbias);

    // ---------------------------------------------------------------- batch normalization

    /**
     * Training mode: per channel c of x (N,C) or (N,C,H,W), mean[c] and the biased variance var[c]
     * over N*H*W; y = gamma * (x - mean) / sqrt(var + eps) + beta. Writes y, mean, var.
     */
    void batchNormTraining(Tensor x, Tensor gamma, Tensor beta, double eps, Tensor y, Tensor mean, Tensor var);

    /** Inference mode: y = gamma * (x - mean) / sqrt(var + eps) + beta with the given statistics. */
    void batchNormInference(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor var, double eps, Tensor y);

    /**
     * Backward of training mode (mean and var are the batch statistics the forward wrote).
     * With xhat = (x - mean) / sqrt(var + eps) and M = N*H*W:
     * dbeta = sum dy; dgamma = sum dy * xhat;
     * dx = gamma / sqrt(var + eps) * (dy - dbeta / M - xhat * dgamma / M). Writes dx, dgamma, dbeta.
     */
    void batchNormBackward(Tensor x, Tensor dy, Tensor gamma, Tensor mean, Tensor var, double eps,
                           Tensor dx, Tensor dgamma, Tensor dbeta);

    /**
     * Backward of inference mode (fixed mean and var): dx = dy * gamma / sqrt(var + eps); when
     * dgamma and dbeta are not null, also dgamma = sum dy * (x - mean) / sqrt(var + eps) and
     * dbeta = sum dy (a frozen layer passes null: its weights get no gradient).
     */
    void batchNormBackwardInference(Tensor x, Tensor dy, Tensor gamma, Tensor mean, Tensor var, double eps,
                                    Tensor dx, Tensor dgamma, Tensor dbeta);

    // ---------------------------------------------------------------- pooling

    /** y(N,C,OH,OW) = max over each window of x; padding never wins. */
    void maxPool2dForward(Tensor x, Tensor y, PoolSpec spec);

    /** dx = dy routed to the first maximum of each window (row-major order), summed over windows. */
    void maxPool2dBackward(Tensor x, Tensor dy, Tensor dx, PoolSpec spec);

    /** y = mean of each window over the positions inside the input (padding not counted). */
    void avgPool2dForward(Tensor x, Tensor y, PoolSpec spec);

    /** dx = dy spread evenly over the inside positions of each window, summed over windows. */
    void avgPool2dBackward(Tensor dy, Tensor dx, PoolSpec spec);

    /** y(N,C) = mean of x(N,C,H,W) over H and W. */
    void globalAvgPoolForward(Tensor x, Tensor y);

    /** dx(N,C,H,W) = dy(N,C) / (H*W). */
    void globalAvgPoolBackward(Tensor dy, Tensor dx);

    // ---------------------------------------------------------------- image transforms

    /**
     * Projective transform of images, TensorFlow's ImageProjectiveTransformV3 (what Keras's
     * RandomRotation, RandomZoom and RandomTranslation apply): output pixel (x, y) of image n reads
     * the input at x' = (a0 x + a1 y + a2) / k, y' = (b0 x + b1 y + b2) / k, k = c0 x + c1 y + 1,
     * where (a0, a1, a2, b0, b1, b2, c0, c1) is row n of transforms (N, 8); x' and y' are mapped
     * inside by {@code fill}, then read bilinearly or at the nearest pixel (ties away from zero),
     * pixels outside reading {@code fillValue}. x (N,C,H,W), y (N,C,OH,OW); writes y.
     */
    void imageTransform(Tensor x, Tensor transforms, boolean bilinear, FillMode fill, double fillValue, Tensor y);

    // ---------------------------------------------------------------- activations

    /** y = f(x) elementwise; {@code maxValue} caps RELU (infinity for none). y may be x. */
    void activationForward(Activation f, double maxValue, Tensor x, Tensor y);

    /** dx = dy * f'(x); x and y are the forward's input and output. dx may be dy. */
    void activationBackward(Activation f, double maxValue, Tensor x, Tensor y, Tensor dy, Tensor dx);

    /** y(N,K) = softmax over the last axis of x(N,K). */
    void softmaxForward(Tensor x, Tensor y);

    /** dx = y * (dy - sum_k dy*y) row by row; y is the forward's output. */
    void softmaxBackward(Tensor y, Tensor dy, Tensor dx);

    // ---------------------------------------------------------------- dropout

    /**
     * mask[i] = 1 / (1 - rate) with probability 1 - rate, else 0, drawn from a counter-based hash of
     * (seed, i): the same seed gives the same mask on every backend.
     */
    void dropoutMask(Tensor mask, double rate, long seed);

    // ---------------------------------------------------------------- elementwise

    /** out = a + b (same shapes); out may be a or b. */
    void add(Tensor a, Tensor b, Tensor out);

    /** out = a * b elementwise; out may be a or b. */
    void multiply(Tensor a, Tensor b, Tensor out);

    /**
     * out = x * s with NumPy broadcasting, where s has x's rank and is 1 on every axis outside one
     * run of axes on which it equals x: (N,C,1,1) scales each sample's channels (squeeze-and-excite),
     * (N,1,1,1) each sample (drop-connect), (1,C,1,1) each channel. out may be x.
     */
    void multiplyBroadcast(Tensor x, Tensor s, Tensor out);

    /** ds = the sum of dy * x over the axes s broadcasts along (the gradient of s in multiplyBroadcast); writes ds. */
    void multiplyBroadcastGrad(Tensor dy, Tensor x, Tensor ds);

    /** y += alpha * x (accumulates). */
    void axpy(double alpha, Tensor x, Tensor y);

    /** out = alpha * x; out may be x. */
    void scale(double alpha, Tensor x, Tensor out);

    /** dst = src (same size). */
    void copy(Tensor src, Tensor dst);

    void fill(Tensor t, double value);

    /** Sum of all elements, in float64. */
    double sum(Tensor x);

    // ---------------------------------------------------------------- padding

    /** y(N,C,H+top+bottom,W+left+right) = x placed at (top, left), zeros around it. */
    void pad2d(Tensor x, Tensor y, int top, int left);

    /** x(N,C,h,w) = the window of y starting at (top, left) (the backward of pad2d). */
    void crop2d(Tensor y, Tensor x, int top, int left);

    // ---------------------------------------------------------------- losses

    /**
     * Softmax + categorical cross-entropy, fused: probs = softmax(logits); returns the mean over the
     * batch of -sum_k target*log(probs); writes dLogits = (probs - target) / N (for targets that
     * sum to 1). logits, target, probs, dLogits are (N,K).
     */
    double softmaxCrossEntropy(Tensor logits, Tensor target, Tensor probs, Tensor dLogits);

    /**
     * Sigmoid + binary cross-entropy, fused and stable: p = sigmoid(z); per element
     * loss = max(z,0) - z*t + log(1 + e^-|z|); returns the mean over all elements;
     * dLogits = (p - t) / size.
     */
    double sigmoidBinaryCrossEntropy(Tensor logits, Tensor target, Tensor probs, Tensor dLogits);

    // ---------------------------------------------------------------- optimizers (Keras formulas)

    /** SGD: m = momentum*m - lr*g; w += m, or with Nesterov w += momentum*m - lr*g. momentum 0: w -= lr*g. */
    void sgdUpdate(Tensor w, Tensor g, Tensor velocity, double lr, double momentum, boolean nesterov);

    /**
     * Adam at step t (1-based): m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2;
     * alpha = lr*sqrt(1-b2^t)/(1-b1^t); w -= alpha*m/(sqrt(v) + eps).
     */
    void adamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps, long t);

    /** RMSprop: v = rho*v + (1-rho)*g^2; w -= lr*g/sqrt(v + eps). */
    void rmspropUpdate(Tensor w, Tensor g, Tensor v, double lr, double rho, double eps);
}
