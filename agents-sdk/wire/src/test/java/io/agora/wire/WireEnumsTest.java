package io.agora.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Phases and statuses travel as the lower-case words the API documents, and read back as the same enums. */
class WireEnumsTest {
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();

    @Test
    void phasesAndStatusesAreWrittenAsTheirApiWords() throws Exception {
        MarketEvent event = new MarketEvent(MarketEventType.MARKET_FINISHED, "m-1", 3, null, null);
        String text = json.writeValueAsString(event);
        assertThat(text).contains("\"type\":\"market-finished\"");
        assertThat(json.readValue(text, MarketEvent.class).type()).isEqualTo(MarketEventType.MARKET_FINISHED);
        for (MarketPhase p : MarketPhase.values()) {
            assertThat(json.readValue(json.writeValueAsString(p), MarketPhase.class)).isEqualTo(p);
        }
        assertThat(json.writeValueAsString(MarketPhase.WAITING_FOR_SEATS)).isEqualTo("\"waiting-for-seats\"");
        assertThat(json.writeValueAsString(ExperimentStatus.CANCELLED)).isEqualTo("\"cancelled\"");
        assertThat(json.writeValueAsString(RoundStatus.FAILED)).isEqualTo("\"failed\"");
        RoundView view = json.readValue("{\"marketId\":\"m-1\",\"round\":2,\"phase\":\"collecting\",\"deadline\":\"2026-12-01T10:00:00Z\"}", RoundView.class);
        assertThat(view.collecting()).isTrue();
        assertThat(view.deadline()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void anUnknownWordIsRefused() {
        assertThatThrownBy(() -> json.readValue("\"paused\"", MarketPhase.class)).hasMessageContaining("paused");
        assertThat(MarketPhase.FINISHED.over()).isTrue();
        assertThat(MarketEventType.ended(MarketPhase.CLOSED)).isEqualTo(MarketEventType.MARKET_CLOSED);
    }
}
