package io.agora.runtime.market;

import io.agora.api.MechanismContext;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.Installed;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard hands the plugin the context the host built: the market's id, its seed and the services. */
class MechanismContextHandOverTest {

    @Test
    void theMechanismGetsTheMarketsIdSeedAndServices() {
        Runnable service = () -> { };
        GuardedMechanism.open(new Installed<>("test-plugin", new TestMechanism()), Map.of("fail", false),
                MechanismContext.of("m-9", 99, Map.of(Runnable.class, service)));
        assertThat(TestMechanism.lastContext.marketId()).isEqualTo("m-9");
        assertThat(TestMechanism.lastContext.seed()).isEqualTo(99);
        assertThat(TestMechanism.lastContext.service(Runnable.class)).containsSame(service);
    }
}
