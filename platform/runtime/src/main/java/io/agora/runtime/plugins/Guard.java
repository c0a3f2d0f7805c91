package io.agora.runtime.plugins;

import io.agora.api.InvalidInputException;

import java.util.function.Supplier;

/**
 * Runs one plugin call and turns anything but an {@link InvalidInputException} into a
 * {@link PluginFailureException} naming the plugin and the call, so a faulty plugin fails its round only.
 */
final class Guard {
    private Guard() {
    }

    static <T> T call(String pluginId, String operation, Supplier<T> body) {
        try {
            return body.get();
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            throw new PluginFailureException(pluginId, operation + " threw " + PluginHost.reason(e), e);
        }
    }

    static double finite(String pluginId, String operation, double value) {
        if (!Double.isFinite(value)) {
            throw new PluginFailureException(pluginId, operation + " returned " + value + ", not a finite number", null);
        }
        return value;
    }

    static PluginFailureException broken(String pluginId, String message) {
        return new PluginFailureException(pluginId, message, null);
    }
}
