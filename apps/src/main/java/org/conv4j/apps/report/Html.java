package org.conv4j.apps.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;

/**
 * The report pages from the Mustache templates under {@code org/conv4j/apps/report/}: values are
 * HTML-escaped as they are printed, so a class name or a command line cannot break the page.
 */
public final class Html {
    private static final MustacheFactory TEMPLATES = new DefaultMustacheFactory("org/conv4j/apps/report");

    private Html() {}

    /** {@code template}.mustache filled from {@code scope} (maps and lists of maps, strings, numbers, booleans). */
    public static String render(String template, Object scope) {
        Mustache m = TEMPLATES.compile(template + ".mustache");
        StringWriter out = new StringWriter();
        m.execute(out, scope);
        return out.toString();
    }
}
