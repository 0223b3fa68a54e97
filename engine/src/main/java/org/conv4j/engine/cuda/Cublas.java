package org.conv4j.engine.cuda;

import static org.bytedeco.cuda.global.cublas.*;

import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.javacpp.FloatPointer;

/** Every cuBLAS call conv4j makes: one handle on the device's stream, and row-major SGEMM. */
final class Cublas {
    private final CudaDevice device;
    private final cublasContext handle = new cublasContext();
    private final FloatPointer alpha = new FloatPointer(1);
    private final FloatPointer beta = new FloatPointer(1);

    /** {@code tf32}: let tensor cores round the inputs to TF32 (faster, about 1e-3 relative error). */
    Cublas(CudaDevice device, boolean tf32) {
        this.device = device;
        device.bind();
        check(cublasCreate_v2(handle), "cublasCreate");
        check(cublasSetStream_v2(handle, device.stream), "cublasSetStream");
        check(cublasSetMathMode(handle, tf32 ? CUBLAS_TF32_TENSOR_OP_MATH : CUBLAS_DEFAULT_MATH), "cublasSetMathMode");
    }

    static void check(int status, String call) {
        if (status != CUBLAS_STATUS_SUCCESS) {
            throw new CudaException(call + " failed: " + cublasGetStatusString(status).getString());
        }
    }

    /** "13.1.0" from cuBLAS's 130100. */
    String version() {
        int[] v = new int[1];
        check(cublasGetVersion_v2(handle, v), "cublasGetVersion");
        return v[0] / 10000 + "." + v[0] % 10000 / 100 + "." + v[0] % 100;
    }

    /**
     * Row-major c(m,n) = alpha * op(a) * op(b) + beta * c at device addresses, lda and ldb being the
     * row lengths of a and b as stored. cuBLAS is column-major, and a row-major matrix read
     * column-major is its transpose, so this computes c^T = op(b)^T * op(a)^T: b goes first.
     */
    void gemmRowMajor(boolean transA, boolean transB, int m, int n, int k, double alphaValue, long a, int lda,
                      long b, int ldb, double betaValue, long c) {
        device.bind();
        alpha.put(0, (float) alphaValue);
        beta.put(0, (float) betaValue);
        check(cublasSgemm_v2(handle, transB ? CUBLAS_OP_T : CUBLAS_OP_N, transA ? CUBLAS_OP_T : CUBLAS_OP_N, n, m, k,
                alpha, new FloatPointer(new Cuda.Address(b)), ldb, new FloatPointer(new Cuda.Address(a)), lda,
                beta, new FloatPointer(new Cuda.Address(c)), n), "cublasSgemm");
    }
}
