// Optimizer updates in Keras's formulas over all n values of one weight tensor, one kernel per
// optimizer step. They update w and the slots IN PLACE.

// SGD: momentum == 0: w -= lr*g; else m = momentum*m - lr*g, then w += m, or with Nesterov
// w += momentum*m - lr*g.
extern "C" __global__ void sgd_update(float* w, const float* g, float* m, float lr, float momentum, int nesterov, long n) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        if (momentum == 0.f) {
            w[i] -= lr * g[i];
        } else {
            m[i] = momentum * m[i] - lr * g[i];
            w[i] += nesterov ? momentum * m[i] - lr * g[i] : m[i];
        }
    }
}

// Adam at step t, alpha = lr*sqrt(1-b2^t)/(1-b1^t) computed by the caller: m = b1*m + (1-b1)*g;
// v = b2*v + (1-b2)*g^2; w -= alpha*m/(sqrt(v) + eps).
extern "C" __global__ void adam_update(float* w, const float* g, float* m, float* v, float alpha, float beta1,
                                       float beta2, float eps, long n) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        float gi = g[i];
        m[i] = beta1 * m[i] + (1.f - beta1) * gi;
        v[i] = beta2 * v[i] + (1.f - beta2) * gi * gi;
        w[i] -= alpha * m[i] / (sqrtf(v[i]) + eps);
    }
}

// RMSprop: v = rho*v + (1-rho)*g^2; w -= lr*g/sqrt(v + eps) (epsilon inside the root, as Keras).
extern "C" __global__ void rmsprop_update(float* w, const float* g, float* v, float lr, float rho, float eps, long n) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        v[i] = rho * v[i] + (1.f - rho) * g[i] * g[i];
        w[i] -= lr * g[i] / sqrtf(v[i] + eps);
    }
}
