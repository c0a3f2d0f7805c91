package io.agora.runtime.plugins;

import io.agora.api.MechanismContext;
import io.agora.api.OutcomeSpace;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.runtime.testplugins.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The host against real plugin jars built into a temporary folder. */
class PluginHostTest {
    @TempDir
    Path folder;

    private static RoundInput round() {
        return new RoundInput(0, OutcomeSpace.of(2), Policy.uniform(2),
                List.of(Report.ofRewards("a", new double[] {0.5, 0.5}, 1)));
    }

    @Test
    void isolatesAMechanismThatThrowsAndKeepsServing() throws IOException {
        TestPlugins.faultyPlugin(folder);
        try (PluginHost host = PluginHost.load(folder)) {
            GuardedMechanism throwing = GuardedMechanism.open(host.mechanism("faulty", "mechanism"), Map.of("fault", "throw"), MechanismContext.of("m", 1));
            assertThatThrownBy(() -> throwing.clear(round()))
                    .isInstanceOf(PluginFailureException.class)
                    .hasMessage("plugin 'faulty' failed: clear threw ArithmeticException: boom");

            GuardedMechanism healthy = GuardedMechanism.open(host.mechanism("faulty", "mechanism"), Map.of("fault", "none"), MechanismContext.of("m", 1));
            assertThat(healthy.clear(round()).payments()).hasSize(1);
        }
    }

    @Test
    void rejectsNaNPaymentsAndValues() throws IOException {
        TestPlugins.faultyPlugin(folder);
        try (PluginHost host = PluginHost.load(folder)) {
            GuardedMechanism nanPayment = GuardedMechanism.open(host.mechanism("faulty", "mechanism"), Map.of("fault", "nan-payment"), MechanismContext.of("m", 1));
            assertThatThrownBy(() -> nanPayment.clear(round()))
                    .isInstanceOf(PluginFailureException.class).hasMessageContaining("NaN");

            GuardedMechanism nanValue = GuardedMechanism.open(host.mechanism("faulty", "mechanism"), Map.of("fault", "nan-value"), MechanismContext.of("m", 1));
            RoundInput r = round();
            assertThatThrownBy(() -> nanValue.value(r.reports().get(0), r, nanValue.clear(r)))
                    .isInstanceOf(PluginFailureException.class).hasMessage("plugin 'faulty' failed: value returned NaN, not a finite number");
        }
    }

    @Test
    void failsLoudlyOnAFileThatIsNotAPlugin() throws IOException {
        TestPlugins.notAPlugin(folder);
        assertThatThrownBy(() -> PluginHost.load(folder))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageStartingWith("plugin file not-a-plugin.jar cannot be loaded:");
    }

    @Test
    void failsLoudlyOnAMissingFolder() {
        assertThatThrownBy(() -> PluginHost.load(folder.resolve("nowhere")))
                .isInstanceOf(PluginLoadException.class).hasMessageContaining("does not exist");
    }

    @Test
    void unknownMechanismNamesTheInstalledOnes() throws IOException {
        TestPlugins.faultyPlugin(folder);
        try (PluginHost host = PluginHost.load(folder)) {
            assertThatThrownBy(() -> host.mechanism("nope", "mechanism"))
                    .hasMessage("mechanism: unknown mechanism 'nope'; installed: faulty");
        }
    }
}
