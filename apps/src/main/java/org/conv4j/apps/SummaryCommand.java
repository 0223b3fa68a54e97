package org.conv4j.apps;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code conv4j summary MODEL}: Keras's model.summary() for an architecture (shapes and counts; no weights needed). */
@Command(name = "summary", description = "Print the Keras-style summary of mobilenetv2, vgg16 or simple-cnn.")
public final class SummaryCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "mobilenetv2, vgg16 or simple-cnn")
    String model;

    @Mixin
    ModelOptions options;

    @Override
    public Integer call() {
        options.model = model;
        System.out.print(options.architecture().summary());
        return 0;
    }
}
