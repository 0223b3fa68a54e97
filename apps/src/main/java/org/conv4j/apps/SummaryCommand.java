package org.conv4j.apps;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code conv4j summary MODEL}: Keras's model.summary() for an architecture (shapes and counts; no weights needed). */
@Command(name = "summary", description = "Print the Keras-style summary of a zoo model, simple-cnn or bn-dropout-cnn.")
public final class SummaryCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "mobilenet, mobilenetv2, mobilenetv3small, mobilenetv3large, vgg16, vgg19, resnet50, "
            + "resnet101, resnet152, efficientnetb0, efficientnetb3, simple-cnn or bn-dropout-cnn")
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
