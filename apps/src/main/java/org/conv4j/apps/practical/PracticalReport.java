package org.conv4j.apps.practical;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.conv4j.apps.report.Charts;
import org.conv4j.apps.report.ClassificationReport;
import org.conv4j.apps.report.HistoryCsv;
import org.conv4j.apps.report.Html;
import org.conv4j.apps.report.JsonReport;
import org.conv4j.apps.report.RocCurve;
import org.conv4j.apps.report.RunIndex;
import org.conv4j.apps.report.TrainingCurves;
import org.conv4j.apps.report.Versions;
import org.conv4j.engine.io.AtomicFiles;

/**
 * Prints and writes everything a practical's run shows, the same way for every practical:
 *
 * <pre>
 * report.html           the page: facts of the run, the comparison tables, per model its curves
 *                       and per phase its confusion matrix, classification report and summary
 * metrics.json          the numbers: one entry per model phase in "models", the skipped in "skipped"
 * comparison.csv/.txt   the comparison table; comparison.png its bars (two or more phases)
 * KEY/history.csv       a model's epochs, all phases end to end ("phase" says which); KEY/curves.png
 * PHASE/classification_report.txt, confusion_matrix.png, confusion_matrix.csv, summary.txt
 * ../index.html         every run of the runs folder
 * </pre>
 */
