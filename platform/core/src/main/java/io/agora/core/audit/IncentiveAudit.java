package io.agora.core.audit;

import io.agora.api.InvalidInputException;
import io.agora.api.MechanismInstance;
import io.agora.api.Normalization;
import io.agora.api.OutcomeSpace;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import io.agora.core.random.Seeds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The incentive audit: for each audited agent, with the others' reports fixed, it measures how much the
 * agent could gain by misreporting (empirical ε-IC), whether its truthful utility is non-negative (IR) and
 * whether it is paid (negative payment). Works on any {@link MechanismInstance}, using only the API.
 *
 * <p>Misreports tried, built from the mechanism's declared report shape, in order: α-scaling of every number (a
 * group size, a bid), then for every reward vector α-scaling (when not normalized), β-mixing with the others' mean
 * report and ε-polarization, adjacent swaps of every ranking, random admissible reports, then a
 * local search started from the best of those. Deterministic for a seed.
 */
public final class IncentiveAudit {
    private final MechanismInstance mechanism;
    private final ReportShape shape;
    private final AuditConfig config;

    /**
     * @param mechanism the instance to audit; only {@code clear}, {@code value} and {@code validate} are called, so
     *                  its state is unchanged
     * @param shape     the reports it admits, which the misreports are built from
     * @param config    the search effort
     */
    public IncentiveAudit(MechanismInstance mechanism, ReportShape shape, AuditConfig config) {
        this.mechanism = mechanism;
        this.shape = shape;
        this.config = config;
    }

    /**
     * Audits the agents whose true types are given.
     *
     * @param round the round as reported; each audited agent's report is replaced by its type for the
     *              truthful baseline
     * @param types true types of the agents to audit, each of whom must have a report in {@code round}
     * @throws InvalidInputException if a type's agent has no report, or a type is not admissible
     */
    public AuditResult audit(RoundInput round, List<Report> types) {
        List<AgentAudit> out = new ArrayList<>();
        for (int t = 0; t < types.size(); t++) {
            Report type = types.get(t);
            int index = round.indexOf(type.agent());
            if (index < 0) {
                throw new InvalidInputException("types[" + t + "].agent", "agent '" + type.agent() + "' has no report in the round");
            }
            try {
                shape.validate(type, round.outcomes());
                mechanism.validate(type, round.outcomes());
            } catch (InvalidInputException e) {
                throw e.within("types[" + t + "]");
            }
            out.add(auditAgent(round.withReport(index, type), index, type, Seeds.random(config.seed(), t)));
        }
        return AuditResult.of(out);
    }

    private AgentAudit auditAgent(RoundInput truthful, int index, Report type, SplittableRandom random) {
        RoundResult truthResult = mechanism.clear(truthful);
        double payment = truthResult.paymentOf(type.agent());
        double truthUtility = mechanism.value(type, truthful, truthResult) - payment;
        List<Report> others = new ArrayList<>(truthful.reports());
        others.remove(index);

        Map<String, Double> gains = new LinkedHashMap<>();
        Report best = type;
        double bestUtility = truthUtility;
        String bestFamily = "truthful";
        for (Map.Entry<String, List<Report>> family : families(type, others, truthful.outcomes(), random).entrySet()) {
            double familyBest = Double.NEGATIVE_INFINITY;
            for (Report candidate : family.getValue()) {
                double u = utility(truthful, index, type, candidate);
                familyBest = Math.max(familyBest, u);
                if (u > bestUtility) {
                    best = candidate;
                    bestUtility = u;
                    bestFamily = family.getKey();
                }
            }
            if (familyBest > Double.NEGATIVE_INFINITY) {
                gains.put(family.getKey(), familyBest - truthUtility);
            }
        }
        if (config.searchIterations() > 0) {
            BestResponseSearch.Found found = BestResponseSearch.search(best, shape,
                    r -> utility(truthful, index, type, r), config.searchIterations(), config.searchStep(), random);
            gains.put("local-search", found.utility() - truthUtility);
            if (found.utility() > bestUtility) {
                best = found.report();
                bestUtility = found.utility();
                bestFamily = "local-search";
            }
        }
        double tol = config.tolerance();
        return new AgentAudit(type.agent(), truthUtility, payment, bestUtility - truthUtility, bestFamily, best, gains,
                truthUtility < -tol, payment < -tol);
    }

    private Map<String, List<Report>> families(Report type, List<Report> others, OutcomeSpace outcomes, SplittableRandom random) {
        Map<String, List<Report>> f = new LinkedHashMap<>();
        for (ReportComponent.Scalar s : shape.ofKind(ReportComponent.Scalar.class)) {
            if (shape.adjustable().contains(s) && type.has(s.name())) {
                List<Report> scaled = new ArrayList<>();
                for (double a : config.alphas()) {
                    scaled.add(Misreports.scale(type, s.name(), a, shape));
                }
                f.put("alpha-" + s.name(), scaled);
                if (s.unit() == ReportComponent.Scalar.Unit.PROBABILITY) {
                    // A belief (P2's): rounding it to 0 or 1 is the deviation a proper loss is meant to stop.
                    f.put("extremize-" + s.name(), Misreports.extremize(type, s.name(), shape));
                }
                if (s.unit() == ReportComponent.Scalar.Unit.MONEY) {
                    // A bid or an ask (P4's): shading it a little either way is the deviation a price rule is meant to stop.
                    f.put("shade-" + s.name(), Misreports.shade(type, s.name(), shape));
                }
            }
        }
        for (ReportComponent.Rewards r : shape.ofKind(ReportComponent.Rewards.class)) {
            String name = r.name();
            if (r.normalization() == Normalization.NONE) {
                List<Report> scaled = new ArrayList<>();
                for (double a : config.alphas()) {
                    scaled.add(Misreports.scale(type, name, a, shape));
                }
                f.put("alpha-" + name, scaled);
            }
            if (!others.isEmpty() && type.length(name) > 0) {
                List<Report> mix = new ArrayList<>();
                for (double b : config.betas()) {
                    mix.add(Misreports.mix(type, name, b, others, shape));
                }
                f.put(family("beta-mixing", name), mix);
            }
            List<Report> polar = new ArrayList<>();
            for (double e : config.epsilons()) {
                polar.add(Misreports.polarize(type, name, e, shape));
            }
            f.put(family("epsilon-polarization", name), polar);
        }
        for (ReportComponent.Ranking k : shape.ofKind(ReportComponent.Ranking.class)) {
            f.put(family("ranking-swaps", k.name()), Misreports.swaps(type, k.name()));
        }
        List<Report> rnd = new ArrayList<>();
        for (int k = 0; k < config.randomReports(); k++) {
            rnd.add(Misreports.random(type, shape, outcomes, random));
        }
        f.put("random", rnd);
        return f;
    }

    /** A family's name: the base for the conventional reward vector or ranking, suffixed by the component otherwise. */
    private static String family(String base, String component) {
        return component.equals(Report.REWARDS) || component.equals("ranking") ? base : base + "-" + component;
    }

    private double utility(RoundInput truthful, int index, Report type, Report candidate) {
        RoundInput round = truthful.withReport(index, candidate);
        RoundResult result;
        try {
            shape.validate(candidate, round.outcomes());
            mechanism.validate(candidate, round.outcomes());
            result = mechanism.clear(round);
        } catch (InvalidInputException inadmissible) {
            return Double.NEGATIVE_INFINITY;
        }
        return mechanism.value(type, round, result) - result.paymentOf(type.agent());
    }
}
