package org.prognos.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.prognos.models.signing.KeyFiles;
import org.prognos.models.signing.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code prognos keys generate}: an Ed25519 key pair for signing model bundles. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Creates the keys that sign model bundles.",
        subcommands = {KeysCommand.Generate.class})
final class KeysCommand {

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Writes a new Ed25519 key pair: NAME.key, the private key (PKCS#8 PEM, readable by its owner only),"
                + " which signs bundles (prognos train --sign-key, prognos models sign --key), and NAME.pub, the public key"
                + " (X.509 PEM), which trust lists hold (service config trust.keys, --trust). Never overwrites a file."},
            footer = {"", "Example:", "  prognos keys generate --out keys --name ops-2026",
                "  prognos models sign --registry registry --key keys/ops-2026.key pump@production"})
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec command;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the two files to (created if needed).")
        Path out;

        @Option(names = "--name", description = "File name without extension (default: ${DEFAULT-VALUE}).")
        String name = "prognos";

        @Override
        public Integer call() {
            SigningKey key = SigningKey.generate();
            KeyFiles.Written w = KeyFiles.write(key, out, name);
            var o = command.commandLine().getOut();
            o.println("key " + key.id() + ":");
            o.println("  " + w.privateKey() + "  private: signs bundles; keep it secret (owner-only)");
            o.println("  " + w.publicKey() + "  public: list it under trust.keys or pass it as --trust");
            return 0;
        }
    }
}
