package org.conv4j.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.conv4j.apps.practical.Practical;
import org.conv4j.apps.practical.PracticalRunner;
import org.conv4j.engine.Backend;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A CIFAR-10 practical's command: it declares its {@link Practical} from its options
 * ({@link #practical}, which throws on a bad value); this checks every option, declares the
 * practical, then opens the backend and runs it, so nothing is read before the options are right.
 */
abstract class PracticalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DeviceOptions device;

    @Mixin
    PracticalOptions options;

    /** The practical these options ask for. */
    abstract Practical practical();

    /** The batch size without --batch-size: 128 for the CIFAR-10 and MNIST practicals (the course's), 32 for image folders (Keras's). */
    int defaultBatchSize() {
        return 128;
    }

    @Override
    public final Integer call() throws Exception {
        PracticalRunner.Settings settings = options.settings(spec, device.seed(), defaultBatchSize());
        Practical p = practical();
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
