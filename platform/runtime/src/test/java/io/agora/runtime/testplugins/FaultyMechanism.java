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
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import org.pf4j.Extension;

import java.util.List;

/**
 * A deliberately broken mechanism for host tests, packaged into a real plugin jar by the tests: it throws,
 * returns NaN payments or NaN values depending on its {@code fault} parameter, and with {@code fault: odd}
 * throws only when the first report's weight is odd.
 */
@Extension
public final class FaultyMechanism implements Mechanism {
    @Override
    public String id() {
        return "faulty";
    }

    @Override
    public String description() {
        return "Fails on purpose.";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(Parameter.choice("fault", "throw", List.of("throw", "nan-payment", "nan-value", "odd", "none"), "How to fail."));
    }

    @Override
    public ReportShape reportShape(Parameters params) {
        return ReportShape.of(ReportComponent.rewards(Report.REWARDS, "rewards", true, Normalization.SUM, 1e-9),
                ReportComponent.number(Report.WEIGHT, "group size", 1, 10, true));
    }

    @Override
    public MechanismInstance open(Parameters params, MechanismContext context) {
        String fault = params.choice("fault");
        return new MechanismInstance() {
            @Override
            public RoundResult clear(RoundInput round) {
                if (fault.equals("throw") || (fault.equals("odd") && round.reports().get(0).weight() % 2 == 1)) {
                    throw new ArithmeticException("boom");
                }
                double amount = fault.equals("nan-payment") ? Double.NaN : 0;
                return new RoundResult(round.reference(),
                        round.reports().stream().map(r -> new Payment(r.agent(), amount)).toList());
            }

            @Override
            public double value(Report type, RoundInput round, RoundResult result) {
                return fault.equals("nan-value") ? Double.NaN : 1;
            }
        };
    }
}
