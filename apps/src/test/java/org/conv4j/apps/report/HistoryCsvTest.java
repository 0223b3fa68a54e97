package org.conv4j.apps.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCsvTest {
    @TempDir
    Path dir;

    @Test
    void writesOneRowPerEpochInKeyOrder() throws IOException {
        Map<String, List<Double>> history = new LinkedHashMap<>();
        history.put("loss", List.of(1.2345678901234567, 0.5, 2.0));
        history.put("accuracy", List.of(0.1, 0.30000000000000004, 1.0));
        history.put("val_loss", Arrays.asList(1.5, null));
        history.put("lr", List.of(1e-4, 1.0E-5, 2.5e7));
        history.put("val_accuracy", List.of(Double.NaN, Double.POSITIVE_INFINITY, -0.25));
        Path file = dir.resolve("history.csv");

        HistoryCsv.write(file, history);

        assertEquals(""
                + "epoch,loss,accuracy,val_loss,lr,val_accuracy\n"
                + "1,1.2345678901234567,0.1,1.5,0.0001,NaN\n"
                + "2,0.5,0.30000000000000004,,0.00001,Infinity\n"
                + "3,2,1,,25000000,-0.25\n",
                Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void emptyHistoryIsHeaderOnly() {
        assertEquals("epoch\n", HistoryCsv.format(Map.of()));
        assertEquals("epoch,loss\n", HistoryCsv.format(Map.of("loss", List.of())));
    }
}
