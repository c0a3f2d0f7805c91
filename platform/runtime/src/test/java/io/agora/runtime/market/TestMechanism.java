package io.agora.runtime.market;

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
import io.agora.api.RoundRecord;
import io.agora.api.RoundResult;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.Installed;

import java.util.Map;

/** Pays each agent its weight and returns the reference; throws when asked to. */
final class TestMechanism implements Mechanism {
    @Override
    public String id() {
        return "test";
    }

    @Override
    public String description() {
        return "test";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(Parameter.bool("fail", false, "throw in clear"),
                Parameter.number("price", 1.0, null, null, "what an agent pays per unit of weight (negative: the market pays)"));
    }

    /** The context of the last instance opened, for tests of what the host hands a mechanism. */
    static volatile MechanismContext lastContext;
    /** The last round an instance settled. */
    static volatile RoundRecord lastSettled;
    /** When set, clear waits for it to open (a clearing that trains for a long time) and records its thread. */
    static volatile java.util.concurrent.CountDownLatch gate;
    static volatile Thread clearedOn;
    /** When positive, clear takes at least this long (a clearing that is slow once). */
    static volatile long slowMillis;

    @Override
    public ReportShape reportShape(Parameters params) {
        return ReportShape.of(ReportComponent.rewards(Report.REWARDS, "rewards", true, Normalization.SUM, 1e-9),
                ReportComponent.number(Report.WEIGHT, "group size", 1, 10, true));
    }

    @Override
    public MechanismInstance open(Parameters params, MechanismContext context) {
        lastContext = context;
        boolean fail = params.bool("fail");
        double price = params.number("price");
        return new MechanismInstance() {
            @Override
            public void settle(RoundRecord round) {
                lastSettled = round;
            }

            @Override
            public void validate(Report report, OutcomeSpace outcomes) {
                if (Normalization.SUM.violation(report, 1e-9) != null) {
                    throw new io.agora.api.InvalidInputException("rewards", Normalization.SUM.violation(report, 1e-9));
                }
            }

            @Override
            public RoundResult clear(RoundInput round) {
                if (fail) {
                    throw new IllegalStateException("cannot clear");
                }
                clearedOn = Thread.currentThread();
                if (slowMillis > 0) {
                    try {
                        Thread.sleep(slowMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                java.util.concurrent.CountDownLatch g = gate;
                if (g != null) {
                    try {
                        g.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return new RoundResult(round.reference(), round.reports().stream().map(r -> new Payment(r.agent(), price * r.weight())).toList());
            }

            @Override
            public double value(Report type, RoundInput round, RoundResult result) {
                return 10 * type.reward(0);
            }
        };
    }

    /** An instance of it, guarded as the plugin host would. */
    static GuardedMechanism open(boolean fail) {
        return GuardedMechanism.open(new Installed<>("test-plugin", new TestMechanism()), Map.of("fail", fail),
                MechanismContext.of("test-market", 1));
    }
}
