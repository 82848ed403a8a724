package org.prognos.inference.api;

import java.time.Instant;

/**
 * Why a model is not served, or why its newer bundle was refused while an older version keeps serving.
 *
 * @param model     the model name
 * @param reference what the service resolves for it (e.g. {@code pump@production})
 * @param reason    the refusal in one word, as in the {@code reason} label of
 *                  {@code prognos_model_reload_failures_total}: {@code integrity}, {@code format}, {@code missing},
 *                  {@code smoke-test}, {@code unsigned}, {@code unknown-key}, {@code bad-signature},
 *                  {@code uncovered-file}, {@code malformed-signature} or {@code other}
 * @param detail    the refusal's message: which file, which key, what to do
 * @param since     when the bundle was refused
 */
public record ModelFault(String model, String reference, String reason, String detail, Instant since) {
}
