package io.agora.api.lm;

import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import org.pf4j.ExtensionPoint;

/**
 * A kind of language model that a plugin contributes ({@code catalog}, {@code torch}, {@code openai-compatible}):
 * it names itself, declares its parameters and opens models from them.
 *
 * <p>Implementations carry {@code @Extension}, have a public no-argument constructor and are stateless.
 */
public interface LanguageModelProvider extends ExtensionPoint {

    /** A stable id, lower case with dashes; unique across plugins. */
    String id();

    /** One sentence saying what models it gives. */
    String description();

    /** The parameters {@link #open} accepts. */
    ParameterSchema parameters();

    /**
     * Opens a model. May take time (loading weights); a remote model does not call its server here.
     *
     * @throws io.agora.api.InvalidInputException if the parameters do not describe a usable model (a missing
     *         weights file, say), naming the parameter
     */
    LanguageModel open(Parameters params, ModelContext context);
}
