package io.agora.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the host tells a mechanism when it opens an instance for a market, and the services the host offers it:
 * {@link io.agora.api.lm.LanguageModels}, and {@link MarketPrompt} for a market opened with a prompt. It grows by
 * offering new service types through {@link #service(Class)}, never by new abstract methods, so a plugin built
 * against one version keeps working with the next.
 */
public interface MechanismContext {

    /** The id of the market the instance serves (hosted experiments give each session an id too). */
    String marketId();

    /**
     * The market's seed. A mechanism that draws random numbers draws them from this seed (through its own stream),
     * so that a replay of the market gives the same outcomes.
     */
    long seed();

    /**
     * A service of the host, looked up by its type.
     *
     * @return the service, or empty when this host does not offer it (a mechanism that needs it refuses to open,
     *         with an {@link InvalidInputException} saying what is missing)
     */
    <T> Optional<T> service(Class<T> type);

    /** A context without services, for hosts and tests that offer none. */
    static MechanismContext of(String marketId, long seed) {
        return new Basic(marketId, seed, Map.of());
    }

    /** A context with {@code services}, each registered under the type a mechanism asks for. */
    static MechanismContext of(String marketId, long seed, Map<Class<?>, ?> services) {
        return new Basic(marketId, seed, Map.copyOf(services));
    }

    /**
     * The host's plain implementation.
     *
     * @param services service instances by the type they are looked up with
     */
    record Basic(String marketId, long seed, Map<Class<?>, ?> services) implements MechanismContext {

        /** Checks that a market id is given and that every service is an instance of its type. */
        public Basic {
            Objects.requireNonNull(marketId, "marketId");
            services.forEach((type, service) -> {
                if (!type.isInstance(service)) {
                    throw new IllegalArgumentException("service registered as " + type.getName() + " is a " + service.getClass().getName());
                }
            });
        }

        @Override
        public <T> Optional<T> service(Class<T> type) {
            return Optional.ofNullable(type.cast(services.get(type)));
        }
    }
}
