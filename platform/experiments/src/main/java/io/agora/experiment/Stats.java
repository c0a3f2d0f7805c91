package io.agora.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Running statistics per metric (count, mean, variance by Welford's method, min, max) and the rounds that
 * failed. Chunks of samples are accumulated independently and merged in a fixed order, so results do not
 * depend on how many threads ran them.
 */
public final class Stats {
    private static final int KEPT_ERRORS = 5;

    /** Hash-keyed for speed on the hot path; {@link #summaries()} sorts by name. */
    private final Map<String, double[]> metrics = new HashMap<>();
    private long failedRounds;
    private final List<String> errors = new ArrayList<>();
    private long faults;
    private final List<String> faultReasons = new ArrayList<>();
    /** Per audit label, the best misreport found in any round (the largest gain; the earlier on a tie). */
    private final Map<String, Finding> findings = new TreeMap<>();

    /**
     * The best misreport an audit found, as plain data.
     *
     * @param seat      the audited seat
     * @param gain      what it gained over reporting its type
     * @param family    the misreport family the search started from
     * @param misreport the misreport, as the report's JSON
     * @param truth     the seat's type, as the report's JSON
     */
    public record Finding(String seat, double gain, String family, String misreport, String truth) {
    }

    /** Keeps {@code finding} for {@code label} when it gained more than the one kept. */
    public void finding(String label, Finding finding) {
        Finding kept = findings.get(label);
        if (kept == null || finding.gain() > kept.gain()) {
            findings.put(label, finding);
        }
    }

    /** The best misreport found per audit label. */
    public Map<String, Finding> findings() {
        return Collections.unmodifiableMap(findings);
    }

    /** Adds one observation of {@code metric}. */
    public void add(String metric, double value) {
        double[] s = metrics.computeIfAbsent(metric, k -> new double[] {0, 0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
        s[0]++;
        double delta = value - s[1];
        s[1] += delta / s[0];
        s[2] += delta * (value - s[1]);
        s[3] = Math.min(s[3], value);
        s[4] = Math.max(s[4], value);
    }

    /** Records a failed round and (for the first few) why. */
    public void fail(String reason) {
        failedRounds++;
        keepFirst(errors, List.of(reason));
    }

    /** Records a seat that missed a round or whose strategy failed; the round itself went on. */
    public void fault(String reason) {
        faults++;
        keepFirst(faultReasons, List.of(reason));
    }

    /** Merges {@code other} into this (Chan et al.'s parallel update). */
    public void merge(Stats other) {
        other.metrics.forEach((name, o) -> {
            double[] s = metrics.get(name);
            if (s == null) {
                metrics.put(name, o.clone());
                return;
            }
            double n = s[0] + o[0];
            double delta = o[1] - s[1];
            s[1] += delta * o[0] / n;
            s[2] += o[2] + delta * delta * s[0] * o[0] / n;
            s[0] = n;
            s[3] = Math.min(s[3], o[3]);
            s[4] = Math.max(s[4], o[4]);
        });
        failedRounds += other.failedRounds;
        keepFirst(errors, other.errors);
        faults += other.faults;
        keepFirst(faultReasons, other.faultReasons);
        other.findings.forEach(this::finding);
    }

    private static void keepFirst(List<String> into, List<String> from) {
        for (String e : from) {
            if (into.size() < KEPT_ERRORS && !into.contains(e)) {
                into.add(e);
            }
        }
    }

    /**
     * The summary of one metric.
     *
     * @param count  observations
     * @param mean   their mean
     * @param std    their sample standard deviation
     * @param stderr the standard error of the mean
     * @param min    the smallest
     * @param max    the largest
     */
    public record Summary(long count, double mean, double std, double stderr, double min, double max) {
    }

    /** Every metric's summary, by name. */
    public Map<String, Summary> summaries() {
        Map<String, Summary> out = new TreeMap<>();
        metrics.forEach((name, s) -> {
            double var = s[0] > 1 ? s[2] / (s[0] - 1) : 0;
            double std = Math.sqrt(Math.max(0, var));
            out.put(name, new Summary((long) s[0], s[1], std, s[0] > 0 ? std / Math.sqrt(s[0]) : 0, s[3], s[4]));
        });
        return out;
    }

    /** How many rounds failed. */
    public long failedRounds() {
        return failedRounds;
    }

    /** How many seats missed a round or had their strategy fail. */
    public long faults() {
        return faults;
    }

    /** The first distinct faults. */
    public List<String> faultReasons() {
        return Collections.unmodifiableList(faultReasons);
    }

    /** The first distinct reasons of failure. */
    public List<String> errors() {
        return Collections.unmodifiableList(errors);
    }
}
