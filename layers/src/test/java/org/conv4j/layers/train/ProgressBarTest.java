package org.conv4j.layers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long nowMillis;

    /** Two epochs of 10 steps on a scripted clock; returns what was printed. */
    private String run(boolean interactive) {
        ProgressBar bar = new ProgressBar(out, interactive, 2, () -> nowMillis * 1_000_000L);
        at(0);
        bar.epochBegin(0, 10);
        at(500);
        bar.step(1, logs("loss", 2.0, "accuracy", 0.1));
        at(550); // 50 ms after the last redraw: skipped
        bar.step(2, logs("loss", 1.9, "accuracy", 0.2));
        at(1_500); // (1.5 s - 0.5 s) / 4 steps since step 1 = 0.25 s/step, 5 steps to go
        bar.step(5, logs("loss", 1.5, "accuracy", 0.0001));
        at(100_000); // 99.5 s / 5 = 19.9 s/step, 4 to go: 79.6 s
        bar.step(6, logs("loss", 1.25, "accuracy", 0.5));
        at(100_050); // too soon, but the last step is always drawn
        bar.step(10, logs("loss", 1.0, "accuracy", 0.6));
        bar.epochEnd(logs("loss", 1.0, "accuracy", 0.6, "val_loss", 1.1, "val_accuracy", 0.55, "lr", 0.001), 100.05, 10);
        at(200_000);
        bar.epochBegin(1, 10);
        at(600_000); // 400 s for step 1, 9 to go: exactly an hour
        bar.step(1, logs("loss", 0.9));
        bar.epochEnd(logs("loss", 0.9, "lr", 1e-4), 4000.4, 10);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void at(long millis) {
        nowMillis = millis;
    }

    @Test
    void terminalRedrawsTheLineInPlace() {
        String expected = "Epoch 1/2\n"
                + "\r 1/10 [==>...........................] - ETA: 4s - loss: 2.0000 - accuracy: 0.1000"
                + "\r 5/10 [==============>...............] - ETA: 1s - loss: 1.5000 - accuracy: 1.0000e-04"
                + "\r 6/10 [=================>............] - ETA: 1:19 - loss: 1.2500 - accuracy: 0.5000  "
                + "\r10/10 [==============================] - ETA: 0s - loss: 1.0000 - accuracy: 0.6000  "
                + "\r10/10 [==============================] - 100s 10s/step - loss: 1.0000 - accuracy: 0.6000"
                + " - val_loss: 1.1000 - val_accuracy: 0.5500 - lr: 1.0000e-03\n"
                + "Epoch 2/2\n"
                + "\r 1/10 [==>...........................] - ETA: 60:00 - loss: 0.9000"
                + "\r10/10 [==============================] - 4000s 400s/step - loss: 0.9000 - lr: 1.0000e-04\n";
        assertEquals(expected, run(true));
    }

    @Test
    void logPrintsOneLinePerEpoch() {
        String expected = "Epoch 1/2\n"
                + "10/10 - 100s - 10s/step - loss: 1.0000 - accuracy: 0.6000"
                + " - val_loss: 1.1000 - val_accuracy: 0.5500 - lr: 1.0000e-03\n"
                + "Epoch 2/2\n"
                + "10/10 - 4000s - 400s/step - loss: 0.9000 - lr: 1.0000e-04\n";
        assertEquals(expected, run(false));
    }

    @Test
    void stepTimeInMillisecondsAndMicroseconds() {
        ProgressBar bar = new ProgressBar(out, false, 1, () -> 0L);
        bar.epochBegin(0, 391);
        bar.epochEnd(logs("loss", 1.2345, "accuracy", 0.5512), 12.2, 391);
        bar.epochEnd(logs("loss", -0.5), 0.1, 391);
        assertEquals("Epoch 1/1\n"
                + "391/391 - 12s - 31ms/step - loss: 1.2345 - accuracy: 0.5512\n"
                + "391/391 - 0s - 256us/step - loss: -0.5000\n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void etaLikeKeras() {
        assertEquals("0s", ProgressBar.eta(0.4));
        assertEquals("59s", ProgressBar.eta(59.9));
        assertEquals("60s", ProgressBar.eta(60));
        assertEquals("1:01", ProgressBar.eta(61.5));
        assertEquals("59:59", ProgressBar.eta(3599));
        assertEquals("60:00", ProgressBar.eta(3600));
        assertEquals("1:01:01", ProgressBar.eta(3661));
        assertEquals("27:46:40", ProgressBar.eta(100_000));
    }

    @Test
    void interactiveNeedsAConsoleAndAllowsOptingOut() {
        assertTrue(ProgressBar.isInteractive(true, Map.of("TERM", "xterm-256color")));
        assertTrue(ProgressBar.isInteractive(true, Map.of()));
        assertFalse(ProgressBar.isInteractive(false, Map.of("TERM", "xterm")));
        assertFalse(ProgressBar.isInteractive(true, Map.of("TERM", "dumb")));
        assertFalse(ProgressBar.isInteractive(true, Map.of("TERM", "xterm", "CONV4J_PROGRESS", "lines")));
    }

    /** A map of alternating names and values, in that order. */
    private static Map<String, Double> logs(Object... namesAndValues) {
        Map<String, Double> logs = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            logs.put((String) namesAndValues[i], (Double) namesAndValues[i + 1]);
        }
        return logs;
    }
}
