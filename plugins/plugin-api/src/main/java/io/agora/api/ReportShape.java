package io.agora.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The reports a mechanism admits, as a list of {@link ReportComponent}s. Hosts validate every report against
 * it before the mechanism sees it, describe it in the API and the command line, and build types, random
 * reports and misreports from it; the mechanism checks only rules that span several components.
 */
public final class ReportShape {
    private final List<ReportComponent> components;
    /** The components by name, for the per-report checks on the hot path. */
    private final Map<String, ReportComponent> byName;

    /** Checks that names are unique and copies the list. */
    public ReportShape(List<ReportComponent> components) {
        this.components = List.copyOf(components);
        if (this.components.isEmpty()) {
            throw new IllegalArgumentException("a report shape needs at least one component");
        }
        Map<String, ReportComponent> index = new HashMap<>();
        for (ReportComponent c : this.components) {
            if (index.put(c.name(), c) != null) {
                throw new IllegalArgumentException("report component '" + c.name() + "' is declared twice");
            }
        }
        this.byName = Map.copyOf(index);
    }

    /** The components, in the order they are documented and written. */
    public List<ReportComponent> components() {
        return components;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportShape s && components.equals(s.components);
    }

    @Override
    public int hashCode() {
        return components.hashCode();
    }

    @Override
    public String toString() {
        return "ReportShape" + components;
    }

    /** A shape of the given components. */
    public static ReportShape of(ReportComponent... components) {
        return new ReportShape(List.of(components));
    }

    /** The component named {@code name}, if declared. */
    public Optional<ReportComponent> component(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The components of one kind, in order. */
    public <T extends ReportComponent> List<T> ofKind(Class<T> kind) {
        return components.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The component names, in order. */
    public List<String> names() {
        return components.stream().map(ReportComponent::name).toList();
    }

    /**
     * Checks a report: every required component present with a value of its kind and within its rules, and no
     * component the mechanism does not declare.
     *
     * @throws InvalidInputException naming the component (relative to the report, such as {@code rewards[2]})
     */
    public void validate(Report report, OutcomeSpace outcomes) {
        // One lookup per declared component (this runs for every report of every round); a component the shape does
        // not declare shows as a count that does not add up, and only then is it looked for.
        int matched = 0;
        for (ReportComponent c : components) {
            Object value = report.raw(c.name());
            if (value == null) {
                if (c.required()) {
                    throw new InvalidInputException(c.name(), "is required (" + c.description() + ")");
                }
                continue;
            }
            matched++;
            if (c instanceof ReportComponent.Rewards r) {
                if (!(value instanceof double[] v)) {
                    throw wrongKind(c, "a list of numbers, one per outcome");
                }
                r.check(v, outcomes.size());
            } else if (c instanceof ReportComponent.Scalar s) {
                if (!(value instanceof Double v)) {
                    throw wrongKind(c, "a number");
                }
                s.check(v);
            } else if (c instanceof ReportComponent.Ranking k) {
                if (!(value instanceof int[] v)) {
                    throw wrongKind(c, "a list of outcome indices");
                }
                k.check(v, outcomes.size());
            } else if (c instanceof ReportComponent.Text t) {
                if (!(value instanceof String v)) {
                    throw wrongKind(c, "a string");
                }
                t.check(v);
            }
        }
        if (matched != report.size()) {
            for (String name : report.components()) {
                if (!byName.containsKey(name)) {
                    throw new InvalidInputException(name, "is not part of this mechanism's report; it takes " + String.join(", ", names()));
                }
            }
        }
    }

    private static InvalidInputException wrongKind(ReportComponent c, String what) {
        return new InvalidInputException(c.name(), "must be " + what + " (" + c.description() + ")");
    }

    /**
     * The closest admissible report to {@code report}: reward vectors clipped and normalized, numbers rounded and
     * clamped; rankings and texts are kept as they are.
     */
    public Report admissible(Report report) {
        Report.Builder b = report.toBuilder();
        for (ReportComponent c : components) {
            if (!report.has(c.name())) {
                continue;
            }
            if (c instanceof ReportComponent.Rewards r) {
                b.numbers(r.name(), r.admissible(report.numbers(r.name())));
            } else if (c instanceof ReportComponent.Scalar s) {
                b.number(s.name(), s.admissible(report.number(s.name())));
            }
        }
        return b.build();
    }

    /**
     * A random admissible report by {@code type}'s agent: every reward vector, number and ranking drawn at random
     * (rankings as long as the type's), in the order of the components; texts are kept from {@code type}.
     */
    public Report randomize(Report type, OutcomeSpace outcomes, SplittableRandom random) {
        Report.Builder b = type.toBuilder();
        for (ReportComponent c : components) {
            if (!(c instanceof ReportComponent.Text) || !type.has(c.name())) {
                draw(c, type, b, outcomes, random);
            }
        }
        return b.build();
    }

    /**
     * Draws one component uniformly from its rules into {@code into}: a reward vector uniform on [0,1]^m then
     * normalized, a number uniform in its bounds, a ranking as long as {@code like}'s (all outcomes when {@code like}
     * has none), a text of random letters (only when required).
     */
    public static void draw(ReportComponent c, Report like, Report.Builder into, OutcomeSpace outcomes, SplittableRandom random) {
        if (c instanceof ReportComponent.Rewards r) {
            into.numbers(r.name(), r.random(outcomes.size(), random));
        } else if (c instanceof ReportComponent.Scalar s) {
            into.number(s.name(), s.random(random));
        } else if (c instanceof ReportComponent.Ranking k) {
            int length = like.has(k.name()) ? like.ranking(k.name()).length : outcomes.size();
            into.ranking(k.name(), k.random(outcomes.size(), length, random));
        } else if (c instanceof ReportComponent.Text t && t.required()) {
            into.text(t.name(), t.random(random));
        }
    }

    /** A random admissible report (a type) for {@code agent}, with every component drawn, texts included. */
    public Report random(String agent, OutcomeSpace outcomes, SplittableRandom random) {
        return randomize(Report.builder(agent).build(), outcomes, random);
    }

    /** The components that a misreport can change: everything but texts and numbers with one admissible value. */
    public List<ReportComponent> adjustable() {
        List<ReportComponent> out = new ArrayList<>();
        for (ReportComponent c : components) {
            boolean fixed = c instanceof ReportComponent.Text || (c instanceof ReportComponent.Scalar s && s.min() == s.max());
            if (!fixed) {
                out.add(c);
            }
        }
        return out;
    }
}
