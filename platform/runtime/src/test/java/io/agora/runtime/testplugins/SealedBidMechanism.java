package io.agora.runtime.testplugins;

import io.agora.api.Mechanism;
import io.agora.api.MechanismContext;
import io.agora.api.MechanismInstance;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.Payment;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import org.pf4j.Extension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A mechanism with a report the platform has never seen, for host tests, packaged into a real plugin jar by the tests:
 * each agent submits a text reply and a sealed bid (and may sign it with an annotator id); the highest bid wins (the
 * earliest on ties) and pays the second-highest bid (a Vickrey auction, so bidding one's value is dominant); the others
 * pay nothing. An agent's value is its type's bid when it wins.
 */
@Extension
public final class SealedBidMechanism implements Mechanism {
    /** The largest bid. */
    public static final double MAX_BID = 100;

    @Override
    public String id() {
        return "sealed-bid";
    }

    @Override
    public String description() {
        return "A second-price auction over text replies: the highest bid's reply wins and pays the second-highest bid.";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of();
    }

    @Override
    public ReportShape reportShape(Parameters params) {
        return ReportShape.of(
                ReportComponent.text("reply", "the reply offered", 280),
                ReportComponent.number("bid", "what winning is worth to you", 0, MAX_BID, false),
                ReportComponent.identifier("annotator", "who wrote the reply", 40).optional());
    }

    @Override
    public MechanismInstance open(Parameters params, MechanismContext context) {
        return new MechanismInstance() {
            @Override
            public RoundResult clear(RoundInput round) {
                List<Report> reports = round.reports();
                int winner = winner(reports);
                double second = 0;
                for (int i = 0; i < reports.size(); i++) {
                    if (i != winner) {
                        second = Math.max(second, reports.get(i).number("bid"));
                    }
                }
                List<Payment> payments = new ArrayList<>();
                for (int i = 0; i < reports.size(); i++) {
                    payments.add(new Payment(reports.get(i).agent(), i == winner ? second : 0));
                }
                return new RoundResult(round.reference(), payments, Map.of("winner", (double) winner), List.of());
            }

            @Override
            public double value(Report type, RoundInput round, RoundResult result) {
                int winner = (int) (double) result.diagnostics().get("winner");
                return round.reports().get(winner).agent().equals(type.agent()) ? type.number("bid") : 0;
            }
        };
    }

    private static int winner(List<Report> reports) {
        int best = 0;
        for (int i = 1; i < reports.size(); i++) {
            if (reports.get(i).number("bid") > reports.get(best).number("bid")) {
                best = i;
            }
        }
        return best;
    }
}
