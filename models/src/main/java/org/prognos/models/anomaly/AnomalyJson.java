package org.prognos.models.anomaly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.prognos.models.BundleFormatException;
import org.prognos.models.bundle.ManifestJson;

/**
 * Reads and writes {@link AnomalyModel}s as JSON, strictly (unknown fields are errors; detector families are
 * names, not classes). Doubles are written in their shortest exact form, so a model reads back bit for bit.
 */
public final class AnomalyJson {
    private static final ObjectMapper MAPPER = ManifestJson.mapper();   // the bundle files' strict mapper

    private AnomalyJson() {
    }

    public static String write(AnomalyModel model) {
        try {
            return MAPPER.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new BundleFormatException("cannot write anomaly model: " + e.getOriginalMessage(), e);
        }
    }

    public static AnomalyModel parse(byte[] json, String source) {
        try {
            return MAPPER.readValue(json, AnomalyModel.class);
        } catch (JsonProcessingException e) {
            throw new BundleFormatException(source + ": not an anomaly model: " + ManifestJson.reason(e), e);
        } catch (IOException e) {
            throw new BundleFormatException(source + ": cannot read: " + e.getMessage(), e);
        }
    }
}
