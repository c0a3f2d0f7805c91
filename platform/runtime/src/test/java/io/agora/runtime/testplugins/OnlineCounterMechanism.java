package io.agora.runtime.testplugins;

import io.agora.api.InvalidInputException;
import io.agora.api.Mechanism;
import io.agora.api.MechanismContext;
import io.agora.api.MechanismInstance;
import io.agora.api.Normalization;
import io.agora.api.OutcomeSpace;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.Payment;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import io.agora.api.RoundInput;
import io.agora.api.RoundRecord;
import io.agora.api.RoundResult;
import org.pf4j.Extension;

import java.util.Optional;

/**
 * An online mechanism for host tests, packaged into a real plugin jar by the tests: its state is the number of
 * rounds it has settled, and in round k every agent pays {@code 0.01 × (k - 1)}, so a payment tells whether the state
 * survived a restart (a fresh instance would charge 0 again).
 */
@Extension
public final class OnlineCounterMechanism implements Mechanism {
    /** What every agent pays per round settled before. */
    public static final double STEP = 0.01;

    @Override
    public String id() {
        return "online-counter";
    }

    @Override
    public String description() {
        return "Counts the rounds it settled; payments grow with the count.";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of();
    }

    @Override
    public ReportShape reportShape(Parameters params) {
        return ReportShape.of(ReportComponent.rewards(Report.REWARDS, "rewards", true, Normalization.SUM, 1e-9),
                ReportComponent.number(Report.WEIGHT, "group size", 1, 10, true));
    }

    @Override
    public MechanismInstance open(Parameters params, MechanismContext context) {
        return new MechanismInstance() {
            private int settled;

            @Override
            public RoundResult clear(RoundInput round) {
                return new RoundResult(round.reference(), round.reports().stream().map(r -> new Payment(r.agent(), STEP * settled)).toList());
            }

            @Override
            public double value(Report type, RoundInput round, RoundResult result) {
                return 1;
            }

            @Override
            public void settle(RoundRecord round) {
                settled++;
            }

            @Override
            public Optional<String> snapshot() {
                return Optional.of(Integer.toString(settled));
            }

            @Override
            public void restore(String snapshot) {
                try {
                    settled = Integer.parseInt(snapshot);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("state", "not a count: " + snapshot);
                }
            }
        };
    }
}
