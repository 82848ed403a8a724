package org.prognos.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.prognos.models.signing.BundleTrust;
import picocli.CommandLine.Option;

/**
 * {@code --trust FILE} (repeatable), shared by the commands that load a published model: with it, only a bundle signed
 * by one of those public keys is used; without it, any bundle whose checksums match (as before signing existed).
 */
final class TrustOption {
    @Option(names = "--trust", paramLabel = "FILE", description = "Use the model only if its bundle is signed by this public key"
            + " (NAME.pub from 'prognos keys generate'); repeatable. Unsigned or otherwise signed bundles are refused.")
    List<Path> keys = new ArrayList<>();

    /** The trust the options give: a trust list of the files, or no check when there are none. */
    BundleTrust trust() {
        return BundleTrust.of(keys);
    }
}
