package io.agora.gateway.market;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** The repositories of the market tables (reads, and the writes that are not on the journal's hot path). */
final class MarketRepositories {
    private MarketRepositories() {
    }

    @ApplicationScoped
    static class Markets implements PanacheRepositoryBase<MarketEntity, String> {
        Uni<List<MarketEntity>> inOrder() {
            return list("order by createdAt");
        }

        /** Markets {@code offset} to {@code offset + limit}, oldest first. */
        Uni<List<MarketEntity>> page(int offset, int limit) {
            return find("order by createdAt, id").range(offset, offset + limit - 1).list();
        }
    }

    @ApplicationScoped
    static class Seats implements PanacheRepositoryBase<SeatEntity, String> {
        Uni<List<SeatEntity>> ofMarket(String marketId) {
            return list("marketId = ?1 order by seatIndex", marketId);
        }

        Uni<List<SeatEntity>> all() {
            return list("order by marketId, seatIndex");
        }
    }

    @ApplicationScoped
    static class Reports implements PanacheRepositoryBase<ReportEntity, Long> {
        Uni<List<ReportEntity>> ofRound(String marketId, int round) {
            return list("marketId = ?1 and round = ?2 order by id", marketId, round);
        }

        Uni<Boolean> filed(String marketId, int round, String seatId) {
            return count("marketId = ?1 and round = ?2 and seatId = ?3", marketId, round, seatId).map(n -> n > 0);
        }
    }

    @ApplicationScoped
    static class Rounds implements PanacheRepositoryBase<RoundEntity, RoundEntity.Key> {
        /** The latest round of a market that left a mechanism state, if any. */
        Uni<RoundEntity> lastWithState(String marketId) {
            return find("marketId = ?1 and mechanismState is not null order by round desc", marketId).firstResult();
        }

        /** The last {@code count} settled rounds of a market, oldest first. */
        Uni<List<RoundEntity>> latest(String marketId, int count) {
            return find("marketId = ?1 order by round desc", marketId).page(0, count).list()
                    .map(rows -> {
                        List<RoundEntity> oldestFirst = new java.util.ArrayList<>(rows);
                        java.util.Collections.reverse(oldestFirst);
                        return oldestFirst;
                    });
        }

        /** The rounds of a market that produced preference pairs, in order. */
        Uni<List<RoundEntity>> withPreferences(String marketId) {
            return list("marketId = ?1 and preferences is not null order by round", marketId);
        }
    }

    @ApplicationScoped
    static class SeatResults implements PanacheRepositoryBase<SeatResultEntity, SeatResultEntity.Key> {
        Uni<List<SeatResultEntity>> ofMarket(String marketId) {
            return list("marketId = ?1 order by round, seatId", marketId);
        }
    }

    @ApplicationScoped
    static class Ledger implements PanacheRepositoryBase<LedgerEntryEntity, Long> {
        Uni<List<LedgerEntryEntity>> ofMarket(String marketId) {
            return list("marketId = ?1 order by id", marketId);
        }

        Uni<List<LedgerEntryEntity>> ofAccount(String account) {
            return list("account = ?1 order by id", account);
        }

        /**
         * Funds a new market's budget: its owner's funding account pays it to the market's account at round 0, so
         * the market's entries still sum to zero.
         */
        Uni<Void> fund(MarketEntity market) {
            if (market.budget == null || market.budget <= 0) {
                return Uni.createFrom().voidItem();
            }
            BigDecimal amount = BigDecimal.valueOf(market.budget);
            return persist(entry(market, "funding:" + market.owner, amount.negate()), entry(market, "market:" + market.id, amount));
        }

        /** What a market's account took in net over its settled rounds (negative when it paid out). */
        Uni<BigDecimal> received(String marketId) {
            return list("marketId = ?1 and account = ?2 and round > 0", marketId, "market:" + marketId)
                    .map(entries -> entries.stream().map(e -> e.amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        }

        private static LedgerEntryEntity entry(MarketEntity market, String account, BigDecimal amount) {
            LedgerEntryEntity e = new LedgerEntryEntity();
            e.marketId = market.id;
            e.round = 0;
            e.account = account;
            e.amount = amount;
            e.createdAt = OffsetDateTime.now();
            return e;
        }
    }
}
