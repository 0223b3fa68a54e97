package org.conv4j.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/** A run's report.html parses as HTML, and every file and anchor it references exists. */
final class ReportCheck {
    private ReportCheck() {}

    static Document assertComplete(Path runDir) throws IOException {
        Path page = runDir.resolve("report.html");
        String html = Files.readString(page);
        Parser parser = Parser.htmlParser().setTrackErrors(50);
        Document doc = Jsoup.parse(html, "", parser);
        assertEquals(0, parser.getErrors().size(), "report.html parses without errors: " + parser.getErrors());
        assertFalse(doc.title().isBlank());
        int files = 0;
        for (Element e : doc.select("img[src], a[href]")) {
            String ref = e.hasAttr("src") ? e.attr("src") : e.attr("href");
            if (ref.startsWith("#")) {
                assertFalse(doc.select("[id=" + ref.substring(1) + "]").isEmpty(), "anchor " + ref + " has a target");
            } else {
                assertFalse(ref.contains("://"), "only local files: " + ref);
                Path f = runDir.resolve(ref).normalize();
                assertTrue(Files.isRegularFile(f) && Files.size(f) > 0, "report.html references " + ref + ", which exists");
                files++;
            }
        }
        assertTrue(files >= 5, "the page references its files: " + files);
        return doc;
    }
}
