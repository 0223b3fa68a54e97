// Batch normalization over (N, C, inner) float32 tensors, Keras's semantics (biased batch
// variance). The statistics kernels run one block per channel (power-of-two block size up to
// 1024) and sum in double with block_sum (prelude.cu) in a fixed order: deterministic. See the
// Backend interface for the formulas.

// WRITES mean[c] and var[c] (biased) of channel c over N*inner values.
extern "C" __global__ void batch_norm_statistics(const float* x, float* mean, float* var, int batch, int c, int inner) {
    int ch = blockIdx.x;
    long count = (long) batch * inner;
    double a = 0.0;
    for (long k = threadIdx.x; k < count; k += blockDim.x) {
        a += x[(k / inner * c + ch) * inner + k % inner];
    }
    double mu = block_sum(a) / count;
    double q = 0.0;
    for (long k = threadIdx.x; k < count; k += blockDim.x) {
        double d = x[(k / inner * c + ch) * inner + k % inner] - mu;
        q += d * d;
    }
    double sq = block_sum(q);
    if (threadIdx.x == 0) {
        mean[ch] = (float) mu;
        var[ch] = (float) (sq / count);
    }
}

// y = gamma * (x - mean) / sqrt(var + eps) + beta per channel. WRITES y (y may alias x).
extern "C" __global__ void batch_norm_apply(const float* x, const float* gamma, const float* beta, const float* mean,
                                            const float* var, double eps, float* y, int c, int inner, long n) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        int ch = (int) (i / inner % c);
        float inv = (float) (1.0 / sqrt((double) var[ch] + eps));
        y[i] = gamma[ch] * (x[i] - mean[ch]) * inv + beta[ch];
    }
}

// Per channel: dbeta = sum dy, dgamma = sum dy * xhat (xhat from mean, var). WRITES both.
extern "C" __global__ void batch_norm_weight_grads(const float* x, const float* dy, const float* mean, const float* var,
                                                   double eps, float* dgamma, float* dbeta, int batch, int c, int inner) {
    int ch = blockIdx.x;
    long count = (long) batch * inner;
    double inv = 1.0 / sqrt((double) var[ch] + eps);
    double a = 0.0, b = 0.0;
    for (long k = threadIdx.x; k < count; k += blockDim.x) {
        long idx = (k / inner * c + ch) * inner + k % inner;
        a += dy[idx];
        b += dy[idx] * (x[idx] - mean[ch]) * inv;
    }
    double sumDy = block_sum(a), sumDyXhat = block_sum(b);
    if (threadIdx.x == 0) {
        dbeta[ch] = (float) sumDy;
        dgamma[ch] = (float) sumDyXhat;
    }
}

// Training-mode dx = gamma / sqrt(var + eps) * (dy - dbeta / M - xhat * dgamma / M), M = N*inner,
// given dgamma and dbeta from batch_norm_weight_grads. WRITES dx.
extern "C" __global__ void batch_norm_backward_data(const float* x, const float* dy, const float* gamma, const float* mean,
                                                    const float* var, double eps, const float* dgamma, const float* dbeta,
                                                    float* dx, int batch, int c, int inner, long n) {
    double m = (double) batch * inner;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        int ch = (int) (i / inner % c);
        double inv = 1.0 / sqrt((double) var[ch] + eps);
        double xhat = (x[i] - mean[ch]) * inv;
        dx[i] = (float) (gamma[ch] * inv * (dy[i] - dbeta[ch] / m - xhat * dgamma[ch] / m));
    }
}

// Inference-mode dx = dy * gamma / sqrt(var + eps). WRITES dx.
extern "C" __global__ void batch_norm_backward_inference(const float* dy, const float* gamma, const float* var, double eps,
                                                         float* dx, int c, int inner, long n) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        int ch = (int) (i / inner % c);
        dx[i] = dy[i] * (float) (gamma[ch] / sqrt((double) var[ch] + eps));
    }
}
