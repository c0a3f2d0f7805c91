/**
 * Language models and trainable policies, the second kind of extension of the plugin API.
 *
 * <p>A plugin contributes a {@link io.agora.api.lm.LanguageModelProvider} (annotated {@code @Extension}); the host
 * opens {@link io.agora.api.lm.LanguageModel}s from it by configuration and hands them to mechanisms through
 * {@link io.agora.api.MechanismContext#service(Class)} as {@link io.agora.api.lm.LanguageModels}. A model says what
 * it can do ({@link io.agora.api.lm.Capabilities}): every model samples; some score a given reply; some are
 * trainable and give {@link io.agora.api.lm.TrainablePolicy} copies that a trainer fine-tunes on an
 * {@link io.agora.api.lm.Objective}. Objectives (DPO, weighted DPO, Plackett–Luce, KL tilt) see only the
 * log-probabilities of replies, so every objective trains every trainable model.
 */
package io.agora.api.lm;
