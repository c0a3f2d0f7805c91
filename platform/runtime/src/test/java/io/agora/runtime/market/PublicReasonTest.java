package io.agora.runtime.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublicReasonTest {

    @Test
    void javaTypeNamesAreRemovedAndTheWordsKept() {
        assertThat(PublicReason.of("plugin 'affine-maximizer' failed: clear threw java.lang.ArithmeticException: / by zero"))
                .isEqualTo("plugin 'affine-maximizer' failed: clear threw / by zero");
        assertThat(PublicReason.of("plugin 'p' failed: clear threw IllegalStateException"))
                .isEqualTo("plugin 'p' failed: clear threw an error");
        assertThat(PublicReason.of("cannot read io.agora.wire.ReportBody from START_ARRAY")).doesNotContain("io.agora");
        assertThat(PublicReason.of("payments[0].amount: must be finite, got NaN")).isEqualTo("payments[0].amount: must be finite, got NaN");
    }

    @Test
    void emptyAndLongReasonsAreBounded() {
        assertThat(PublicReason.of(null)).isEqualTo("the mechanism failed");
        assertThat(PublicReason.of("x".repeat(1000))).hasSize(303);
    }
}
