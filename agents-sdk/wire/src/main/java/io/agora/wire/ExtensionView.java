package io.agora.wire;

import java.util.List;

/**
 * An installed strategy policy (what hosted agents and SDK bots can play) or kind of language model.
 *
 * @param id          the id a config or a market names it by
 * @param plugin      the plugin that contributes it
 * @param description one sentence
 * @param parameters  its parameters
 */
public record ExtensionView(String id, String plugin, String description, List<MechanismView.ParameterView> parameters) {
    /** Copies the parameters. */
    public ExtensionView {
        parameters = List.copyOf(parameters);
    }
}
