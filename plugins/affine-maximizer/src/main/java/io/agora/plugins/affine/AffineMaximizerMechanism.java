package io.agora.plugins.affine;

import io.agora.api.InvalidInputException;
import io.agora.api.Mechanism;
import io.agora.api.MechanismContext;
import io.agora.api.MechanismInstance;
import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.ReportShape;
import org.pf4j.Extension;

import java.util.List;

/**
 * P1: social-welfare-maximizing fine-tuning over groups that each report a reward model and a group size,
 * with affine-maximizer (Clarke pivot) payments that make truthful reporting a dominant strategy.
 */
@Extension
public final class AffineMaximizerMechanism implements Mechanism {
    static final String ID = "affine-maximizer";

    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            // Bounded so that R/λ stays a finite double for every admissible report (λ = 1e-320 made every payment NaN).
            Parameter.number("lambda", 1.0, 1e-6, 1e6, "Weight λ of the divergence from the reference policy, in [1e-6, 1e6]."),
            Parameter.choice("divergence", "kl", List.of("kl", "chi2", "tv"),
                    "Regularizer: KL (closed-form tilt), chi-squared, or total variation."),
            Parameter.choice("normalization", "sum", List.of("sum", "max"),
                    "How every reported reward model is normalized: its sum is 1, or its maximum is 1."),
            Parameter.number("normalizationTolerance", 1e-6, 0.0, 0.1,
                    "Slack allowed when checking a report's normalization."),
            Parameter.integer("maxGroupSize", 100, 1L, 1_000_000_000L,
                    "Public upper bound on reported group sizes; sizes are whole numbers from 1 to this bound."),
            Parameter.choice("payment", "affine-maximizer", List.of("affine-maximizer", "none", "checkpoint", "early-stop"),
                    "Payment rule: the affine maximizer, none (the no-payment baseline), or a cheaper heuristic (menu mode only)."),
            Parameter.matrix("menu",
                    "Finite-menu mode: K candidate policies over the outcomes (rows of non-negative weights); training picks the best entry."),
            Parameter.integer("checkpointEvery", 1, 1L, null,
                    "Heuristic 1 [RECON]: the main run scans the menu in order and keeps its best-so-far model every this many entries."),
            Parameter.number("earlyStopFraction", 0.5, 1e-9, 1.0,
                    "Heuristic 2 [RECON]: the separate run for each θ_-i scans only this leading fraction of the menu."),
            Parameter.number("inputNoise", 0.0, 0.0, 1.0,
                    "Noise bound ε [RECON]: the mechanism sees each reported reward plus uniform noise in [-ε, ε], clipped at 0."),
            Parameter.integer("noiseSeed", 0, null, null, "Seed of the input noise."));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "SW-Max fine-tuning with affine-maximizer payments (P1): groups report reward models and sizes; "
                + "the policy maximizes weighted welfare minus a divergence; payments make truth dominant.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public ReportShape reportShape(Parameters params) {
        return Settings.from(params).shape();
    }

    @Override
    public MechanismInstance open(Parameters params, MechanismContext context) {
        Settings settings = Settings.from(params);
        if (settings.menu() == null && (settings.payment() == PaymentRule.CHECKPOINT || settings.payment() == PaymentRule.EARLY_STOP)) {
            throw new InvalidInputException("params.payment",
                    "'" + settings.payment().id() + "' is a finite-menu heuristic; give params.menu or use affine-maximizer or none");
        }
        return new AffineMaximizerInstance(settings);
    }
}
