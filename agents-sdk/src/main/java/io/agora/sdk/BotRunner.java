package io.agora.sdk;

import io.agora.api.OutcomeSpace;
import io.agora.api.PastRound;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.ReportShape;
import io.agora.api.RoundContext;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;
import io.agora.wire.MarketPhase;
import io.agora.wire.ReportComponentView;
import io.agora.wire.ReportJson;
import io.agora.wire.RoundView;
import io.agora.wire.SeatResult;
import io.agora.wire.SeatView;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plays a market with any {@link StrategyPolicy}: joins, waits for each round (long poll), turns the private type
 * into a report with the strategy, submits it (the idempotency key is the seat and round, so a retry after a lost
 * answer is harmless), and feeds the strategy its history of settled rounds. The same strategies that hosted
 * experiments run therefore play as external bots.
 */
public final class BotRunner {
    private static final Duration POLL = Duration.ofSeconds(20);
    private final AgoraClient client;
    private final String marketId;
    private final StrategyInstance strategy;
    private final boolean history;

    /**
     * @param history whether to fetch each settled round's result for the strategy's history (one more call a round)
     */
    public BotRunner(AgoraClient client, String marketId, StrategyInstance strategy, boolean history) {
        this.client = client;
        this.marketId = marketId;
        this.strategy = strategy;
        this.history = history;
    }

    /** A runner for {@code policy} with raw parameters and a seed. */
    public static BotRunner of(AgoraClient client, String marketId, StrategyPolicy policy, Map<String, ?> params, long seed) {
        return new BotRunner(client, marketId, policy.create(policy.parameters().validate(params), seed), true);
    }

    /**
     * What a bot did.
     *
     * @param seat      its seat
     * @param reports   reports stored
     * @param missed    rounds it was too late for
     * @param utility   its total utility over the settled rounds it learned about
     * @param lastRound the last round it saw
     * @param ended     why it stopped: the market's phase {@code finished} or {@code closed}, or {@code null} when it
     *                  stopped after {@code maxReports} reports
     */
    public record Summary(String seat, int reports, int missed, double utility, int lastRound, MarketPhase ended) {
        /** Whether the market ended before this run took part in any round (it had nothing to play). */
        public boolean nothingPlayed() {
            return ended != null && reports == 0 && missed == 0;
        }
    }

    /** Plays until the market finishes or closes, or {@code maxReports} reports are in (0: no limit). */
    public Summary run(int maxReports) {
        SeatView seat;
        try {
            seat = client.join(marketId);
        } catch (AgoraException e) {
            // A market that is over refuses new seats (409); that is an ended market, not an error of the bot.
            MarketPhase phase = e.status() == 409 ? phaseOrNull() : null;
            if (phase == null || !phase.over()) {
                throw e;
            }
            return new Summary(null, 0, 0, 0, 0, phase);
        }
        List<PastRound> past = new ArrayList<>();
        int last = 0;
        int reports = 0;
        int missed = 0;
        double utility = 0;
        Report lastType = null;
        Report lastReport = null;
        MarketPhase ended = null;
        while (maxReports == 0 || reports < maxReports) {
            RoundView view = client.awaitRound(marketId, last, POLL);
            if (history && lastReport != null && (view.round() > last || view.over())) {
                SeatResult r = settled(last);
                if (r != null) {
                    utility += r.utility();
                    if (r.policy() != null) {
                        past.add(new PastRound(last, lastType, lastReport, Policy.ofProbabilities(r.policy()), r.payment(), r.utility()));
                    }
                }
                lastReport = null;
            }
            if (view.over()) {
                ended = view.phase();
                break;
            }
            if (!view.collecting() || view.round() <= last) {
                continue;
            }
            if (view.reported()) {
                last = view.round();
                continue;
            }
            ReportShape shape = shape(view);
            Report type = ReportJson.read(view.type(), seat.seat(), shape, "type");
            RoundContext context = new RoundContext(view.mechanism(), view.round(), OutcomeSpace.of(view.reference().length),
                    Policy.ofProbabilities(view.reference()), shape, past, Optional.empty());
            Report report = strategy.report(type, context);
            try {
                client.submit(marketId, view.round(), report, seat.seat() + "-r" + view.round());
                reports++;
                lastType = type;
                lastReport = report;
            } catch (AgoraException e) {
                if (e.status() != 409) {
                    throw e;
                }
                missed++;
            }
            last = view.round();
        }
        return new Summary(seat.seat(), reports, missed, utility, last, ended);
    }

    private MarketPhase phaseOrNull() {
        try {
            return client.market(marketId).phase();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The result of a round that settled, or {@code null} when it never will (the market closed first). */
    private SeatResult settled(int round) {
        try {
            return client.result(marketId, round);
        } catch (AgoraException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** The report shape a round declares, as the plugin API's type that strategies read. */
    public static ReportShape shape(RoundView view) {
        return new ReportShape(view.reportShape().stream().map(ReportComponentView::component).toList());
    }
}
