package org.prognos.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.prognos.PrognosException;

/** Finds the repository's {@code notebooks-data} folder: above the working directory, else beside the launcher's jar. */
final class BundledData {
    private BundledData() {
    }

    static Path locate() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (isBundle(d.resolve("notebooks-data"))) {
                return d.resolve("notebooks-data");
            }
        }
        try {
            // cli/target/prognos.jar -> the checkout root
            Path jar = Path.of(BundledData.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path d = jar.getParent(); d != null; d = d.getParent()) {
                if (isBundle(d.resolve("notebooks-data"))) {
                    return d.resolve("notebooks-data");
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through to the error below
        }
        throw new PrognosException("cannot find the bundled data (notebooks-data/ of the Prognos checkout) above "
                + Path.of("").toAbsolutePath() + ": run from the checkout or pass --data DIR");
    }

    /** {@code dir} when it holds the bundled data, else an error naming it. */
    static Path check(Path dir) {
        if (!isBundle(dir)) {
            throw new PrognosException("no bundled data at " + dir + " (expected its jobs/ and azure-pdm/ folders)");
        }
        return dir;
    }

    private static boolean isBundle(Path dir) {
        return Files.isDirectory(dir.resolve("jobs")) && Files.isDirectory(dir.resolve("azure-pdm"));
    }
}
