package io.agora.plugins.vickreyfeedback;

import io.agora.api.InvalidInputException;
import io.agora.api.Parameters;
import io.agora.core.auction.PairAuction;
import io.agora.core.auction.Suppliers;

/**
 * A market's settings, read once from its parameters.
 *
 * @param labelByJudge whether the judge orders a bought pair (otherwise the higher ask is the chosen reply)
 * @param costs        dealt types: each seat's base cost, cycled
 * @param skills       dealt types: each seat's noise when it picks its reply, cycled (0 picks the best reply)
 */
record Settings(PairAuction.Pricing pricing, double reserve, double budget, double qualityWeight, boolean labelByJudge,
                double judgeNoise, double qaScale, double[] costs, double[] skills, double qualityCost) {

    static Settings of(Parameters p) {
        double reserve = p.number("reserve");
        double[] costs = p.has("costs") ? p.numberList("costs") : Suppliers.DEFAULT_COSTS;
        double[] skills = p.has("skills") ? p.numberList("skills") : Suppliers.DEFAULT_SKILLS;
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
