package org.prognos.models.tribuo;

import org.prognos.models.bundle.Payload;
import org.prognos.models.bundle.PayloadKind;
import org.tribuo.Model;

/** Bundle payloads for Tribuo models, in Tribuo's protobuf format ({@link Model#serializeToFile}). */
public final class TribuoPayloads {
    /** The payload file name in a bundle. */
    public static final String FILE = "model.tribuo";

    private TribuoPayloads() {
    }

    /**
     * The payload that writes {@code model} with Tribuo's protobuf serialization. Its feature names must be the
     * spec's column names (build training examples with {@link TribuoExamples}).
     */
    public static Payload of(Model<?> model) {
        return new Payload(PayloadKind.TRIBUO_PROTOBUF, FILE, dir -> model.serializeToFile(dir.resolve(FILE)));
    }
}
