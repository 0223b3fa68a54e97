package org.conv4j.apps.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Grids of small grey images for the reports: a layer's feature maps, and labelled images (misclassified digits). */
public final class ImageGrids {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ImageGrids() {}

    /**
     * The {@code channels} maps of one image's activations (C, H, W), {@code columns} a row, each
     * scaled on its own to black (its minimum) .. white (its maximum) and drawn {@code zoom} times
     * its size, with a one-pixel gap.
     */
    public static BufferedImage featureMaps(float[] maps, int channels, int height, int width, int columns, int zoom) {
        int rows = (channels + columns - 1) / columns, tileW = width * zoom + 1, tileH = height * zoom + 1;
        BufferedImage grid = new BufferedImage(columns * tileW, rows * tileH, BufferedImage.TYPE_INT_RGB);
        fill(grid, Color.WHITE);
        for (int c = 0; c < channels; c++) {
            float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < height * width; i++) {
                min = Math.min(min, maps[c * height * width + i]);
                max = Math.max(max, maps[c * height * width + i]);
            }
            float range = max > min ? max - min : 1;
            int ox = c % columns * tileW, oy = c / columns * tileH;
            for (int y = 0; y < height * zoom; y++) {
                for (int x = 0; x < width * zoom; x++) {
                    int v = Math.round(255 * (maps[(c * height + y / zoom) * width + x / zoom] - min) / range);
                    grid.setRGB(ox + x, oy + y, v << 16 | v << 8 | v);
                }
            }
        }
        return grid;
    }

    /** Grey images (H, W) with values in [0, 255], {@code columns} a row, {@code zoom} times their size, each with its caption under it. */
    public static BufferedImage labelled(List<float[]> images, List<String> captions, int height, int width, int columns, int zoom) {
        int count = Math.max(1, images.size()), rows = (count + columns - 1) / columns, caption = 16;
        int tileW = Math.max(width * zoom, 110) + 8, tileH = height * zoom + caption + 8;
        BufferedImage grid = new BufferedImage(columns * tileW, rows * tileH, BufferedImage.TYPE_INT_RGB);
        fill(grid, Color.WHITE);
        Graphics2D g = grid.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(new Color(0x202020));
            for (int i = 0; i < images.size(); i++) {
                int ox = i % columns * tileW + 4, oy = i / columns * tileH + 4;
                float[] image = images.get(i);
                for (int y = 0; y < height * zoom; y++) {
                    for (int x = 0; x < width * zoom; x++) {
                        int v = 255 - Math.max(0, Math.min(255, Math.round(image[y / zoom * width + x / zoom])));
                        grid.setRGB(ox + x, oy + y, v << 16 | v << 8 | v);
                    }
                }
                g.drawString(captions.get(i), ox, oy + height * zoom + caption - 3);
            }
        } finally {
            g.dispose();
        }
        return grid;
    }

    private static void fill(BufferedImage image, Color color) {
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(color);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
        } finally {
            g.dispose();
        }
    }
}
