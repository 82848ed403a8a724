package org.prognos.models.bundle;

import org.prognos.models.BundleFormatException;

/**
 * A model payload ready to be written into a bundle: its kind, its main file, and how to write it. Adapters
 * offer factories (e.g. {@code TribuoPayloads.of(model)}, {@code Baseline.payload()}).
 *
 * @param kind   the payload kind, which picks the adapter at load time
 * @param file   the main payload file the writer creates
 * @param writer writes the file(s)
 */
public record Payload(PayloadKind kind, String file, PayloadWriter writer) {
    public Payload {
        if (kind == null || writer == null) {
            throw new BundleFormatException("a payload needs a kind and a writer");
        }
        new Manifest.PayloadFile(kind, file); // validates the file name
    }
}
