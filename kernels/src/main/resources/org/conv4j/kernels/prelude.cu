// Device helpers shared by the kernel files: prepended to each of them before compilation
// (NVRTC compiles without headers, so the files include none).

// The sum of value over all threads of the block, returned to every thread. Block size: a power of
// two up to 1024. The tree order is fixed, so results are deterministic. Every thread of the block
// must call it (it synchronizes).
__device__ double block_sum(double value) {
    __shared__ double partial[1024];
    partial[threadIdx.x] = value;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) {
            partial[threadIdx.x] += partial[threadIdx.x + s];
        }
        __syncthreads();
    }
    double total = partial[0];
    __syncthreads();  // every thread has read the total before the next call reuses partial
    return total;
}
