package io.agora.gateway.market;

import io.agora.wire.LadderRow;
import io.agora.wire.LadderView;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ladder's fit from finished markets' standings, without a database. */
class LadderServiceTest {
    private final LadderService service = new LadderService(null, 0.01);

    @Test
    void ranksBotsByTheirGamesAcrossMarketsAndSumsTheirHonestyGaps() {
        Map<String, List<LadderService.Standing>> markets = new LinkedHashMap<>();
        markets.put("m1", List.of(new LadderService.Standing("carol", 1.0, 0.5), new LadderService.Standing("alice", 3.0, 0.0),
                new LadderService.Standing("bob", 2.0, null)));
        markets.put("m2", List.of(new LadderService.Standing("alice", 5.0, -0.25), new LadderService.Standing("carol", 4.0, 0.25)));
        LadderView ladder = service.fit("p1", markets);

        assertThat(ladder.markets()).isEqualTo(2);
        assertThat(ladder.games()).isEqualTo(4); // three pairs in m1, one in m2
        assertThat(ladder.rows()).extracting(LadderRow::bot).containsExactly("alice", "bob", "carol");
        LadderRow alice = ladder.rows().get(0);
        assertThat(alice.rank()).isEqualTo(1);
        assertThat(alice.markets()).isEqualTo(2);
        assertThat(alice.wins()).isEqualTo(3);
        assertThat(alice.losses()).isZero();
        assertThat(alice.low()).isLessThan(alice.strength());
        assertThat(alice.high()).isGreaterThan(alice.strength());
        assertThat(alice.honestyGap()).isEqualTo(-0.25);
        assertThat(ladder.rows().get(1).honestyGap()).isNull(); // bob: never measured
        assertThat(ladder.rows().get(2).honestyGap()).isEqualTo(0.75);
        assertThat(ladder.rows().get(2).losses()).isEqualTo(3);
    }

    @Test
    void equalTotalsTie() {
        LadderView ladder = service.fit("p1", Map.of("m", List.of(new LadderService.Standing("a", 1.0, null),
                new LadderService.Standing("b", 1.0, null))));
        assertThat(ladder.rows()).extracting(LadderRow::ties).containsExactly(1, 1);
        assertThat(ladder.rows().get(0).strength()).isZero();
    }

    @Test
    void anEmptyLadderHasNoRows() {
        assertThat(service.fit("p1", Map.of()).rows()).isEmpty();
    }
}
