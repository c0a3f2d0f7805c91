package io.agora.runtime.plugins;

import io.agora.api.InvalidInputException;
import io.agora.api.Mechanism;
import io.agora.api.StrategyPolicy;
import io.agora.api.MarketPrompt;
import io.agora.api.MechanismContext;
import io.agora.api.lm.LanguageModelProvider;
import io.agora.api.lm.LanguageModels;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Loads the mechanism, strategy and language-model plugins from a folder with a real PF4J {@link PluginManager} and
 * serves their extensions by id.
 *
 * <p>Loading is all or nothing: a file that is not a valid plugin, a plugin that does not start, an
 * extension class that does not load, or two extensions with the same id stop the host with a
 * {@link PluginLoadException} naming the plugin and the reason, rather than running with a silently
 * smaller set of mechanisms.
 */
public final class PluginHost implements AutoCloseable {
    /** The system property that overrides the plugins folder. */
    public static final String PLUGINS_DIR_PROPERTY = "agora.plugins.dir";
    /** The system property that sets the folder where language models keep their files. */
    public static final String MODELS_DIR_PROPERTY = "agora.models.dir";

    private final PluginManager manager;
    private final Map<String, Installed<Mechanism>> mechanisms;
    private final Map<String, Installed<StrategyPolicy>> strategies;
    private final Map<String, Installed<LanguageModelProvider>> models;
    /** Replaced at most once, by {@link #configureModels}, before any model opens; read without a lock. */
    private volatile ModelRegistry registry;

    private PluginHost(PluginManager manager) {
        this.manager = manager;
        this.mechanisms = index(manager, Mechanism.class, Mechanism::id);
        this.strategies = index(manager, StrategyPolicy.class, StrategyPolicy::id);
        this.models = index(manager, LanguageModelProvider.class, LanguageModelProvider::id);
        this.registry = new ModelRegistry(models, List.of(), modelsFolder()); // opens nothing until a model is asked for
    }

