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
import java.util.List;
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
        return open.computeIfAbsent(name, n -> open(config, 0));
    }

    /**
     * A fresh instance of a served model, opened apart from the one mechanisms share, with some of its parameters
     * replaced: what pre-training starts from ({@code weights: none}). The model keeps its own folder.
     *
     * @param field the option or parameter that named the model, for errors
     * @throws InvalidInputException if there is no such model, or its provider declares no parameter of an override
     */
    public LanguageModel openFresh(String name, String field, Map<String, Object> overrides, long seed) {
        ModelConfig config = configs.get(name);
        if (config == null) {
            throw new InvalidInputException(field, "no language model '" + name + "'; this host serves: " + String.join(", ", names()));
        }
        List<String> declared = providers.get(config.provider()).extension().parameters().names();
        for (String key : overrides.keySet()) {
            if (!declared.contains(key)) {
                throw new InvalidInputException(field, "model '" + name + "' (a " + config.provider() + " model) has no parameter '" + key
                        + "', so it cannot be opened this way");
            }
        }
        Map<String, Object> params = new java.util.HashMap<>(config.params());
        params.putAll(overrides);
        return open(new ModelConfig(config.name(), config.provider(), params), seed);
    }

    /** The parameters a served model opens with, its provider's defaults filled in. */
    public Parameters parameters(String name, String field) {
        ModelConfig config = configs.get(name);
        if (config == null) {
            throw new InvalidInputException(field, "no language model '" + name + "'; this host serves: " + String.join(", ", names()));
        }
        try {
            return providers.get(config.provider()).extension().parameters().validate(config.params());
        } catch (InvalidInputException e) {
            throw e.within("models." + config.name());
        }
    }

    /** The folder where model {@code name} keeps its files (weights). */
    public Path folder(String name) {
        return dataDir.resolve(name);
    }

    /** Whether any model has been opened. */
    boolean opened() {
        return !open.isEmpty();
    }

    private LanguageModel open(ModelConfig config, long seed) {
        Installed<LanguageModelProvider> provider = providers.get(config.provider());
        Parameters params;
        try {
            params = provider.extension().parameters().validate(config.params());
        } catch (InvalidInputException e) {
            throw e.within("models." + config.name());
        }
        Path folder = folder(config.name());
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of model '" + config.name() + "': " + folder, e);
        }
        LanguageModel model;
        try {
            model = Guard.call(provider.pluginId(), "opening language model '" + config.name() + "'",
                    () -> provider.extension().open(params, new ModelContext(config.name(), folder, seed)));
        } catch (InvalidInputException e) {
            throw e.within("models." + config.name());
        }
        if (model == null) {
            throw Guard.broken(provider.pluginId(), "opening language model '" + config.name() + "' gave nothing");
        }
        return model;
    }
}
