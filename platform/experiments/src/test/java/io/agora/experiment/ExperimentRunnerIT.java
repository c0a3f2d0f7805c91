package io.agora.experiment;

import io.agora.runtime.plugins.PluginHost;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The experiment on the actor system: a sweep spreads its chunks over every lane. */
class ExperimentRunnerIT {

    @Test
    void aSweepUsesBothCores() throws InterruptedException {
        ExperimentConfig config = ExperimentConfigParser.parse("""
                name: lanes
                mechanism: affine-maximizer
                outcomes: 10
                samples: 6000
                population: [{name: a, count: 4, strategy: truthful}]
                types: {weight: {uniform: [1, 10]}}
                sweeps:
                  - name: lambda
                    vary: {params.lambda: [0.5, 1.0]}
                """, "lanes.yaml");
        try (PluginHost host = PluginHost.load(Path.of(System.getProperty(PluginHost.PLUGINS_DIR_PROPERTY)))) {
            ExperimentResult result = ExperimentRunner.run(config, host, 2, done -> { });

            assertThat(result.lanes()).hasSize(2);
            assertThat(result.stats()).allSatisfy(s -> assertThat(s.summaries().get("a.utility").count()).isEqualTo(6000));
        }
    }
}
