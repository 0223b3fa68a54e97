// Pooling on NCHW planes: x (planes, h, w), y (planes, oh, ow); window (ph, pw), strides (sh, sw),
// padding top/left (bottom/right follow from the output size). Padded positions never win a max and
// are not counted by an average (Keras / TensorFlow). Forward kernels WRITE y; backward kernels
// WRITE dx (one thread per input element gathers from the windows that cover it: no atomics).

// Offset in its plane of the first (row-major) maximum of window (oy, ox) of plane p.
__device__ int window_argmax(const float* x, long p, int h, int w, int oy, int ox,
                             int ph, int pw, int sh, int sw, int top, int left) {
    int y0 = max(0, oy * sh - top), y1 = min(h, oy * sh - top + ph);
    int x0 = max(0, ox * sw - left), x1 = min(w, ox * sw - left + pw);
    const float* plane = x + p * h * w;
    int best = y0 * w + x0;
    float value = plane[best];
    for (int iy = y0; iy < y1; iy++) {
        for (int ix = x0; ix < x1; ix++) {
            if (plane[iy * w + ix] > value) {
                value = plane[iy * w + ix];
                best = iy * w + ix;
            }
        }
    }
    return best;
}

extern "C" __global__ void max_pool_forward(const float* x, float* y, long planes, int h, int w, int oh, int ow,
                                            int ph, int pw, int sh, int sw, int top, int left) {
    long n = planes * oh * ow;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        long p = i / ((long) oh * ow);
        int oy = (int) (i / ow % oh), ox = (int) (i % ow);
        y[i] = x[p * h * w + window_argmax(x, p, h, w, oy, ox, ph, pw, sh, sw, top, left)];
    }
}

// dx[p][q] = sum of dy over the windows whose first maximum is q.
extern "C" __global__ void max_pool_backward(const float* x, const float* dy, float* dx, long planes, int h, int w,
                                             int oh, int ow, int ph, int pw, int sh, int sw, int top, int left) {
    long n = planes * h * w;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        long p = i / ((long) h * w);
        int q = (int) (i % ((long) h * w)), iy = q / w, ix = q % w;
        // windows covering (iy, ix): oy*sh - top <= iy < oy*sh - top + ph
        int oy0 = max(0, (iy + top - ph + sh) / sh), oy1 = min(oh - 1, (iy + top) / sh);
        int ox0 = max(0, (ix + left - pw + sw) / sw), ox1 = min(ow - 1, (ix + left) / sw);
        float acc = 0.f;
        for (int oy = oy0; oy <= oy1; oy++) {
            for (int ox = ox0; ox <= ox1; ox++) {
                if (window_argmax(x, p, h, w, oy, ox, ph, pw, sh, sw, top, left) == q) {
                    acc += dy[(p * oh + oy) * ow + ox];
                }
            }
        }
        dx[i] = acc;
    }
}

extern "C" __global__ void avg_pool_forward(const float* x, float* y, long planes, int h, int w, int oh, int ow,
                                            int ph, int pw, int sh, int sw, int top, int left) {
    long n = planes * oh * ow;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        long p = i / ((long) oh * ow);
        int oy = (int) (i / ow % oh), ox = (int) (i % ow);
        int y0 = max(0, oy * sh - top), y1 = min(h, oy * sh - top + ph);
        int x0 = max(0, ox * sw - left), x1 = min(w, ox * sw - left + pw);
        float acc = 0.f;
        for (int iy = y0; iy < y1; iy++) {
            for (int ix = x0; ix < x1; ix++) {
                acc += x[(p * h + iy) * w + ix];
            }
        }
        int count = max(0, y1 - y0) * max(0, x1 - x0);
        y[i] = count == 0 ? 0.f : acc / count;
    }
}

// dx[p][iy][ix] = sum over the windows covering it of dy / (inside positions of that window).
extern "C" __global__ void avg_pool_backward(const float* dy, float* dx, long planes, int h, int w, int oh, int ow,
                                             int ph, int pw, int sh, int sw, int top, int left) {
    long n = planes * h * w;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        long p = i / ((long) h * w);
        int iy = (int) (i / w % h), ix = (int) (i % w);
        int oy0 = max(0, (iy + top - ph + sh) / sh), oy1 = min(oh - 1, (iy + top) / sh);
        int ox0 = max(0, (ix + left - pw + sw) / sw), ox1 = min(ow - 1, (ix + left) / sw);
        float acc = 0.f;
        for (int oy = oy0; oy <= oy1; oy++) {
            int y0 = max(0, oy * sh - top), y1 = min(h, oy * sh - top + ph);
            for (int ox = ox0; ox <= ox1; ox++) {
                int x0 = max(0, ox * sw - left), x1 = min(w, ox * sw - left + pw);
                acc += dy[(p * oh + oy) * ow + ox] / ((y1 - y0) * (x1 - x0));
            }
        }
        dx[i] = acc;
    }
}

// y[p] = mean of plane p (hw values). One block per plane, power-of-two block size up to 1024.
extern "C" __global__ void global_avg_pool_forward(const float* x, float* y, int hw) {
    long p = blockIdx.x;
    double acc = 0.0;
    for (int i = threadIdx.x; i < hw; i += blockDim.x) {
        acc += x[p * hw + i];
    }
    double total = block_sum(acc);
    if (threadIdx.x == 0) {
        y[p] = (float) (total / hw);
    }
}

// dx[p][i] = dy[p] / hw.
extern "C" __global__ void global_avg_pool_backward(const float* dy, float* dx, long planes, int hw) {
    long n = planes * hw;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        dx[i] = dy[i / hw] / hw;
    }
}
