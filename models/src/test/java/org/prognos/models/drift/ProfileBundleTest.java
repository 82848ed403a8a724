package org.prognos.models.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.BundleFormatException;
import org.prognos.models.BundleIntegrityException;
import org.prognos.models.Fixtures;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.BundleReader;
import org.prognos.models.bundle.BundleWriter;
import org.prognos.models.bundle.Manifest;
import org.prognos.models.runtime.LoadedModel;

/**
 * A bundle carries its reference profile as a digest-checked file that round-trips exactly; a bundle without one
 * (every bundle written before profiles existed) still loads, with no profile; a profile of other columns is refused.
 */
class ProfileBundleTest {
    @TempDir
    Path tmp;

    private static BundleContents pump() {
        return Fixtures.contents("pump", Fixtures.FAILURE, new org.prognos.models.baseline.Baseline.ClassPrior(
                java.util.Map.of("none", 0.9, "failure", 0.1)).payload());
    }

    private static ReferenceProfile profile() {
        return ProfileFitter.fit(Fixtures.columns(), Fixtures.rows(300, 11), "300 synthetic rows");
    }

    @Test
    void the_profile_is_listed_with_its_digest_and_read_back_equal() throws Exception {
        Path dir = tmp.resolve("b");
        Manifest m = BundleWriter.write(pump().withProfile(profile()), 1, Instant.EPOCH, dir);
        assertTrue(m.files().containsKey(Manifest.PROFILE_FILE));
        assertEquals(Optional.of(profile()), BundleReader.read(dir).profile());
        try (LoadedModel model = LoadedModel.load(BundleReader.read(dir))) {
            assertEquals(Optional.of(profile()), model.profile());
        }
    }

    @Test
    void a_changed_profile_file_is_refused() throws Exception {
        Path dir = tmp.resolve("b");
        BundleWriter.write(pump().withProfile(profile()), 1, Instant.EPOCH, dir);
        Files.writeString(dir.resolve(Manifest.PROFILE_FILE),
                Files.readString(dir.resolve(Manifest.PROFILE_FILE)).replace("\"rows\" : 300", "\"rows\" : 301"));
        assertThrows(BundleIntegrityException.class, () -> BundleReader.read(dir));
    }

    @Test
    void a_bundle_without_a_profile_loads_without_one() throws Exception {
        Path dir = tmp.resolve("b");
        Manifest m = BundleWriter.write(pump(), 1, Instant.EPOCH, dir);
        assertFalse(m.files().containsKey(Manifest.PROFILE_FILE));
        try (LoadedModel model = LoadedModel.load(BundleReader.read(dir))) {
            assertEquals(Optional.empty(), model.profile());
        }
    }

    @Test
    void a_profile_of_other_columns_is_refused_when_publishing() {
        ReferenceProfile other = ProfileFitter.fit(List.of("a", "b", "c", "d", "e", "f"), Fixtures.rows(50, 3), "wrong columns");
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> pump().withProfile(other));
        assertTrue(e.getMessage().contains("the model reads"), e.getMessage());
    }
}
