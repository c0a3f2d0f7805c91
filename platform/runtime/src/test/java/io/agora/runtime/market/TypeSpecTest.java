package io.agora.runtime.market;

import io.agora.api.OutcomeSpace;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TypeSpecTest {
    private static final ReportShape RANKED_BY_AN_ANNOTATOR = ReportShape.of(
            ReportComponent.ranking("ranking", "best first", 2),
            ReportComponent.identifier("annotator", "who ranked", 16));

    @Test
    void anAgentsIdIsItsOwnNameInEveryRound() {
        TypeSpec spec = TypeSpec.asDeclared(1, 1);
        Report first = spec.draw("m-1-s0", RANKED_BY_AN_ANNOTATOR, OutcomeSpace.of(4), new SplittableRandom(1));
        Report later = spec.draw("m-1-s0", RANKED_BY_AN_ANNOTATOR, OutcomeSpace.of(4), new SplittableRandom(2));
        assertThat(first.text("annotator")).isEqualTo("m-1-s0").isEqualTo(later.text("annotator"));
        assertThat(first.ranking("ranking")).hasSize(4); // the rest is drawn as before
    }

    @Test
    void aNameThatIsNoIdIsMadeOne() {
        assertThat(TypeSpec.idOf("group 1/agent 7", 64)).isEqualTo("group-1-agent-7");
        assertThat(TypeSpec.idOf("a-very-long-market-id-s12", 8)).isEqualTo("t-id-s12");
        Report type = TypeSpec.asDeclared(1, 1).draw("seat #3 of a market with a long name", RANKED_BY_AN_ANNOTATOR,
                OutcomeSpace.of(2), new SplittableRandom(1));
        RANKED_BY_AN_ANNOTATOR.validate(type, OutcomeSpace.of(2));
    }
}
