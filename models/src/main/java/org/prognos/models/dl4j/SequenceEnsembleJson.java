package org.prognos.models.dl4j;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import org.prognos.models.BundleFormatException;
import org.prognos.models.bundle.ManifestJson;
import org.prognos.models.bundle.Names;

/**
 * The JSON half of a {@code dl4j-zip} payload ({@value #FILE}): the input layout and standardization, the output
 * scale and the member network files. Plain data bound strictly (unknown or missing fields are errors), never Java
 * serialization.
 */
final class SequenceEnsembleJson {
    /** The file name in a bundle. */
    static final String FILE = "sequence-model.json";
    /** The format this version reads and writes. */
    static final String FORMAT = "prognos-dl4j-sequence/1";

    private static final ObjectMapper MAPPER = ManifestJson.mapper();   // the bundle files' strict mapper

    private SequenceEnsembleJson() {
    }

    /**
     * What {@value #FILE} holds.
     *
     * @param format      always {@value #FORMAT}
     * @param input       how feature rows become network input
     * @param outputScale network output × scale = remaining life
     * @param networks    the member zip files in the bundle, the payload's main file first
     */
    record Descriptor(String format, SequenceInput input, double outputScale, List<String> networks) {
        @JsonCreator
        Descriptor(@JsonProperty("format") String format, @JsonProperty("input") SequenceInput input,
                   @JsonProperty("outputScale") double outputScale, @JsonProperty("networks") List<String> networks) {
            if (!FORMAT.equals(format)) {
                throw new BundleFormatException("sequence model format is '" + format + "'; this version of Prognos"
                        + " reads '" + FORMAT + "'");
            }
            if (input == null) {
                throw new BundleFormatException("the sequence model needs its 'input'");
            }
            if (networks == null || networks.isEmpty()) {
                throw new BundleFormatException("the sequence model needs at least one network file");
            }
            networks = List.copyOf(networks);
            if (new HashSet<>(networks).size() != networks.size()) {
                throw new BundleFormatException("the sequence model lists a network file twice: " + networks);
            }
            for (String f : networks) {
                if (!Names.isFileName(f)) {
                    throw new BundleFormatException("network file '" + f + "' is not a plain file name of the bundle");
                }
            }
            this.format = format;
            this.input = input;
            this.outputScale = outputScale;
            this.networks = networks;
        }
    }

    static String write(Descriptor d) {
        try {
            return MAPPER.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new BundleFormatException("cannot write the sequence model: " + e.getOriginalMessage(), e);
        }
    }

    static Descriptor parse(byte[] json, String source) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            return MAPPER.treeToValue(tree, Descriptor.class);
        } catch (JsonProcessingException e) {
            throw new BundleFormatException(source + ": not a sequence model: " + ManifestJson.reason(e), e);
        } catch (IOException e) {
            throw new BundleFormatException(source + ": cannot read: " + e.getMessage(), e);
        }
    }
}
