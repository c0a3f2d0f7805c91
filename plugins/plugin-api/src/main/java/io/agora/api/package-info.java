/**
 * The stable plugin API of Agora.
 *
 * <p>Plugin authors implement {@link io.agora.api.Mechanism} (a mechanism family that clears rounds of a
 * market) or {@link io.agora.api.StrategyPolicy} (how an agent turns its private type into a report), annotate
 * the class with {@code @org.pf4j.Extension}, and ship it in a PF4J plugin jar. Every value that crosses the
 * boundary is an immutable record that validates itself; invalid user input is reported with
 * {@link io.agora.api.InvalidInputException}, which names the field and the rule.
 *
 * <p>This module depends on pf4j only: no actor, web, reactive or persistence types appear here.
 */
package io.agora.api;
