package io.agora.api.lm;

import java.util.Set;

/**
 * The host's language models, as a mechanism reaches them: {@code context.service(LanguageModels.class)}. A
 * mechanism names the model it uses in a parameter and looks it up here when it opens.
 */
public interface LanguageModels {

    /** The names of the models this host serves. */
    Set<String> names();

    /**
     * The model served under {@code name}.
     *
     * @param field the parameter that named it, for the error
     * @throws io.agora.api.InvalidInputException if there is no such model, naming {@code field} and the models there are
     */
    LanguageModel model(String name, String field);
}
