package io.agora.plugins.onlineweighting;

import io.agora.api.InvalidInputException;
import io.agora.api.Parameters;
import io.agora.core.online.Aggregator;
import io.agora.core.online.Labelers;
import io.agora.core.online.OnlineWeights;

/** A market's settings, read once from its parameters. */
record Settings(Aggregator aggregator, OnlineWeights.Loss loss, OnlineWeights.Update update, double eta, long horizon,
                double[] noise, double[] bias, double[] preferred, double weightValue, double labelCost, double discount) {

    static Settings of(Parameters p) {
        Labelers standard = Labelers.standard(8);
        double[] givenNoise = list(p, "noise");
        double[] givenBias = list(p, "bias");
        double[] noise = givenNoise.length == 0 ? standard.noise() : givenNoise;
        double[] bias = givenBias.length == 0 ? (givenNoise.length == 0 ? standard.bias() : new double[] {0}) : givenBias;
        double[] preferred = list(p, "preferred");
        check("noise", noise, 0, 1);
        check("bias", bias, -1, 1);
        check("preferred", preferred, 0, 1);
        return new Settings(Aggregator.of(p.choice("aggregator")), OnlineWeights.Loss.of(p.choice("loss")), OnlineWeights.Update.of(p.choice("update")),
                p.number("eta"), p.integer("horizon"), noise, bias, preferred, p.number("weightValue"),
                p.number("labelCost"), p.number("discount"));
    }

    /** An optional list: empty when not given. */
    private static double[] list(Parameters p, String name) {
        return p.has(name) ? p.numberList(name) : new double[0];
    }

    private static void check(String name, double[] values, double min, double max) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= min && values[i] <= max)) {
                throw new InvalidInputException("params." + name + "[" + i + "]", "must be in [" + min + ", " + max + "], got " + values[i]);
            }
        }
    }

    /** Seat s's preferred label θ. */
    double preferredOf(int seat) {
        if (preferred.length > 0) {
            return preferred[seat % preferred.length];
        }
        double b = bias[seat % bias.length];
        return b > 0 ? 1 : b < 0 ? 0 : 0.5;
    }

    /** The step for N labelers. */
    double etaFor(int labelers) {
        return eta > 0 ? eta : OnlineWeights.defaultEta(labelers, horizon);
    }
}
