package io.agora.core.audit;

import io.agora.api.InvalidInputException;
import io.agora.api.Normalization;
import io.agora.api.OutcomeSpace;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The misreport families of the incentive audit, each an admissible transformation of a true type built from the
 * mechanism's declared {@link ReportShape}, so that they apply to any mechanism. Shared by the audit and by the
 * strategy plugins, so a strategy and the audit mean the same thing by a name.
 */
public final class Misreports {
    private Misreports() {
    }

    /**
     * α-scaling of one component: a number {@code x̃ = α·x} (a group size, a bid) or a reward vector
     * {@code r̃ = α·r}, made admissible (rounded and clamped; a no-op on rewards under sum or max normalization).
     *
     * @throws InvalidInputException if the shape has no number or reward vector named {@code component}
     */
    public static Report scale(Report type, String component, double alpha, ReportShape shape) {
        ReportComponent c = component(shape, component);
        if (c instanceof ReportComponent.Scalar s) {
            return type.toBuilder().number(component, s.admissible(alpha * type.number(component))).build();
        }
        if (c instanceof ReportComponent.Rewards r) {
            double[] v = type.numbers(component);
            for (int y = 0; y < v.length; y++) {
                v[y] *= alpha;
            }
            return type.toBuilder().numbers(component, r.admissible(v)).build();
        }
        throw new InvalidInputException(component, "is not a number or a reward vector; it cannot be scaled");
    }

    /**
     * Extremization of a number (P2's labelers rounding a belief): the nearer of its bounds, and each bound.
     *
     * @throws InvalidInputException if the shape has no number named {@code component}
     */
    public static List<Report> extremize(Report type, String component, ReportShape shape) {
        if (!(component(shape, component) instanceof ReportComponent.Scalar s)) {
            throw new InvalidInputException(component, "is not a number; it cannot be extremized");
        }
        double v = type.number(component);
        double nearer = v - s.min() >= s.max() - v ? s.max() : s.min();
        List<Report> out = new ArrayList<>();
        for (double x : new double[] {nearer, s.min(), s.max()}) {
            out.add(type.toBuilder().number(component, x).build());
        }
        return out;
    }

    /** The fractions by which {@link #shade} moves an amount: a little and a lot, down and up. */
    private static final double[] SHADES = {-0.5, -0.25, -0.1, -0.05, -0.01, 0.01, 0.05, 0.1, 0.25, 0.5};

    /**
     * Bid shading of an amount of money (a bid, an asked price): {@code x̃ = (1 + s)·x} for
     * {@code s = ±1%, ±5%, ±10%, ±25%, ±50%}, and {@code x ± s} of the component's range for an amount of 0, made
     * admissible (clamped to the declared bounds).
     *
     * @throws InvalidInputException if the shape has no number named {@code component}
     */
    public static List<Report> shade(Report type, String component, ReportShape shape) {
        if (!(component(shape, component) instanceof ReportComponent.Scalar s)) {
            throw new InvalidInputException(component, "is not a number; it cannot be shaded");
        }
        double v = type.number(component);
        List<Report> out = new ArrayList<>();
        for (double f : SHADES) {
            double shaded = v == 0 ? f * (s.max() - s.min()) : v * (1 + f);
            out.add(type.toBuilder().number(component, s.admissible(shaded)).build());
        }
        return out;
    }

    /**
     * β-mixing of a reward vector with the others': {@code r̃ = β·r + (1−β)·r̄}, made admissible, where {@code r̄}
     * is the mean of {@code others}' vectors (β &gt; 1 pushes away from the others, β &lt; 1 toward them).
     */
    public static Report mix(Report type, String component, double beta, List<Report> others, ReportShape shape) {
        ReportComponent.Rewards c = rewards(shape, component);
        double[] r = type.numbers(component);
        double[] mean = mean(others, component, r.length);
        for (int y = 0; y < r.length; y++) {
            r[y] = beta * r[y] + (1 - beta) * mean[y];
        }
        return type.toBuilder().numbers(component, c.admissible(r)).build();
    }

    /**
     * ε-polarization of a reward vector (the misreport that beats truth without payments): under sum
     * normalization +ε on the best outcome and −ε on the worst; under max normalization −ε on the worst only; with
     * no normalization both. The step is capped at the smallest reward when rewards are non-negative, so the
     * reduced entry stops at 0 and the report stays admissible.
     */
    public static Report polarize(Report type, String component, double epsilon, ReportShape shape) {
        ReportComponent.Rewards c = rewards(shape, component);
        double[] r = type.numbers(component);
        int best = 0;
        int worst = 0;
        for (int y = 1; y < r.length; y++) {
            if (r[y] > r[best]) {
                best = y;
            }
            if (r[y] < r[worst]) {
                worst = y;
            }
        }
        if (best == worst) {
            return type;
        }
        double step = c.nonNegative() ? Math.min(epsilon, r[worst]) : epsilon;
        r[worst] -= step;
        if (c.normalization() != Normalization.MAX) {
            r[best] += step;
        }
        return type.toBuilder().numbers(component, r).build();
    }