    /**
     * Loads and starts every plugin (jar or zip) in {@code folder}.
     *
     * @throws PluginLoadException if the folder is missing or any plugin fails to load or start
     */
    public static PluginHost load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new PluginLoadException("plugins folder " + folder.toAbsolutePath() + " does not exist"
                    + " (set -D" + PLUGINS_DIR_PROPERTY + " or --plugins)", null);
        }
        DefaultPluginManager manager = new ApiFirstPluginManager(folder);
        try {
            for (Path file : candidates(folder)) {
                try {
                    manager.loadPlugin(file);
                } catch (RuntimeException e) {
                    throw new PluginLoadException("plugin file " + file.getFileName() + " cannot be loaded: " + reason(e), e);
                }
            }
            manager.startPlugins();
            for (PluginWrapper plugin : manager.getPlugins()) {
                if (plugin.getPluginState() != PluginState.STARTED) {
                    throw new PluginLoadException("plugin '" + plugin.getPluginId() + "' did not start (state "
                            + plugin.getPluginState() + ")" + (plugin.getFailedException() == null ? ""
                            : ": " + reason(plugin.getFailedException())), plugin.getFailedException());
                }
            }
            return new PluginHost(manager);
        } catch (RuntimeException e) {
            manager.stopPlugins();
            manager.unloadPlugins();
            throw e;
        }
    }

    /** The plugins folder: the system property when set, otherwise {@code plugins/} beside the distribution's {@code lib/}. */
    public static Path defaultFolder() {
        String configured = System.getProperty(PLUGINS_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            Path jar = Path.of(PluginHost.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().resolveSibling("plugins");
        } catch (Exception e) {
            return Path.of("plugins");
        }
    }

    private static List<Path> candidates(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".jar") || name.endsWith(".zip");
            }).sorted().toList();
        } catch (IOException e) {
            throw new PluginLoadException("plugins folder " + folder + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static <T> Map<String, Installed<T>> index(PluginManager manager, Class<T> point, Function<T, String> id) {
        Map<String, Installed<T>> out = new TreeMap<>();
        for (PluginWrapper plugin : manager.getStartedPlugins()) {
            String pluginId = plugin.getPluginId();
            List<T> found;
            try {
                found = manager.getExtensions(point, pluginId);
            } catch (RuntimeException | LinkageError e) {
                throw new PluginLoadException("plugin '" + pluginId + "': an extension cannot be created: " + reason(e), e);
            }
            checkEveryIndexedClassLoaded(manager, plugin, found);
            for (T extension : found) {
                String key = id.apply(extension);
                Installed<T> previous = out.put(key, new Installed<>(pluginId, extension));
                if (previous != null) {
                    throw new PluginLoadException("plugins '" + previous.pluginId() + "' and '" + pluginId + "' both provide "
                            + point.getSimpleName().toLowerCase() + " '" + key + "'", null);
                }
            }
        }
        return out;
    }

    private static void checkEveryIndexedClassLoaded(PluginManager manager, PluginWrapper plugin, List<?> found) {
        Set<String> loaded = new HashSet<>();
        for (Class<?> c : manager.getExtensionClasses(plugin.getPluginId())) {
            loaded.add(c.getName());
        }
        for (String name : manager.getExtensionClassNames(plugin.getPluginId())) {
            if (!loaded.contains(name)) {
                String why;
                try {
                    Class.forName(name, true, plugin.getPluginClassLoader());
                    why = "it is not a valid extension";
                } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                    why = reason(e);
                }
                throw new PluginLoadException("plugin '" + plugin.getPluginId() + "': extension " + name + " cannot be loaded: " + why, null);
            }
        }
    }

    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Every mechanism, by id. */
    public Map<String, Installed<Mechanism>> mechanisms() {
        return mechanisms;
    }

    /** Every strategy, by id. */
    public Map<String, Installed<StrategyPolicy>> strategies() {
        return strategies;
    }

    /**
     * A context for a mechanism instance of market {@code marketId}: its id and seed, and the host's
     * {@link LanguageModels} (every installed model kind under its id, with default parameters).
     */
    public MechanismContext context(String marketId, long seed) {
        return MechanismContext.of(marketId, seed, Map.of(LanguageModels.class, languageModels()));
    }

    /** The context of a market opened with a prompt ({@code null}: none), which it offers as {@link MarketPrompt}. */
    public MechanismContext context(String marketId, long seed, String prompt) {
        return prompt == null ? context(marketId, seed)
                : MechanismContext.of(marketId, seed, Map.of(LanguageModels.class, languageModels(), MarketPrompt.class, new MarketPrompt(prompt)));
    }

    /** The host's language models, opened on first use (under {@link #modelsFolder()} unless configured). */
    public ModelRegistry languageModels() {
        return registry;
    }

    /**
     * Serves {@code configured} models besides every installed kind under its own id, keeping their files under
     * {@code folder}. Call it before the first market opens.
     *
     * @throws IllegalStateException if a model was opened already
     * @throws InvalidInputException if a configured model names a kind that is not installed
     */
    public synchronized void configureModels(List<ModelRegistry.ModelConfig> configured, Path folder) {
        if (registry.opened()) {
            throw new IllegalStateException("language models are configured before the first one opens");
        }
        registry = new ModelRegistry(models, configured, folder);
    }

    /** The models folder: the system property {@value #MODELS_DIR_PROPERTY}, or {@code ~/.agora/models}. */
    public static Path modelsFolder() {
        String configured = System.getProperty(MODELS_DIR_PROPERTY);
        return configured != null && !configured.isBlank() ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".agora", "models");
    }

    /** Every kind of language model, by id. */
    public Map<String, Installed<LanguageModelProvider>> models() {
        return models;
    }

    /**
     * The mechanism {@code id}.
     *
     * @param field the input field that named it, for the error
     * @throws InvalidInputException if no plugin provides it
     */
    public Installed<Mechanism> mechanism(String id, String field) {
        Installed<Mechanism> m = mechanisms.get(id);
        if (m == null) {
            throw new InvalidInputException(field, "unknown mechanism '" + id + "'; installed: " + String.join(", ", mechanisms.keySet()));
        }
        return m;
    }

    /**
     * The strategy {@code id}.
     *
     * @param field the input field that named it, for the error
     * @throws InvalidInputException if no plugin provides it
     */
    public Installed<StrategyPolicy> strategy(String id, String field) {
        Installed<StrategyPolicy> s = strategies.get(id);
        if (s == null) {
            throw new InvalidInputException(field, "unknown strategy '" + id + "'; installed: " + String.join(", ", strategies.keySet()));
        }
        return s;
    }

    /** The loaded plugins: id, version and description. */
    public List<PluginWrapper> plugins() {
        return new ArrayList<>(manager.getPlugins());
    }

    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }
}
