package io.agora.plugins.mosaic;

import io.agora.api.Mechanism;
import io.agora.api.MechanismContext;
import io.agora.api.MechanismInstance;
import io.agora.api.Normalization;
import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.Payment;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import io.agora.core.mosaic.Mosaic;
import io.agora.core.random.Seeds;
import org.pf4j.Extension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * P3, MOSAIC: a market's outcomes are the candidate replies to one query, drawn from a generator; advertisers report
 * a reward per candidate; the reply is drawn from the reward-tilted reference over the candidates, and each
 * advertiser pays so that its utility is its marginal contribution to the welfare ({@link Mosaic}).
 */
@Extension
public final class MosaicMechanism implements Mechanism {

    @Override
    public String id() {
        return "mosaic";
    }

    @Override
    public String description() {
        return "P3 MOSAIC: advertisers report rewards over candidate replies; the reply follows the reward-tilted reference, "
                + "and payments make truthful reporting dominant";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(
                Parameter.positive("tau", 1.0, "τ, the KL weight: larger keeps the reply closer to the reference"),
                Parameter.choice("generator", "reference", List.of("reference", "uniform"),
                        "the law the candidates were drawn from: the market's reference policy, or uniform over a pool [RECON]"));
    }

    @Override
    public ReportShape reportShape(Parameters params) {
        return ReportShape.of(ReportComponent.rewards(Report.REWARDS, "the advertiser's reward for each candidate reply", false,
                Normalization.NONE, 1e-9));
    }

    @Override
    public MechanismInstance open(Parameters params, MechanismContext context) {
        double tau = params.number("tau");
        boolean uniform = params.choice("generator").equals("uniform");
        long seed = context.seed();
        return new MechanismInstance() {
            @Override
            public RoundResult clear(RoundInput round) {
                int m = round.outcomes().size();
                double[] reference = new double[m];
                double[] generator = new double[m];
                for (int j = 0; j < m; j++) {
                    reference[j] = round.reference().logProb(j);
                    generator[j] = uniform ? -Math.log(m) : reference[j];
                }
                double[][] rewards = new double[round.reports().size()][];
                for (int i = 0; i < rewards.length; i++) {
                    rewards[i] = round.reports().get(i).numbers(Report.REWARDS);
                }
                Mosaic.Result r = Mosaic.clear(rewards, reference, generator, tau);
                List<Payment> payments = new ArrayList<>();
                for (int i = 0; i < rewards.length; i++) {
                    payments.add(new Payment(round.reports().get(i).agent(), r.payments()[i]));
                }
                Map<String, Double> diagnostics = new LinkedHashMap<>();
                // The reply the user gets: one draw from q, from the market's seed, so a replay draws the same reply.
                diagnostics.put("reply", (double) draw(r.q(), new SplittableRandom(Seeds.derive(seed, round.round()))));
                diagnostics.put("regularizedWelfare", r.welfare()); // G(r): the welfare the tilt achieves, net of its KL cost
                for (int i = 0; i < rewards.length; i++) {
                    // G(r − r_i): the welfare without advertiser i; G(r) − G(r − r_i) is its truthful utility. Diagnostics stay
                    // with the host (experiments, the command line): bots see only their own results.
                    diagnostics.put("welfareWithout:" + round.reports().get(i).agent(), r.welfareWithout()[i]);
                }
                return new RoundResult(Policy.ofProbabilities(r.q()), payments, diagnostics, List.of());
            }

            private int draw(double[] q, SplittableRandom random) {
                double u = random.nextDouble();
                double cumulative = 0;
                for (int j = 0; j < q.length; j++) {
                    cumulative += q[j];
                    if (u < cumulative) {
                        return j;
                    }
                }
                return q.length - 1;
            }

            @Override
            public double value(Report type, RoundInput round, RoundResult result) {
                double v = 0;
                for (int j = 0; j < round.outcomes().size(); j++) {
                    v += result.policy().prob(j) * type.reward(j);
                }
                return v;
            }
        };
    }
}
