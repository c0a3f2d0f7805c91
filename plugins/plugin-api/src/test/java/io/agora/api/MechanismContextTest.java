package io.agora.api;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MechanismContextTest {
    interface LanguageModelLike {
        String name();
    }

    @Test
    void servicesAreFoundByTheTypeTheyAreRegisteredUnder() {
        LanguageModelLike model = () -> "tiny";
        MechanismContext context = MechanismContext.of("m-1", 42, Map.of(LanguageModelLike.class, model));
        assertThat(context.marketId()).isEqualTo("m-1");
        assertThat(context.seed()).isEqualTo(42);
        assertThat(context.service(LanguageModelLike.class)).containsSame(model);
        assertThat(context.service(String.class)).isEmpty();
        assertThat(MechanismContext.of("m-2", 1).service(LanguageModelLike.class)).isEmpty();
    }

    @Test
    void aServiceMustBeOfItsType() {
        assertThatThrownBy(() -> MechanismContext.of("m-1", 1, Map.of(LanguageModelLike.class, "not a model")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LanguageModelLike");
        assertThatThrownBy(() -> MechanismContext.of(null, 1)).isInstanceOf(NullPointerException.class);
    }
}
