package org.conv4j.layers;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Caffe's split, kept: the graph knows nothing of training or files, the trainer knows the graph
 * but not the Model facade or the model reader, the graph writer knows only the graph; only the
 * facade and the reader see the whole. Checked on the sources' references, so a new import that
 * closes a cycle fails here.
 */
class LayeringTest {
    private static final Path SRC = Path.of("src/main/java/org/conv4j/layers");
    private static final Pattern WORD = Pattern.compile("\\b(Model|Trainer|ModelIO|GraphFiles|Compilation|FitOptions|Optimizer|Loss)\\b");

    /** The classes a source refers to by name (comments and strings left out). */
    private static List<String> references(String file) throws IOException {
        String code = Files.readString(SRC.resolve(file)).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
        Matcher m = WORD.matcher(code);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void noCycleBetweenTheGraphTheTrainerAndTheFiles() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(SRC), "the sources are not here (a bundle run): nothing to check");
        List<String> graph = references("Graph.java");
        for (String name : List.of("Model", "Trainer", "ModelIO", "GraphFiles", "Compilation", "FitOptions", "Optimizer", "Loss")) {
            assertFalse(graph.contains(name), "Graph refers to " + name);
        }
        List<String> trainer = references("train/Trainer.java");
        assertFalse(trainer.contains("Model") || trainer.contains("ModelIO"), "Trainer refers to the facade or the model reader");
        List<String> writer = references("io/GraphFiles.java");
        assertFalse(writer.contains("Model") || writer.contains("Trainer"), "GraphFiles refers to the facade or the trainer");
        List<String> compilation = references("train/Compilation.java");
        assertFalse(compilation.contains("Model") || compilation.contains("Trainer"));
    }
}
