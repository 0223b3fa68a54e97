// Inverted dropout masks from a counter-based generator: element i of stream seed is uniform in
// [0, 1) from SplitMix64's finalizer on seed * 0xD1B54A32D192ED03 + i * 0x9E3779B97F4A7C15 (top 53
// bits), exactly conv4j's CounterRng, so the CPU and the GPU draw the same masks.
// mask[i] = 1 / (1 - rate) when u >= rate, else 0. WRITES mask.

__device__ unsigned long long mix64(unsigned long long z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

extern "C" __global__ void dropout_mask(float* mask, double rate, long long seed, long n) {
    float keep = (float) (1.0 / (1.0 - rate));
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        unsigned long long bits = mix64((unsigned long long) seed * 0xD1B54A32D192ED03ULL
                                        + (unsigned long long) i * 0x9E3779B97F4A7C15ULL);
        double u = (double) (bits >> 11) * (1.0 / 9007199254740992.0);
        mask[i] = u >= rate ? keep : 0.f;
    }
}
