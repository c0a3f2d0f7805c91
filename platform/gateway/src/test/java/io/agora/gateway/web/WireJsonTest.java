package io.agora.gateway.web;

import io.agora.wire.MarketCreate;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How request bodies read, beyond the strictness the API tests cover. */
class WireJsonTest {

    /**
     * A mechanism's parameters arrive untyped: a list must read as a Java list, which the parameter schema takes. With
     * every module on the class path registered, jackson-module-scala (from Pekko) made it a Scala list, and every
     * number-list parameter (online-weighting's noise, bias, preferred) was refused over HTTP.
     */
    @Test
    void aListInAnUntypedPlaceIsAJavaList() {
        MarketCreate m = WireJson.read("{\"mechanism\":\"online-weighting\",\"params\":{\"noise\":[0.05,0.45],\"rows\":[[1,2]]}}",
                MarketCreate.class);
        assertThat(m.params().get("noise")).isInstanceOf(List.class).isEqualTo(List.of(0.05, 0.45));
        assertThat(((List<?>) m.params().get("rows")).get(0)).isInstanceOf(List.class);
    }
}
