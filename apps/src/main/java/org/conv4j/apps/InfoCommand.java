package org.conv4j.apps;

import org.conv4j.engine.cpu.ConvolutionPath;
import org.conv4j.engine.cpu.CpuBackend;
import org.conv4j.engine.cuda.CudaBackend;
import org.conv4j.engine.cuda.CudaLibraries;
import picocli.CommandLine.Command;

/** {@code conv4j info}: what this machine offers conv4j. */
@Command(name = "info", description = "Print the backends available here: CPU threads and BLAS; GPU, driver, CUDA, cuBLAS and cuDNN versions and memory.")
public final class InfoCommand implements Runnable {
    @Override
    public void run() {
        CpuBackend cpu = new CpuBackend();
        System.out.println("Java:        " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println("CPU backend: " + cpu.threads() + " threads, " + CpuBackend.blasInfo());
        String notOneDnn = ConvolutionPath.whyNotOneDnn(cpu.threads());
        System.out.println("             convolutions: " + cpu.convolutionInfo()
                + (cpu.convolutionPath() == ConvolutionPath.IM2COL && notOneDnn != null ? ", not oneDNN: " + notOneDnn : ""));
        String problem = CudaLibraries.problem();
        if (problem != null) {
            System.out.println("GPU backend: not available: " + problem + " (--device cuda says how to get it; --device auto uses the CPU)");
            return;
        }
        System.out.println("GPU backend:");
        for (String line : CudaBackend.create().describe().split("\n")) {
            System.out.println("  " + line);
        }
    }
}
