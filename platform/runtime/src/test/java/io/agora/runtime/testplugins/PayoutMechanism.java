package io.agora.runtime.testplugins;

import io.agora.api.Mechanism;
import io.agora.api.MechanismContext;
import io.agora.api.MechanismInstance;
import io.agora.api.Normalization;
import io.agora.api.OutcomeSpace;
import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.Payment;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import org.pf4j.Extension;

import java.util.List;

/**
 * A mechanism that pays every agent {@code price} a round (as a market buying data pays its suppliers), packaged
 * into a real plugin jar by the tests of budgets.
 */
@Extension
public final class PayoutMechanism implements Mechanism {
    @Override
    public String id() {
        return "payout";
    }

    @Override
    public String description() {
        return "Pays every agent a fixed price each round.";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(Parameter.number("price", 0.4, 0.0, null, "What the market pays each agent per round."));
    }

    @Override
    public ReportShape reportShape(Parameters params) {
        return ReportShape.of(ReportComponent.rewards(Report.REWARDS, "rewards", true, Normalization.SUM, 1e-9),
                ReportComponent.number(Report.WEIGHT, "group size", 1, 10, true));
    }

    @Override
    public MechanismInstance open(Parameters params, MechanismContext context) {
        double price = params.number("price");
        return new MechanismInstance() {
            @Override
            public RoundResult clear(RoundInput round) {
                List<Payment> paid = round.reports().stream().map(r -> new Payment(r.agent(), -price)).toList();
                return new RoundResult(round.reference(), paid);
            }

            @Override
            public double value(Report type, RoundInput round, RoundResult result) {
                return 0;
            }
        };
    }
}
