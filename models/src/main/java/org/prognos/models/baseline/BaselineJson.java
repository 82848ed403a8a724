package org.prognos.models.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.prognos.models.BundleFormatException;
import org.prognos.models.bundle.ManifestJson;

/** Reads and writes {@link Baseline}s as JSON, strictly (unknown fields are errors; types are names, not classes). */
public final class BaselineJson {
    private static final ObjectMapper MAPPER = ManifestJson.mapper();   // the bundle files' strict mapper

    private BaselineJson() {
    }

    public static String write(Baseline baseline) {
        try {
            return MAPPER.writerFor(Baseline.class).writeValueAsString(baseline);
        } catch (JsonProcessingException e) {
            throw new BundleFormatException("cannot write baseline: " + e.getOriginalMessage(), e);
        }
    }

    public static Baseline parse(byte[] json, String source) {
        try {
            return MAPPER.readValue(json, Baseline.class);
        } catch (JsonProcessingException e) {
            throw new BundleFormatException(source + ": not a baseline: " + ManifestJson.reason(e), e);
        } catch (IOException e) {
            throw new BundleFormatException(source + ": cannot read: " + e.getMessage(), e);
        }
    }
}
