package org.conv4j.apps.report;

/** What a report says it was made with. */
public final class Versions {
    public static final String CONV4J = "0.1.0";

    private Versions() {}

    public static String java() {
        return Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")";
    }

    public static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }
}
