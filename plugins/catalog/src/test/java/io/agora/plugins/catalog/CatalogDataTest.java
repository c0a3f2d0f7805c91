package io.agora.plugins.catalog;

import io.agora.api.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogDataTest {

    @Test
    void theShippedFileIsExactlyWhatTheGeneratorWritesForItsSeed() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CatalogData.BUILT_IN)) {
            assertThat(in).as(CatalogData.BUILT_IN).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(CatalogGenerator.render(CatalogGenerator.SEED));
        }
    }

    @Test
    void theShippedCatalogHasEveryAttributeAndNormalizedReferences() {
        CatalogData data = CatalogData.builtIn();
        assertThat(data.prompts()).hasSize(112);
        assertThat(data.replies()).isEqualTo(112 * CatalogGenerator.CANDIDATES);
        for (CatalogData.Prompt p : data.prompts()) {
            double total = 0;
            for (int c = 0; c < p.candidates().size(); c++) {
                total += Math.exp(p.logProbs()[c]);
                assertThat(p.candidates().get(c).attributes()).containsKeys("sentiment", "onTopic", "correct", "words");
            }
            assertThat(total).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    @Test
    void aBrokenFileIsRefusedWithItsLine() {
        assertThatThrownBy(() -> CatalogData.parse("# c\np\tr\t-0.5\n", "f.tsv"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("f.tsv:2:").hasMessageContaining("4 tab-separated fields");
        assertThatThrownBy(() -> CatalogData.parse("p\tr\t-0.5\t\n", "f.tsv")).hasMessageContaining("sum to");
        assertThatThrownBy(() -> CatalogData.parse("p\tr\tx\t\n", "f.tsv")).hasMessageContaining("logProb must be a number");
        assertThatThrownBy(() -> CatalogData.parse("p\ta\t0\t\nq\tb\t0\t\np\tc\t0\t\n", "f.tsv")).hasMessageContaining("consecutive");
        assertThatThrownBy(() -> CatalogData.parse("p\ta\t0\tsentiment=high\n", "f.tsv")).hasMessageContaining("name=number");
    }
}
