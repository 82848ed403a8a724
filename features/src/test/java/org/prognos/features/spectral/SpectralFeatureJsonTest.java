package org.prognos.features.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON a FeatureSpec uses to declare spectral features and spectrum settings. */
class SpectralFeatureJsonTest {

    private static final TypeReference<List<SpectralFeature>> FEATURE_LIST = new TypeReference<>() { };
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void documented_json_forms_read_as_their_features() throws JsonProcessingException {
        String json = """
                [{"kind":"bandEnergy","lowHz":0,"highHz":500},
                 {"kind":"bandAround","centerHz":236,"halfWidthHz":10},
                 {"kind":"dominantFrequency"},
                 {"kind":"centroid"},
                 {"kind":"entropy"}]
                """;

        List<SpectralFeature> features = mapper.readValue(json, FEATURE_LIST);

        assertEquals(List.of(new BandEnergy(0, 500), new BandAround(236, 10), new DominantFrequency(),
                new SpectralCentroid(), new SpectralEntropy()), features);
    }

    @Test
    void every_feature_round_trips_through_json() throws JsonProcessingException {
        List<SpectralFeature> features = List.of(new BandEnergy(12.5, 1000), new BandAround(236.4, 0.5),
                new DominantFrequency(), new SpectralCentroid(), new SpectralEntropy());

        String json = mapper.writerFor(FEATURE_LIST).writeValueAsString(features);

        assertEquals(features, mapper.readValue(json, FEATURE_LIST));
        assertEquals("{\"kind\":\"bandAround\",\"centerHz\":236.0,\"halfWidthHz\":10.0}",
                mapper.writeValueAsString(new BandAround(236, 10)));
        assertEquals("{\"kind\":\"entropy\"}", mapper.writeValueAsString(new SpectralEntropy()));
    }

    @Test
    void spectrum_settings_round_trip_through_json() throws JsonProcessingException {
        SpectrumSettings settings = SpectrumSettings.hann(2048);

        String json = mapper.writeValueAsString(settings);

        assertEquals("{\"fftSize\":2048,\"taper\":\"hann\"}", json);
        assertEquals(settings, mapper.readValue(json, SpectrumSettings.class));
        assertEquals(SpectrumSettings.rectangular(512),
                mapper.readValue("{\"fftSize\":512,\"taper\":\"none\"}", SpectrumSettings.class));
    }

    @Test
    void invalid_band_in_json_fails_with_the_constructor_message() {
        ValueInstantiationException e = assertThrows(ValueInstantiationException.class,
                () -> mapper.readValue("{\"kind\":\"bandEnergy\",\"lowHz\":500,\"highHz\":100}", SpectralFeature.class));
        assertTrue(e.getMessage().contains("bandEnergy highHz must be greater than lowHz, got [500.0, 100.0) Hz"),
                e.getMessage());
        ValueInstantiationException size = assertThrows(ValueInstantiationException.class,
                () -> mapper.readValue("{\"fftSize\":1000,\"taper\":\"hann\"}", SpectrumSettings.class));
        assertTrue(size.getMessage().contains("fftSize must be a power of two"), size.getMessage());
    }

    @Test
    void missing_unknown_or_misspelled_fields_are_rejected() {
        MismatchedInputException missing = assertThrows(MismatchedInputException.class,
                () -> mapper.readValue("{\"kind\":\"bandEnergy\",\"lowHz\":0}", SpectralFeature.class));
        assertTrue(missing.getMessage().contains("highHz"), missing.getMessage());
        InvalidTypeIdException kind = assertThrows(InvalidTypeIdException.class,
                () -> mapper.readValue("{\"kind\":\"wavelet\"}", SpectralFeature.class));
        assertTrue(kind.getMessage().contains("wavelet"), kind.getMessage());
        MismatchedInputException misspelled = assertThrows(MismatchedInputException.class,
                () -> mapper.readValue("{\"kind\":\"bandAround\",\"centreHz\":236,\"halfWidthHz\":10}",
                        SpectralFeature.class));
        assertTrue(misspelled.getMessage().contains("centerHz"), misspelled.getMessage());
        assertThrows(UnrecognizedPropertyException.class,
                () -> mapper.readValue("{\"kind\":\"entropy\",\"bins\":10}", SpectralFeature.class));
        assertThrows(MismatchedInputException.class,
                () -> mapper.readValue("{\"fftSize\":1024}", SpectrumSettings.class));
    }
}
