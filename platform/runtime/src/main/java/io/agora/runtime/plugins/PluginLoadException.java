package io.agora.runtime.plugins;

/** A plugin could not be loaded or started; the message names the plugin (or its file) and the reason. */
public final class PluginLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
