package io.agora.runtime.plugins;

/**
 * A plugin threw, or returned a non-finite or malformed result, while it served a call. The round it
 * served fails; the process and the other rounds go on.
 */
public final class PluginFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String pluginId;

    PluginFailureException(String pluginId, String message, Throwable cause) {
        super("plugin '" + pluginId + "' failed: " + message, cause);
        this.pluginId = pluginId;
    }

    /** The id of the plugin that failed. */
    public String pluginId() {
        return pluginId;
    }
}
