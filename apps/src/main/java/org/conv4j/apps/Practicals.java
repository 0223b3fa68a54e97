package org.conv4j.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.conv4j.apps.practical.Practical;
import org.conv4j.apps.practical.PracticalRunner;
import org.conv4j.engine.Backend;
import picocli.CommandLine.Model.CommandSpec;

/** What every practical's command does once it has declared its practical; and the app mains' entry. */
final class Practicals {
    private Practicals() {}

    /**
     * Checks the options and declares the practical ({@code practical} throws on a bad value), then
     * opens the backend and runs it: every option is checked before any data is read.
     */
    static int run(CommandSpec spec, PracticalOptions options, DeviceOptions device, Supplier<Practical> practical) throws Exception {
        PracticalRunner.Settings settings = options.settings(spec, device.seed());
        Practical p = practical.get();
        Backend backend = device.backend();
        new PracticalRunner(System.out).run(p, settings, backend);
        return 0;
    }

    /** An app main: the command line's {@code command} with these arguments, as {@code ./conv4j command args...}. */
    static void main(String command, String[] args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        Conv4j.main(all.toArray(String[]::new));
    }
}
