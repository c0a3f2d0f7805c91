package io.agora.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agora.api.Normalization;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one JSON form of a report reads and writes any declared shape, naming the field of every error. */
class ReportJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReportShape SHAPE = ReportShape.of(
            ReportComponent.rewards("rewards", "reward models", true, Normalization.SUM, 1e-9),
            ReportComponent.number("bid", "a bid", 0, 100, false),
            ReportComponent.ranking("ranking", "replies, best first", 2),
            ReportComponent.text("reply", "a reply", 200),
            ReportComponent.identifier("annotator", "who ranked", 40).optional());

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void readsAndWritesEveryKind() throws Exception {
        JsonNode body = json("{\"rewards\":[0.5,0.5],\"bid\":3,\"ranking\":[1,0],\"reply\":\"hello\",\"annotator\":\"h-1\"}");
        Report report = ReportJson.read(body, "seat-1", SHAPE, "");
        assertThat(report.agent()).isEqualTo("seat-1");
        assertThat(report.rewards()).containsExactly(0.5, 0.5);
        assertThat(report.number("bid")).isEqualTo(3);
        assertThat(report.ranking("ranking")).containsExactly(1, 0);
        assertThat(report.text("reply")).isEqualTo("hello");
        assertThat(ReportJson.read(ReportJson.write(report, true), null, SHAPE, "reports[0]")).isEqualTo(report);
        assertThat(ReportJson.write(report, false).toString())
                .isEqualTo("{\"rewards\":[0.5,0.5],\"bid\":3.0,\"ranking\":[1,0],\"reply\":\"hello\",\"annotator\":\"h-1\"}");
    }

    @Test
    void namesTheFieldOfAWrongKind() throws Exception {
        assertThatThrownBy(() -> ReportJson.read(json("{\"bid\":\"3\"}"), "s", SHAPE, ""))
                .hasMessage("bid: must be a number");
        assertThatThrownBy(() -> ReportJson.read(json("{\"ranking\":[1.5,0]}"), "s", SHAPE, "reports[2]"))
                .hasMessage("reports[2].ranking[0]: must be an outcome index (a whole number)");
        assertThatThrownBy(() -> ReportJson.read(json("{\"rewards\":[0.5,\"x\"]}"), "s", SHAPE, ""))
                .hasMessage("rewards[1]: must be a number");
        assertThatThrownBy(() -> ReportJson.read(json("{\"reply\":7}"), "s", SHAPE, ""))
                .hasMessage("reply: must be a string (a reply)");
        assertThatThrownBy(() -> ReportJson.read(json("{\"feedback\":0.5}"), "s", SHAPE, ""))
                .hasMessage("feedback: is not part of this mechanism's report; it takes rewards, bid, ranking, reply, annotator");
        assertThatThrownBy(() -> ReportJson.read(json("[1]"), "s", SHAPE, ""))
                .hasMessage("body: must be a JSON object with the report's fields: rewards, bid, ranking, reply, annotator");
        assertThatThrownBy(() -> ReportJson.read(json("{\"bid\":1}"), null, SHAPE, "reports[0]"))
                .hasMessage("reports[0].agent: is required: the reporting agent's id");
    }

    @Test
    void componentViewsRoundTripTheirRules() {
        for (ReportComponent c : SHAPE.components()) {
            assertThat(ReportComponentView.of(c).component()).isEqualTo(c);
        }
        assertThat(ReportComponentView.of(SHAPE.components().get(1)).rule()).isEqualTo("a number in [0, 100]: a bid");
    }
}
