package io.agora.plugins.vickreyfeedback;

import io.agora.api.InvalidInputException;
import io.agora.api.Parameters;
import io.agora.core.auction.PairAuction;

/**
 * A market's settings, read once from its parameters.
 *
 * @param labelByJudge whether the judge orders a bought pair (otherwise the higher ask is the chosen reply)
 * @param costs        dealt types: each seat's base cost, cycled
 * @param skills       dealt types: each seat's noise when it picks its reply, cycled (0 picks the best reply)
 */
record Settings(PairAuction.Pricing pricing, double reserve, double budget, double qualityWeight, boolean labelByJudge,
                double judgeNoise, double qaScale, double[] costs, double[] skills, double qualityCost) {

    /** Eight suppliers from cheap and careless to dear and careful. */
    static final double[] DEFAULT_COSTS = {0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45};
    static final double[] DEFAULT_SKILLS = {2.0, 1.6, 1.3, 1.0, 0.8, 0.6, 0.4, 0.2};

    static Settings of(Parameters p) {
        double reserve = p.number("reserve");
        double[] costs = p.has("costs") ? p.numberList("costs") : DEFAULT_COSTS;
        double[] skills = p.has("skills") ? p.numberList("skills") : DEFAULT_SKILLS;
        check("costs", costs, reserve);
        check("skills", skills, 100);
        return new Settings(PairAuction.Pricing.of(p.choice("pricing")), reserve, p.number("budget"), p.number("qualityWeight"),
                p.choice("label").equals("judge"), p.number("judgeNoise"), p.number("qaScale"), costs, skills, p.number("qualityCost"));
    }

    private static void check(String name, double[] values, double max) {
        if (values.length == 0) {
            throw new InvalidInputException("params." + name, "must list at least one number, or be left out for the defaults");
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= max)) {
                throw new InvalidInputException("params." + name + "[" + i + "]", "must be in [0, " + max + "], got " + values[i]);
            }
        }
    }
}
