package io.agora.runtime.plugins;

/**
 * An extension together with the plugin that contributed it.
 *
 * @param pluginId  the contributing plugin's id
 * @param extension the extension
 * @param <T>       the extension point
 */
public record Installed<T>(String pluginId, T extension) {
}