final class PracticalReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PrintStream out;

    PracticalReport(PrintStream out) {
        this.out = out;
    }

    /** A model's own files, as soon as it is done. */
    void writeCandidate(PracticalRun run, CandidateResult r) throws IOException {
        Path dir = run.runDir().resolve(r.candidate().key());
        HistoryCsv.write(dir.resolve("history.csv"), r.history());
        TrainingCurves.write(dir.resolve("curves.png"), r.history(), r.phaseStarts());
        for (PhaseResult p : r.phases()) {
            Path pd = run.runDir().resolve(p.name());
            AtomicFiles.writeString(pd.resolve("classification_report.txt"), p.report().format());
            AtomicFiles.writeString(pd.resolve("confusion_matrix.csv"), p.confusion().toCsv());
            AtomicFiles.writeString(pd.resolve("summary.txt"), p.summary());
            Charts.writePng(pd.resolve("confusion_matrix.png"), Charts.confusionMatrix(p.confusion(), p.name() + ": " + run.heldOut() + " set"));
            if (p.roc() != null) {
                Charts.writePng(pd.resolve("roc.png"), Charts.roc(Map.of(p.name(), p.roc()), p.name() + ": ROC on the validation set"));
            }
        }
    }

    /** The run's files and the runs folder's index, as far as the run has come. */
    void write(PracticalRun run) throws IOException {
        Path dir = run.runDir();
        JsonReport.write(dir.resolve("metrics.json"), metrics(run));
        AtomicFiles.writeString(dir.resolve("comparison.csv"), comparisonCsv(run));
        AtomicFiles.writeString(dir.resolve("comparison.txt"), comparisonText(run));
        List<PhaseResult> all = run.phases();
        if (all.size() >= 2) {
            Charts.writePng(dir.resolve("comparison.png"), Charts.comparison(
                    Character.toUpperCase(run.heldOut().charAt(0)) + run.heldOut().substring(1) + " accuracy", all.stream().map(PhaseResult::name).toList(),
                    all.stream().map(PhaseResult::testAccuracy).toList(),
                    all.stream().map(p -> p.paramsTotal() / 1e6).toList(),
                    all.stream().map(p -> p.paramsTrainable() / 1e6).toList()));
        }
        Map<String, RocCurve> rocs = new LinkedHashMap<>();
        all.stream().filter(p -> p.roc() != null).forEach(p -> rocs.put(p.name(), p.roc()));
        if (rocs.size() >= 2) {
            Charts.writePng(dir.resolve("roc.png"), Charts.roc(rocs, "ROC curves on the validation set"));
        }
        AtomicFiles.writeString(dir.resolve("report.html"), Html.render("report", page(run)));
        Path runs = dir.toAbsolutePath().getParent();
        if (runs != null) {
            RunIndex.write(runs);
        }
    }

    /** The comparison tables and where the files are. */
    void print(PracticalRun run) {
        out.println();
        out.print(comparisonText(run));
        out.println();
        out.println("Wrote report.html, metrics.json, comparison.csv and per model its curves, classification reports and "
                + "confusion matrices to " + run.runDir());
    }

    // ------------------------------------------------------------------ what the files hold

    private Map<String, Object> metrics(PracticalRun run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", run.practical().command());
        m.put("command_line", String.join(" ", run.commandLine()));
        m.put("conv4j_version", Versions.CONV4J);
        m.put("java", Versions.java());
        m.put("device", run.device());
        m.put("threads", run.threads());
        m.put("seed", run.seed());
        m.put("batch_size", run.batchSize());
        m.put("data", run.data());
        m.put("train_images", run.trainImages());
        m.put("test_images", run.testImages());
        m.put("started", TIME.format(run.started()));
        m.put("finished", run.finished().map(TIME::format).orElse(null));
        m.put("seconds", run.finished().map(f -> Duration.between(run.started(), f).toMillis() / 1000.0).orElse(null));
        m.put("models", run.phases().stream().map(PhaseResult::toJson).toList());
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (PracticalRun.Skipped s : run.skipped()) {
            skipped.add(Map.of("name", s.candidate().key(), "base", s.candidate().base(), "reason", s.reason()));
        }
        m.put("skipped", skipped);
        List<Map<String, Object>> contrasts = new ArrayList<>();
        for (Contrasted c : contrasts(run)) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("title", c.contrast().title());
            e.put("entry", c.entry().name());
            e.put("against", c.against().name());
            e.put("val_accuracy_gain_points", c.gainPoints());
            contrasts.add(e);
        }
        m.put("contrasts", contrasts);
        return m;
    }

    /** A contrast whose two entries are both done. */
    private record Contrasted(Practical.Contrast contrast, PhaseResult entry, PhaseResult against) {
        double gainPoints() {
            return 100 * (entry.valAccuracy() - against.valAccuracy());
        }
    }

    private static List<Contrasted> contrasts(PracticalRun run) {
        List<Contrasted> done = new ArrayList<>();
        for (Practical.Contrast c : run.practical().contrasts()) {
            run.phase(c.entry()).ifPresent(e -> run.phase(c.against()).ifPresent(a -> done.add(new Contrasted(c, e, a))));
        }
        return done;
    }

    /** A section's phases as they are ranked: by its metric, best first, or in training order. */
    private static List<PhaseResult> rows(PracticalRun run, Practical.Section section) {
        List<PhaseResult> rows = new ArrayList<>();
        for (String name : section.entries()) {
            run.phase(name).ifPresent(rows::add);
        }
        if (section.rankBy() != null) {
            rows.sort(Comparator.comparingDouble((PhaseResult p) -> p.metric(section.rankBy())).reversed());
        }
        return rows;
    }

    private static String comparisonText(PracticalRun run) {
        StringBuilder t = new StringBuilder();
        for (Practical.Section section : run.practical().sections()) {
            List<PhaseResult> rows = rows(run, section);
            t.append(section.title()).append(section.rankBy() != null ? " (ranked by " + section.rankBy() + ")" : "").append('\n');
            int width = Math.max(24, rows.stream().mapToInt(p -> p.name().length()).max().orElse(0));
            boolean auc = rows.stream().anyMatch(p -> p.roc() != null), tta = rows.stream().anyMatch(p -> p.ttaAccuracy() != null);
            t.append(String.format(Locale.ROOT, "%-" + width + "s %-12s %9s %9s %9s" + (auc ? " %9s" : "%s") + (tta ? " %9s" : "%s")
                            + " %8s %12s %12s %8s %8s %9s %9s%n", "model", "phase", "train acc", "val acc", run.heldOut().equals("test") ? "test acc" : "final val",
                    auc ? "val AUC" : "", tta ? "TTA acc" : "", "gap", "total params", "trainable", "frozen %", "acc/M", "s/epoch", "images/s"));
            for (PhaseResult p : rows) {
                t.append(String.format(Locale.ROOT, "%-" + width + "s %-12s %9.4f %9.4f %9.4f%s%s %8.4f %,12d %,12d %8.1f %8.3f %9.1f %9.0f%n",
                        p.name(), p.phase().label(), p.trainAccuracy(), p.valAccuracy(), p.testAccuracy(),
                        auc ? String.format(Locale.ROOT, " %9s", p.roc() != null ? f4(p.roc().auc()) : "") : "",
                        tta ? String.format(Locale.ROOT, " %9s", p.ttaAccuracy() != null ? f4(p.ttaAccuracy()) : "") : "",
                        p.overfittingGap(), p.paramsTotal(), p.paramsTrainable(), p.frozenPercent(), p.efficiency(), p.secondsPerEpoch(), p.imagesPerSecond()));
            }
            if (rows.isEmpty()) {
                t.append("(nothing trained)\n");
            }
            t.append('\n');
        }
        List<Contrasted> contrasts = contrasts(run);
        if (!contrasts.isEmpty()) {
            t.append("Side by side (validation accuracy)\n");
            for (Contrasted c : contrasts) {
                t.append(String.format(Locale.ROOT, "%-40s %s %.4f against %s %.4f: %+.1f points%n", c.contrast().title() + ":",
                        c.entry().name(), c.entry().valAccuracy(), c.against().name(), c.against().valAccuracy(), c.gainPoints()));
            }
            t.append('\n');
        }
        for (PracticalRun.Skipped s : run.skipped()) {
            t.append("skipped ").append(s.candidate().key()).append(": ").append(s.reason()).append('\n');
        }
        return t.toString();
    }

    private static String comparisonCsv(PracticalRun run) {
        StringBuilder csv = new StringBuilder("name,base,phase,optimizer,epochs_run,best_epoch,train_accuracy,val_accuracy,"
                + "test_accuracy,test_loss,overfitting_gap,params_total,params_trainable,efficiency,seconds_per_epoch,train_images_per_second,seconds,val_auc,tta_accuracy\n");
        for (PhaseResult p : run.phases()) {
            csv.append(String.join(",", p.name(), p.candidate().base(), p.phase().label(), '"' + p.phase().optimizer().describe() + '"',
                    Integer.toString(p.history().epochs()), Integer.toString(p.bestEpoch() + 1), Double.toString(p.trainAccuracy()),
                    Double.toString(p.valAccuracy()), Double.toString(p.testAccuracy()), Double.toString(p.testLoss()),
                    Double.toString(p.overfittingGap()), Long.toString(p.paramsTotal()), Long.toString(p.paramsTrainable()),
                    Double.toString(p.efficiency()), Double.toString(p.secondsPerEpoch()), Double.toString(p.imagesPerSecond()), Double.toString(p.seconds()),
                    p.roc() != null ? Double.toString(p.roc().auc()) : "", p.ttaAccuracy() != null ? Double.toString(p.ttaAccuracy()) : ""))
                    .append('\n');
        }
        return csv.toString();
    }

    // ------------------------------------------------------------------ report.html's scope

    private Map<String, Object> page(PracticalRun run) {
        Practical practical = run.practical();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("command", practical.command());
        s.put("title", practical.title());
        s.put("description", practical.description());
        s.put("commandLine", String.join(" ", run.commandLine()));
        s.put("conv4jVersion", Versions.CONV4J);
        s.put("javaVersion", Versions.java());
        s.put("os", Versions.os());
        s.put("device", run.device());
        s.put("threads", run.threads());
        s.put("seed", run.seed());
        s.put("batchSize", run.batchSize());
        s.put("data", run.data());
        s.put("heldOut", run.heldOut());
        s.put("heldOutTitle", Character.toUpperCase(run.heldOut().charAt(0)) + run.heldOut().substring(1));
        s.put("hasAuc", run.phases().stream().anyMatch(p -> p.roc() != null));
        s.put("hasTta", run.phases().stream().anyMatch(p -> p.ttaAccuracy() != null));
        s.put("started", TIME.format(run.started()));
        run.finished().ifPresent(f -> {
            s.put("finished", TIME.format(f));
            s.put("duration", duration(Duration.between(run.started(), f)));
        });
        s.put("done", run.results().size());
        s.put("total", practical.candidates().size() - run.skipped().size());
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (PracticalRun.Skipped k : run.skipped()) {
            skipped.add(Map.of("key", k.candidate().key(), "base", k.candidate().base(), "reason", k.reason()));
        }
        s.put("skippedAny", !skipped.isEmpty());
        s.put("skipped", skipped);
        List<Map<String, Object>> sections = new ArrayList<>();
        for (Practical.Section section : practical.sections()) {
            List<PhaseResult> rows = rows(run, section);
            List<Map<String, Object>> rowScopes = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Map<String, Object> row = row(rows.get(i));
                row.put("rank", i + 1);
                row.put("ranked", section.rankBy() != null);
                row.put("best", section.rankBy() != null && i == 0);
                rowScopes.add(row);
            }
            Map<String, Object> sec = new LinkedHashMap<>();
            sec.put("title", section.title() + (section.rankBy() != null ? " (ranked by " + section.rankBy() + ")" : ""));
            sec.put("description", section.description().isEmpty() ? null : section.description());
            sec.put("ranked", section.rankBy() != null);
            sec.put("columns", 15 + (section.rankBy() != null ? 1 : 0) + (Boolean.TRUE.equals(s.get("hasAuc")) ? 1 : 0)
                    + (Boolean.TRUE.equals(s.get("hasTta")) ? 1 : 0)); // the table's, for the row of an empty section
            sec.put("rows", rowScopes);
            sections.add(sec);
        }
        s.put("sections", sections);
        s.put("comparisonChart", run.phases().size() >= 2 ? "comparison.png" : null);
        s.put("rocChart", run.phases().stream().filter(p -> p.roc() != null).count() >= 2 ? "roc.png" : null);
        List<Map<String, Object>> contrasts = new ArrayList<>();
        for (Contrasted c : contrasts(run)) {
            Map<String, Object> cs = new LinkedHashMap<>();
            cs.put("title", c.contrast().title());
            cs.put("entry", c.entry().name());
            cs.put("entryAccuracy", f4(c.entry().valAccuracy()));
            cs.put("against", c.against().name());
            cs.put("againstAccuracy", f4(c.against().valAccuracy()));
            cs.put("gain", String.format(Locale.ROOT, "%+.1f", c.gainPoints()));
            contrasts.add(cs);
        }
        s.put("contrastsAny", !contrasts.isEmpty());
        s.put("contrasts", contrasts);
        s.put("figures", figures(run.figures()));
        List<Map<String, Object>> models = new ArrayList<>();
        for (CandidateResult r : run.results()) {
            Candidate c = r.candidate();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", c.key());
            m.put("description", c.description());
            m.put("input", r.phases().get(0).input());
            m.put("modelFigures", figures(r.figures()));
            m.put("curves", c.key() + "/curves.png");
            m.put("history", c.key() + "/history.csv");
            m.put("modelFile", java.nio.file.Files.isRegularFile(run.runDir().resolve(c.key()).resolve("model.conv4j"))
                    ? c.key() + "/model.conv4j" : null);
            List<Map<String, Object>> phases = new ArrayList<>();
            for (PhaseResult p : r.phases()) {
                Map<String, Object> ps = row(p);
                ps.put("label", p.phase().label());
                ps.put("description", p.phase().description());
                ps.put("bestEpoch", p.bestEpoch() + 1);
                ps.put("testLoss", String.format(Locale.ROOT, "%.4f", p.testLoss()));
                ps.put("nonTrainable", String.format(Locale.ROOT, "%,d", p.paramsTotal() - p.paramsTrainable()));
                ps.put("summary", p.summary());
                ps.put("confusionPng", p.name() + "/confusion_matrix.png");
                ps.put("confusionCsv", p.name() + "/confusion_matrix.csv");
                ps.put("reportTxt", p.name() + "/classification_report.txt");
                ps.put("summaryTxt", p.name() + "/summary.txt");
                ps.put("reportRows", reportRows(p.report()));
                ps.put("rocPng", p.roc() != null ? p.name() + "/roc.png" : null);
                phases.add(ps);
            }
            m.put("phases", phases);
            models.add(m);
        }
        s.put("models", models);
        return s;
    }

    private static List<Map<String, Object>> figures(List<Figure> figures) {
        return figures.stream().map(f -> Map.<String, Object>of("title", f.title(), "file", f.file(), "caption", f.caption())).toList();
    }

    private static Map<String, Object> row(PhaseResult p) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", p.name());
        r.put("phase", p.phase().label());
        r.put("optimizer", p.phase().optimizer().describe());
        r.put("epochs", p.history().epochs());
        r.put("trainAccuracy", f4(p.trainAccuracy()));
        r.put("valAccuracy", f4(p.valAccuracy()));
        r.put("testAccuracy", f4(p.testAccuracy()));
        r.put("gap", f4(p.overfittingGap()));
        r.put("total", String.format(Locale.ROOT, "%,d", p.paramsTotal()));
        r.put("trainable", String.format(Locale.ROOT, "%,d", p.paramsTrainable()));
        r.put("frozenPercent", String.format(Locale.ROOT, "%.1f", p.frozenPercent()));
        r.put("efficiency", String.format(Locale.ROOT, "%.3f", p.efficiency()));
        r.put("secondsPerEpoch", String.format(Locale.ROOT, "%.1f", p.secondsPerEpoch()));
        r.put("imagesPerSecond", String.format(Locale.ROOT, "%.0f", p.imagesPerSecond()));
        r.put("seconds", String.format(Locale.ROOT, "%.0f", p.seconds()));
        r.put("valAuc", p.roc() != null ? f4(p.roc().auc()) : null);
        r.put("ttaAccuracy", p.ttaAccuracy() != null ? f4(p.ttaAccuracy()) : null);
        return r;
    }

    private static List<Map<String, Object>> reportRows(ClassificationReport report) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int c = 0; c < report.classNames().size(); c++) {
            rows.add(reportRow(report.classNames().get(c), report.scores(c), report.support(c)));
        }
        Map<String, Object> accuracy = new LinkedHashMap<>();
        accuracy.put("label", "accuracy");
        accuracy.put("precision", "");
        accuracy.put("recall", "");
        accuracy.put("f1", f4(report.accuracy()));
        accuracy.put("support", report.totalSupport());
        rows.add(accuracy);
        rows.add(reportRow("macro avg", report.macroAvg(), report.totalSupport()));
        rows.add(reportRow("weighted avg", report.weightedAvg(), report.totalSupport()));
        return rows;
    }

    private static Map<String, Object> reportRow(String label, ClassificationReport.Scores s, int support) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("label", label);
        r.put("precision", f4(s.precision()));
        r.put("recall", f4(s.recall()));
        r.put("f1", f4(s.f1()));
        r.put("support", support);
        return r;
    }

    private static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String duration(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }
}
