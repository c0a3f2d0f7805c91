package io.agora.runtime.plugins;

import io.agora.api.InvalidInputException;
import io.agora.api.Parameters;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.LanguageModelProvider;
import io.agora.api.lm.LanguageModels;
import io.agora.api.lm.ModelContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host's language models, served to mechanisms as {@link LanguageModels}. A model is a name bound to a provider
 * and its parameters; every installed provider is also served under its own id with its default parameters (so
 * {@code catalog} works with no configuration). A model opens on first use, once, and stays open: opening can be
 * slow (weights) and models are safe to share.
 */
public final class ModelRegistry implements LanguageModels {

    /** A configured model: served as {@code name}, opened by provider {@code provider} with {@code params}. */
    public record ModelConfig(String name, String provider, Map<String, Object> params) {
        /** Checks the name and copies the parameters. */
        public ModelConfig {
            if (name == null || !name.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
                throw new InvalidInputException("models.name", "must be lower case letters, digits, '.', '-' or '_', at most 64, got " + name);
            }
            params = Map.copyOf(params);
        }
    }

    private final Map<String, Installed<LanguageModelProvider>> providers;
    private final Map<String, ModelConfig> configs;
    private final Path dataDir;
    private final Map<String, LanguageModel> open = new ConcurrentHashMap<>();

    /**
     * @param providers the installed providers by id
     * @param configured models configured by name; a name may shadow a provider's id
     * @param dataDir   the folder under which each model gets its own folder
     */
    public ModelRegistry(Map<String, Installed<LanguageModelProvider>> providers, Iterable<ModelConfig> configured, Path dataDir) {
        this.providers = Map.copyOf(providers);
        Map<String, ModelConfig> all = new TreeMap<>();
        providers.keySet().forEach(id -> all.put(id, new ModelConfig(id, id, Map.of())));
        for (ModelConfig c : configured) {
            if (!providers.containsKey(c.provider())) {
                throw new InvalidInputException("models." + c.name() + ".provider", "unknown language model '" + c.provider()
                        + "'; installed: " + String.join(", ", providers.keySet()));
            }
            all.put(c.name(), c);
        }
        this.configs = Map.copyOf(all);
        this.dataDir = dataDir;
    }

    @Override
    public Set<String> names() {
        return new java.util.TreeSet<>(configs.keySet());
    }

    @Override
    public LanguageModel model(String name, String field) {
        ModelConfig config = configs.get(name);
        if (config == null) {
            throw new InvalidInputException(field, "no language model '" + name + "'; this host serves: " + String.join(", ", names()));
        }
        return open.computeIfAbsent(name, n -> open(config));
    }

    /** Whether any model has been opened. */
    boolean opened() {
        return !open.isEmpty();
    }

    private LanguageModel open(ModelConfig config) {
        Installed<LanguageModelProvider> provider = providers.get(config.provider());
        Parameters params;
        try {
            params = provider.extension().parameters().validate(config.params());
        } catch (InvalidInputException e) {
            throw e.within("models." + config.name());
        }
        Path folder = dataDir.resolve(config.name());
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of model '" + config.name() + "': " + folder, e);
        }
        LanguageModel model;
        try {
            model = Guard.call(provider.pluginId(), "opening language model '" + config.name() + "'",
                    () -> provider.extension().open(params, new ModelContext(config.name(), folder, 0)));
        } catch (InvalidInputException e) {
            throw e.within("models." + config.name());
        }
        if (model == null) {
            throw Guard.broken(provider.pluginId(), "opening language model '" + config.name() + "' gave nothing");
        }
        return model;
    }
}