    /** Every ranking one adjacent swap away from the type's, then the reversed ranking. */
    public static List<Report> swaps(Report type, String component) {
        int[] k = type.ranking(component);
        List<Report> out = new ArrayList<>();
        for (int i = 0; i + 1 < k.length; i++) {
            int[] s = k.clone();
            s[i] = k[i + 1];
            s[i + 1] = k[i];
            out.add(type.toBuilder().ranking(component, s).build());
        }
        int[] reversed = new int[k.length];
        for (int i = 0; i < k.length; i++) {
            reversed[i] = k[k.length - 1 - i];
        }
        if (k.length > 2) {
            out.add(type.toBuilder().ranking(component, reversed).build());
        }
        return out;
    }

    /** A uniformly random admissible report: every reward vector, number and ranking drawn; texts kept. */
    public static Report random(Report type, ReportShape shape, OutcomeSpace outcomes, SplittableRandom random) {
        return shape.randomize(type, outcomes, random);
    }

    /**
     * A random admissible neighbour of {@code report}: with step δ, one adjustable number moves by one unit (a
     * whole number) or by δ of its range (one time in four, or always when nothing else can move); otherwise one
     * reward vector moves some mass between two outcomes (sum) or one reward by ±δ (max, none), or one ranking
     * swaps two adjacent entries.
     */
    public static Report neighbour(Report report, double step, ReportShape shape, SplittableRandom random) {
        List<ReportComponent.Scalar> numbers = new ArrayList<>();
        List<ReportComponent> vectors = new ArrayList<>();
        for (ReportComponent c : shape.adjustable()) {
            if (!report.has(c.name())) {
                continue;
            }
            if (c instanceof ReportComponent.Scalar s) {
                numbers.add(s);
            } else if (c instanceof ReportComponent.Rewards && report.length(c.name()) >= 2
                    || c instanceof ReportComponent.Ranking && report.ranking(c.name()).length >= 2) {
                vectors.add(c);
            }
        }
        if (!numbers.isEmpty() && (vectors.isEmpty() || random.nextInt(4) == 0)) {
            ReportComponent.Scalar s = numbers.size() == 1 ? numbers.get(0) : numbers.get(random.nextInt(numbers.size()));
            double unit = s.integer() ? 1 : Math.max(step, 1e-3) * (s.max() - s.min());
            double v = report.number(s.name()) + (random.nextBoolean() ? unit : -unit);
            return report.toBuilder().number(s.name(), s.admissible(v)).build();
        }
        if (vectors.isEmpty()) {
            return report;
        }
        ReportComponent c = vectors.size() == 1 ? vectors.get(0) : vectors.get(random.nextInt(vectors.size()));
        if (c instanceof ReportComponent.Ranking) {
            int[] k = report.ranking(c.name());
            int i = random.nextInt(k.length - 1);
            int t = k[i];
            k[i] = k[i + 1];
            k[i + 1] = t;
            return report.toBuilder().ranking(c.name(), k).build();
        }
        return moveRewards(report, (ReportComponent.Rewards) c, step, random);
    }

    private static Report moveRewards(Report report, ReportComponent.Rewards c, double step, SplittableRandom random) {
        double[] r = report.numbers(c.name());
        int m = r.length;
        int from = random.nextInt(m);
        int to = random.nextInt(m - 1);
        if (to >= from) {
            to++;
        }
        double delta = step * random.nextDouble();
        if (c.normalization() == Normalization.SUM) {
            delta = Math.min(delta, r[from]);
            r[from] -= delta;
            r[to] += delta;
            return report.toBuilder().numbers(c.name(), r).build();
        }
        r[from] += random.nextBoolean() ? delta : -delta;
        if (c.normalization() == Normalization.MAX) {
            r[from] = Math.min(1, r[from]);
        }
        return report.toBuilder().numbers(c.name(), c.admissible(r)).build();
    }

    static double[] mean(List<Report> reports, String component, int m) {
        double[] mean = new double[m];
        if (reports.isEmpty()) {
            return mean;
        }
        for (Report o : reports) {
            for (int y = 0; y < m; y++) {
                mean[y] += o.entry(component, y) / reports.size();
            }
        }
        return mean;
    }

    private static ReportComponent component(ReportShape shape, String name) {
        return shape.component(name).orElseThrow(() -> new InvalidInputException(name,
                "the mechanism's report has no component '" + name + "'; it has " + String.join(", ", shape.names())));
    }

    private static ReportComponent.Rewards rewards(ReportShape shape, String name) {
        if (component(shape, name) instanceof ReportComponent.Rewards r) {
            return r;
        }
        throw new InvalidInputException(name, "is not a reward vector over the outcomes");
    }
}
