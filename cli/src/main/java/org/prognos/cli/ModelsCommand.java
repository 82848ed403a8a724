package org.prognos.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.prognos.models.bundle.ManifestJson;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.signing.BundleSignature;
import org.prognos.models.signing.BundleSigner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code prognos models list|show|promote|sign}: the registry. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Lists, shows, promotes and signs models in a registry.",
        subcommands = {ModelsCommand.List_.class, ModelsCommand.Show.class, ModelsCommand.Promote.class, ModelsCommand.Sign.class})
final class ModelsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every model, its versions and aliases.")
    static final class List_ implements Callable<Integer> {
        @Spec
        CommandSpec command;

        @Option(names = "--registry", required = true, description = "Registry directory.")
        Path registry;

        @Override
        public Integer call() {
            ModelRegistry r = new ModelRegistry(registry);
            var out = command.commandLine().getOut();
            for (String name : r.list()) {
                Map<String, Integer> aliases = r.aliases(name);
                for (BundleRef v : r.versions(name)) {
                    String tags = aliases.entrySet().stream().filter(e -> e.getValue() == v.version())
                            .map(Map.Entry::getKey).sorted().reduce((a, b) -> a + "," + b).orElse("");
                    var m = r.load(v).manifest();
                    out.printf("%-28s %-12s %s  %s%n", v, tags.isEmpty() ? "" : "@" + tags, m.createdAt(), m.task().getClass().getSimpleName());
                }
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A model's manifest (task, spec hash, provenance, metrics).")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec command;

        @Option(names = "--registry", required = true, description = "Registry directory.")
        Path registry;

        @Parameters(index = "0", description = "Model reference: name, name:VERSION or name@ALIAS.")
        String model;

        @Override
        public Integer call() throws Exception {
            var b = new ModelRegistry(registry).load(model);
            command.commandLine().getOut().println(ManifestJson.write(b.manifest()));
            return 0;
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true, description = "Points an alias (default: production) at a version.")
    static final class Promote implements Callable<Integer> {
        @Spec
        CommandSpec command;

        @Option(names = "--registry", required = true, description = "Registry directory.")
        Path registry;

        @Option(names = "--alias", description = "Alias (default: ${DEFAULT-VALUE}).")
        String alias = "production";

        @Parameters(index = "0", description = "Model reference, e.g. cmapss-fd001-rul:3 or cmapss-fd001-rul@candidate.")
        String model;

        @Override
        public Integer call() {
            ModelRegistry r = new ModelRegistry(registry);
            BundleRef ref = r.resolve(model);
            r.promote(ref.name(), ref.version(), alias);
            command.commandLine().getOut().println(ref + " is now @" + alias);
            return 0;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = {"Signs a published version in place: verifies its checksums, then writes the Ed25519 signature of its"
                + " manifest as signature.json in one atomic rename (a failed sign leaves the version as it was). Replaces"
                + " an older signature: re-sign with a new key to rotate keys."},
            footer = {"", "Example:", "  prognos models sign --registry registry --key keys/ops.key pump@production"})
    static final class Sign implements Callable<Integer> {
        @Spec
        CommandSpec command;

        @Option(names = "--registry", required = true, description = "Registry directory.")
        Path registry;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "Private key (NAME.key from 'prognos keys generate').")
        Path key;

        @Parameters(index = "0", description = "Model reference: name (latest version), name:VERSION or name@ALIAS.")
        String model;

        @Override
        public Integer call() {
            BundleSigner signer = BundleSigner.read(key);
            ModelRegistry r = new ModelRegistry(registry);
            BundleRef ref = r.resolve(model);
            r.sign(ref, signer);
            command.commandLine().getOut().println("signed " + ref + " with key " + signer.keyId() + " ("
                    + r.directory(ref).resolve(BundleSignature.FILE) + ")");
            return 0;
        }
    }
}
