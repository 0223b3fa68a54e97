// Activations on float32 arrays of n elements (grid-stride loops), and softmax over rows.
// kind: 0 linear, 1 relu (capped at max_value; infinity for none), 2 sigmoid, 3 tanh, 4 swish,
// 5 hard_sigmoid = relu6(x + 3) / 6, 6 hard_swish = x * hard_sigmoid(x) (MobileNetV3's).
// Forward WRITES y (y may alias x); backward WRITES dx = dy * f'(x) given x and y = f(x)
// (dx may alias dy).

__device__ float activate(int kind, float max_value, float x) {
    switch (kind) {
        case 1: return fminf(fmaxf(x, 0.f), max_value);
        case 2: return 1.f / (1.f + expf(-x));
        case 3: return tanhf(x);
        case 4: return x / (1.f + expf(-x));
        case 5: return fminf(fmaxf(x + 3.f, 0.f), 6.f) * (1.f / 6.f);
        case 6: return x * (fminf(fmaxf(x + 3.f, 0.f), 6.f) * (1.f / 6.f));
        default: return x;
    }
}

// f'(x) from x and y: ReLU is 1 exactly where 0 < x < max_value.
__device__ float derivative(int kind, float max_value, float x, float y) {
    switch (kind) {
        case 1: return x > 0.f && x < max_value ? 1.f : 0.f;
        case 2: return y * (1.f - y);
        case 3: return 1.f - y * y;
        case 4: {
            float s = 1.f / (1.f + expf(-x));
            return s + x * s * (1.f - s);
        }
        case 5: return x > -3.f && x < 3.f ? 1.f / 6.f : 0.f;
        case 6: return x <= -3.f ? 0.f : x >= 3.f ? 1.f : (2.f * x + 3.f) * (1.f / 6.f);
        default: return 1.f;
    }
}

extern "C" __global__ void activation_forward(int kind, float max_value, const float* x, float* y, long n) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        y[i] = activate(kind, max_value, x[i]);
    }
}

extern "C" __global__ void activation_backward(int kind, float max_value, const float* x, const float* y,
                                               const float* dy, float* dx, long n) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        dx[i] = dy[i] * derivative(kind, max_value, x[i], y[i]);
    }
}

// y (rows, k) = softmax of each row of x, shifted by the row max so exp never overflows.
// One thread per row: k is a class count (small).
extern "C" __global__ void softmax_forward(const float* x, float* y, int rows, int k) {
    int r = blockIdx.x * blockDim.x + threadIdx.x;
    if (r >= rows) {
        return;
    }
    const float* in = x + (long) r * k;
    float* out = y + (long) r * k;
    float max = __int_as_float(0xff800000);  // -infinity, without host headers (NVRTC)
    for (int j = 0; j < k; j++) {
        max = fmaxf(max, in[j]);
    }
    double sum = 0.0;
    for (int j = 0; j < k; j++) {
        out[j] = expf(in[j] - max);
        sum += out[j];
    }
    float inv = (float) (1.0 / sum);
    for (int j = 0; j < k; j++) {
        out[j] *= inv;
    }
}

// dx[r][j] = y[r][j] * (dy[r][j] - sum_i dy[r][i] * y[r][i]), one thread per row.
extern "C" __global__ void softmax_backward(const float* y, const float* dy, float* dx, int rows, int k) {
    int r = blockIdx.x * blockDim.x + threadIdx.x;
    if (r >= rows) {
        return;
    }
    long o = (long) r * k;
    double dot = 0.0;
    for (int j = 0; j < k; j++) {
        dot += dy[o + j] * y[o + j];
    }
    for (int j = 0; j < k; j++) {
        dx[o + j] = y[o + j] * (dy[o + j] - (float) dot);
    }
}
