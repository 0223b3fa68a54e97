// Zero padding and its backward (cropping) on NCHW planes: x (planes, h, w), y (planes, oh, ow).

// y = x placed at (top, left), zeros around it. WRITES all of y. One thread per element of y.
extern "C" __global__ void pad2d(const float* x, float* y, long planes, int h, int w, int oh, int ow, int top, int left) {
    long n = planes * oh * ow;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        long p = i / ((long) oh * ow);
        int r = (int) (i / ow % oh) - top, c = (int) (i % ow) - left;
        y[i] = r >= 0 && r < h && c >= 0 && c < w ? x[(p * h + r) * w + c] : 0.f;
    }
}

// x = the (h, w) window of y at (top, left). WRITES x. One thread per element of x.
extern "C" __global__ void crop2d(const float* y, float* x, long planes, int h, int w, int oh, int ow, int top, int left) {
    long n = planes * h * w;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        long p = i / ((long) h * w);
        int r = (int) (i / w % h), c = (int) (i % w);
        x[i] = y[(p * oh + r + top) * ow + c + left];
    }
}
