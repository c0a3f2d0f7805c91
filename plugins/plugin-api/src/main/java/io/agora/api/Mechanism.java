package io.agora.api;

import org.pf4j.ExtensionPoint;

/**
 * A mechanism family that a plugin contributes: it names itself, declares its parameters, and opens one
 * {@link MechanismInstance} per market.
 *
 * <p>Implementations carry {@code @Extension} and must have a public no-argument constructor. They are
 * stateless and may be called from any thread; all per-market state lives in the instances they open.
 */
public interface Mechanism extends ExtensionPoint {

    /** A stable id, lower case with dashes, such as {@code affine-maximizer}; unique across plugins. */
    String id();

    /** One sentence saying what the mechanism does, for {@code agora plugins} and the API. */
    String description();

    /** The parameters {@link #open(Parameters, MechanismContext)} accepts, with defaults and rules. */
    ParameterSchema parameters();

    /**
     * The reports a market with {@code params} admits. The host checks every report against it before
     * {@link MechanismInstance#clear(RoundInput)} sees it, documents it (the API's schemas, {@code agora plugins}),
     * and draws types and misreports from it.
     *
     * @param params values that passed {@link #parameters()}
     */
    ReportShape reportShape(Parameters params);

    /**
     * Opens a market's instance of this mechanism.
     *
     * @param params  values that passed {@link #parameters()}; the mechanism may check rules that span several
     *                parameters here
     * @param context the market's id and seed, and the host's services
     * @return a new instance; never shared between markets
     * @throws InvalidInputException if the combination of parameters is invalid, or a service it needs is missing
     */
    MechanismInstance open(Parameters params, MechanismContext context);
}
