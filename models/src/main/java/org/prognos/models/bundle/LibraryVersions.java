package org.prognos.models.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;
import org.prognos.models.BundleFormatException;

/**
 * The software that made a bundle, for provenance and for diagnosing a model that behaves differently after
 * an upgrade.
 *
 * @param prognos the Prognos version
 * @param jvm     the Java runtime version
 * @param tribuo  the Tribuo version, when Tribuo trained the model
 * @param dl4j    the DL4J version, when DL4J trained the model
 */
public record LibraryVersions(String prognos, String jvm, Optional<String> tribuo, Optional<String> dl4j) {
    public LibraryVersions {
        if (prognos == null || prognos.isBlank() || jvm == null || jvm.isBlank()) {
            throw new BundleFormatException("library versions need 'prognos' and 'jvm', found " + prognos + ", " + jvm);
        }
        tribuo = tribuo == null ? Optional.empty() : tribuo;
        dl4j = dl4j == null ? Optional.empty() : dl4j;
    }

    /** The versions running now, with Tribuo (this module's model library) and without DL4J. */
    public static LibraryVersions current() {
        return new LibraryVersions(prognosVersion(), Runtime.version().toString(),
                Optional.of(org.tribuo.Tribuo.VERSION), Optional.empty());
    }

    /** These versions with {@code version} as the DL4J version, for a model DL4J trained. */
    public LibraryVersions withDl4j(String version) {
        return new LibraryVersions(prognos, jvm, tribuo, Optional.of(version));
    }

    /** The Prognos version this module was built as ({@code version.properties} is filtered by Maven). */
    public static String prognosVersion() {
        try (InputStream in = LibraryVersions.class.getResourceAsStream("/org/prognos/models/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("prognos.version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
