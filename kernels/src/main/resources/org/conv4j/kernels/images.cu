// Image transforms. image_transform is TensorFlow's ImageProjectiveTransformV3 (see
// Backend.imageTransform): one thread per output value of (N, C, OH, OW), WRITES y.
// fill: 0 reflect, 1 wrap, 2 constant, 3 nearest; bilinear: 1, else nearest (halves away from zero).

// TensorFlow's MapCoordinate: the coordinate brought inside [0, len - 1] by the fill mode, clamped.
__device__ float map_coordinate(float c, int len, int fill) {
    float in = c;
    if (fill == 0) {
        if (in < 0.f) {
            if (len <= 1) {
                in = 0.f;
            } else {
                long twice = 2L * len;
                in = twice * (long) (-in / twice) + in;
                in = in < -len ? in + twice : -in - 1.f;
            }
        } else if (in > len - 1) {
            if (len <= 1) {
                in = 0.f;
            } else {
                long twice = 2L * len;
                in -= twice * (long) (in / twice);
                if (in >= len) {
                    in = twice - in - 1.f;
                }
            }
        }
    } else if (fill == 1) {
        if (in < 0.f) {
            if (len <= 1) {
                in = 0.f;
            } else {
                long span = len - 1;
                in += len * ((long) (-in / span) + 1);
            }
        } else if (in > len - 1) {
            if (len <= 1) {
                in = 0.f;
            } else {
                long span = len - 1;
                in -= len * (long) (in / span);
            }
        }
    } else if (fill == 2) {
        return in;
    }
    return fminf(fmaxf(in, 0.f), (float) (len - 1));
}

__device__ float read_pixel(const float* plane, int h, int w, long yi, long xi, float fill_value) {
    return yi >= 0 && yi < h && xi >= 0 && xi < w ? plane[yi * w + xi] : fill_value;
}

extern "C" __global__ void image_transform(const float* x, const float* t, float* y, int c, int h, int w, int oh, int ow,
                                           int bilinear, int fill, float fill_value, long total) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < total; i += (long) blockDim.x * gridDim.x) {
        int ox = (int) (i % ow), oy = (int) (i / ow % oh);
        long plane = i / ((long) oh * ow);
        const float* tr = t + (plane / c) * 8;
        const float* in = x + plane * h * w;
        float k = tr[6] * ox + tr[7] * oy + 1.f;
        if (k == 0.f) {
            y[i] = fill_value;
            continue;
        }
        float sx = map_coordinate((tr[0] * ox + tr[1] * oy + tr[2]) / k, w, fill);
        float sy = map_coordinate((tr[3] * ox + tr[4] * oy + tr[5]) / k, h, fill);
        if (!bilinear) {
            y[i] = read_pixel(in, h, w, (long) roundf(sy), (long) roundf(sx), fill_value);
            continue;
        }
        float y0 = floorf(sy), x0 = floorf(sx);
        float fx = sx - x0, fy = sy - y0;
        float top = (1.f - fx) * read_pixel(in, h, w, (long) y0, (long) x0, fill_value)
                + fx * read_pixel(in, h, w, (long) y0, (long) x0 + 1, fill_value);
        float bottom = (1.f - fx) * read_pixel(in, h, w, (long) y0 + 1, (long) x0, fill_value)
                + fx * read_pixel(in, h, w, (long) y0 + 1, (long) x0 + 1, fill_value);
        y[i] = (1.f - fy) * top + fy * bottom;
    }
}
