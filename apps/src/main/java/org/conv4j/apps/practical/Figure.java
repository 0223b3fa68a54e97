package org.conv4j.apps.practical;

/** A picture in a report: its title, its file relative to the run folder, and what it shows. */
public record Figure(String title, String file, String caption) {}
