package io.agora.gateway.market;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agora.gateway.web.WireJson;
import io.agora.wire.PreferenceRow;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.List;

/**
 * A market's dataset: the preference pairs its settled rounds produced, with its prompt and the outcomes' texts, as
 * JSON lines in the format DPO trainers read ({@link PreferenceRow}), so that a user can fine-tune a large model
 * elsewhere on what a market collected.
 */
@ApplicationScoped
public class DatasetService {
    private final MarketRepositories.Markets markets;
    private final MarketRepositories.Rounds rounds;

    DatasetService(MarketRepositories.Markets markets, MarketRepositories.Rounds rounds) {
        this.markets = markets;
        this.rounds = rounds;
    }

    /** The dataset of a market the caller has checked exists, one JSON object per line. */
    @WithSession
    public Uni<String> jsonLines(String marketId) {
        return markets.findById(marketId).chain(market -> rounds.withPreferences(marketId).map(settled -> {
            List<String> labels = MarketService.labels(market);
            String prompt = market.prompt == null ? "" : market.prompt;
            StringBuilder out = new StringBuilder();
            for (RoundEntity round : settled) {
                for (PgMarketJournal.PairJson p : read(round.preferences)) {
                    PreferenceRow row = new PreferenceRow(prompt, text(labels, p.chosen()), text(labels, p.rejected()), p.weight(),
                            p.annotator(), round.round);
                    out.append(WireJson.write(row)).append('\n');
                }
            }
            return out.toString();
        }));
    }

    private static String text(List<String> labels, int outcome) {
        return labels == null ? Integer.toString(outcome) : labels.get(outcome);
    }

    private static List<PgMarketJournal.PairJson> read(String json) {
        try {
            return WireJson.mapper().readValue(json, new TypeReference<List<PgMarketJournal.PairJson>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("a stored round's preference pairs are not valid JSON: " + e.getMessage(), e);
        }
    }
}
