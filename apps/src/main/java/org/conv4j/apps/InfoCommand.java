package org.conv4j.apps;

import org.conv4j.engine.cpu.CpuBackend;
import picocli.CommandLine.Command;

/** {@code conv4j info}: what this machine offers conv4j. */
@Command(name = "info", description = "Print the backends available here: CPU threads and BLAS, GPU if any.")
public final class InfoCommand implements Runnable {
    @Override
    public void run() {
        CpuBackend cpu = new CpuBackend();
        System.out.println("Java:        " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println("CPU backend: " + cpu.threads() + " threads, " + CpuBackend.blasInfo());
        System.out.println("GPU backend: not built into this version of conv4j (--device cuda is not available)");
    }
}
