package org.conv4j.apps;

import org.conv4j.engine.Backend;
import org.conv4j.engine.Backends;
import picocli.CommandLine.Option;

/** The --device and --seed options every training or timing command shares. */
public final class DeviceOptions {
    @Option(names = "--device", defaultValue = "auto", description = "auto (the GPU if one is usable, else the CPU), cpu, cuda or cuda:N (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--seed", defaultValue = "1", description = "seed of initialization, shuffling and dropout (default: ${DEFAULT-VALUE})")
    long seed;

    public Backend backend() {
        return Backends.create(device);
    }

    /** The --device value as given. */
    public String deviceName() {
        return device;
    }

    public long seed() {
        return seed;
    }
}
