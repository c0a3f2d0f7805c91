package io.agora.plugins.catalog;

import io.agora.api.InvalidInputException;
import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.LanguageModelProvider;
import io.agora.api.lm.ModelContext;
import org.pf4j.Extension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code catalog} language model: the shipped dataset (or a file of the same format) and its policies. */
@Extension
public final class CatalogProvider implements LanguageModelProvider {

    @Override
    public String id() {
        return "catalog";
    }

    @Override
    public String description() {
        return "prompts with finite candidate replies and their attributes; exact sampling and scoring; trainable as a log-linear policy";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(
                Parameter.text("dataset", "", "a catalog file (prompt TAB reply TAB logProb TAB attributes); empty: the shipped catalog v"
                        + CatalogGenerator.VERSION),
                Parameter.choice("features", "ngram", java.util.List.of("ngram", "tabular"),
                        "the trainable policy's features: ngram (hashed n-grams of prompt and reply) or tabular (one per prompt and reply)"),
                Parameter.integer("buckets", 16384, 16L, (long) (1 << 22), "hash buckets of the ngram features (parameters of the policy)"));
    }

    @Override
    public LanguageModel open(Parameters params, ModelContext context) {
        String file = params.text("dataset");
        CatalogData data = file.isEmpty() ? CatalogData.builtIn() : read(Path.of(file));
        Features features = Features.of(data, Features.Kind.of(params.choice("features")), (int) params.integer("buckets"));
        return new CatalogModel(context.name(), data, features);
    }

    private static CatalogData read(Path file) {
        try {
            return CatalogData.parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (IOException e) {
            throw new InvalidInputException("params.dataset", "cannot read " + file + ": " + e.getMessage());
        }
    }
}
