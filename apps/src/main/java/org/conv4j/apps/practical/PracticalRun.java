package org.conv4j.apps.practical;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A practical's run as it goes: where it writes, on what, and the models done and skipped so far. */
public final class PracticalRun {
    /** A model not trained: the base and why (the weights file and where to put it). */
    public record Skipped(Candidate candidate, String reason) {}

    private final Practical practical;
    private final List<String> commandLine;
    private final Path runDir;
    private final String device;
    private final int threads;
    private final long seed;
    private final int batchSize;
    private final Instant started = Instant.now();
    private Instant finished;
    private int trainImages;
    private int testImages;
    private final List<CandidateResult> results = new ArrayList<>();
    private final List<Skipped> skipped = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();
    private String data = "";
    private String heldOut = "test";

    public PracticalRun(Practical practical, List<String> commandLine, Path runDir, String device, int threads, long seed,
                        int batchSize) {
        this.practical = practical;
        this.commandLine = List.copyOf(commandLine);
        this.runDir = runDir;
        this.device = device;
        this.threads = threads;
        this.seed = seed;
        this.batchSize = batchSize;
    }

    public Practical practical() {
        return practical;
    }

    public List<String> commandLine() {
        return commandLine;
    }

    public Path runDir() {
        return runDir;
    }

    public String device() {
        return device;
    }

    public int threads() {
        return threads;
    }

    public long seed() {
        return seed;
    }

    public int batchSize() {
        return batchSize;
    }

    public Instant started() {
        return started;
    }

    /** When the last model finished; empty while the run goes on. */
    public Optional<Instant> finished() {
        return Optional.ofNullable(finished);
    }

    void finish() {
        finished = Instant.now();
    }

    void data(PracticalData d) {
        trainImages = d.train().count();
        testImages = d.test().count();
        data = d.describe();
        heldOut = d.validatesOnTest() ? d.heldOut() : "test";
    }

    /** What the final scores are measured on: "test", or "validation" where there is no test set. */
    public String heldOut() {
        return heldOut;
    }

    /** The data, in one line: "CIFAR-10: 50000 training images, ...". */
    public String data() {
        return data;
    }

    void addFigures(List<Figure> f) {
        figures.addAll(f);
    }

    /** The practical's own pictures of the run (drawn from its best model at the end). */
    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    public int trainImages() {
        return trainImages;
    }

    public int testImages() {
        return testImages;
    }

    void add(CandidateResult r) {
        results.add(r);
    }

    void skip(Skipped s) {
        skipped.add(s);
    }

    public List<CandidateResult> results() {
        return List.copyOf(results);
    }

    public List<Skipped> skipped() {
        return List.copyOf(skipped);
    }

    /** Every phase done, in training order. */
    public List<PhaseResult> phases() {
        return results.stream().flatMap(r -> r.phases().stream()).toList();
    }

    public Optional<PhaseResult> phase(String name) {
        return phases().stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
