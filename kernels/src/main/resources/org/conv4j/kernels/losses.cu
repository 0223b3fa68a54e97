// Fused losses on (rows, k) float32 logits. They WRITE probs and d_logits, and WRITE one loss term
// per row into row_loss (the host or a sum kernel averages them): no atomics, so results are
// deterministic.

// Softmax + categorical cross-entropy: probs = softmax(z); row_loss[r] = -sum_j t*log(probs),
// computed as -sum_j t*(z - max - log(sum e^(z - max))); d_logits = (probs - t) / rows.
// One thread per row.
extern "C" __global__ void softmax_cross_entropy(const float* z, const float* t, float* probs, float* d_logits,
                                                 float* row_loss, int rows, int k) {
    int r = blockIdx.x * blockDim.x + threadIdx.x;
    if (r >= rows) {
        return;
    }
    long o = (long) r * k;
    float max = __int_as_float(0xff800000);  // -infinity, without host headers (NVRTC)
    for (int j = 0; j < k; j++) {
        max = fmaxf(max, z[o + j]);
    }
    double sum = 0.0;
    for (int j = 0; j < k; j++) {
        sum += exp((double) (z[o + j] - max));
    }
    double log_sum = max + log(sum);
    double loss = 0.0;
    for (int j = 0; j < k; j++) {
        float p = (float) (exp((double) (z[o + j] - max)) / sum);
        probs[o + j] = p;
        loss -= t[o + j] * (z[o + j] - log_sum);
        d_logits[o + j] = (p - t[o + j]) / rows;
    }
    row_loss[r] = (float) loss;
}

// Sigmoid + binary cross-entropy per element, stable: p = sigmoid(z);
// loss[i] = max(z, 0) - z*t + log(1 + e^-|z|); d_logits = (p - t) / n. WRITES loss per element.
extern "C" __global__ void sigmoid_binary_cross_entropy(const float* z, const float* t, float* probs, float* d_logits,
                                                        float* loss, long n) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        float x = z[i];
        float p = 1.f / (1.f + expf(-x));
        probs[i] = p;
        loss[i] = fmaxf(x, 0.f) - x * t[i] + log1pf(expf(-fabsf(x)));
        d_logits[i] = (p - t[i]) / n;
    }
}
