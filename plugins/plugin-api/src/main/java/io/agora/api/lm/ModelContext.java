package io.agora.api.lm;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the host tells a {@link LanguageModelProvider} when it opens a model.
 *
 * @param name    the name the model is served under
 * @param dataDir a folder the model may keep files in (weights, caches); it exists and survives restarts
 * @param seed    the seed of every random choice the model makes when it is opened (initial weights)
 */
public record ModelContext(String name, Path dataDir, long seed) {

    /** Checks that the name and folder are given. */
    public ModelContext {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataDir, "dataDir");
    }
}
