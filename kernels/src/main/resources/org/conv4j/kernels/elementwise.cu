// Elementwise ops on float32 arrays of n elements, grid-stride loops (any grid size works).
// Each kernel WRITES its output unless its name or comment says it accumulates.

// out[i] = a[i] + b[i]; out may alias a or b.
extern "C" __global__ void add(const float* a, const float* b, float* out, long n) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        out[i] = a[i] + b[i];
    }
}

// out[i] = a[i] * b[i]; out may alias a or b.
extern "C" __global__ void multiply(const float* a, const float* b, float* out, long n) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        out[i] = a[i] * b[i];
    }
}

// x seen as (outer, S, inner): out[i] = x[i] * s[(i / inner) % S]; out may alias x.
extern "C" __global__ void multiply_broadcast(const float* x, const float* s, float* out, int S, int inner, long n) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        out[i] = x[i] * s[(i / inner) % S];
    }
}

// ds[j] = sum over o < outer and k < inner of dy[(o*S + j)*inner + k] * x[same]. One block per j,
// any power-of-two block size up to 1024 (block_sum: deterministic order).
extern "C" __global__ void multiply_broadcast_grad(const float* dy, const float* x, float* ds, int outer, int S, int inner) {
    int j = blockIdx.x;
    double acc = 0.0;
    long count = (long) outer * inner;
    for (long k = threadIdx.x; k < count; k += blockDim.x) {
        long i = (k / inner * S + j) * inner + k % inner;
        acc += dy[i] * x[i];
    }
    double total = block_sum(acc);
    if (threadIdx.x == 0) {
        ds[j] = (float) total;
    }
}

// y[i] += alpha * x[i] (ACCUMULATES into y).
extern "C" __global__ void axpy(float alpha, const float* x, float* y, long n) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        y[i] += alpha * x[i];
    }
}

// out[i] = alpha * x[i]; out may alias x.
extern "C" __global__ void scale(float alpha, const float* x, float* out, long n) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        out[i] = alpha * x[i];
    }
}

// t[i] = value.
extern "C" __global__ void fill(float* t, float value, long n) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        t[i] = value;
    }
}

// y (N, C, inner) row-major: y[(b*C + c)*inner + i] += bias[c] (ACCUMULATES into y).
extern "C" __global__ void bias_add(float* y, const float* bias, int c, int inner, long n) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        y[i] += bias[(i / inner) % c];
    }
}

// dbias[c] = sum over b < N and i < inner of dy[(b*C + c)*inner + i]. One block per channel, any
// power-of-two block size up to 1024 (block_sum: deterministic order).
extern "C" __global__ void bias_grad(const float* dy, float* dbias, int batch, int c, int inner) {
    int ch = blockIdx.x;
    double acc = 0.0;
    long count = (long) batch * inner;
    for (long k = threadIdx.x; k < count; k += blockDim.x) {
        acc += dy[(k / inner * c + ch) * inner + k % inner];
    }
    double total = block_sum(acc);
    if (threadIdx.x == 0) {
        dbias[ch] = (float) total;
    }
}

// out[0] = sum of x[0..n) in float64 (one block, any power-of-two block size up to 1024; deterministic).
extern "C" __global__ void sum(const float* x, double* out, long n) {
    double acc = 0.0;
    for (long i = threadIdx.x; i < n; i += blockDim.x) {
        acc += x[i];
    }
    double total = block_sum(acc);
    if (threadIdx.x == 0) {
        out[0] = total;
    }
}
