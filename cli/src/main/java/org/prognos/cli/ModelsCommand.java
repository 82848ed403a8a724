package org.prognos.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.prognos.FileProblems;
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
            java.util.List<java.util.List<String>> rows = new ArrayList<>();
            rows.add(java.util.List.of("VERSION", "ALIASES", "CREATED", "TASK"));
            for (String name : r.list()) {
                Map<String, Integer> aliases = r.aliases(name);
                for (BundleRef v : r.versions(name)) {
                    String tags = aliases.entrySet().stream().filter(e -> e.getValue() == v.version())
                            .map(e -> "@" + e.getKey()).sorted().collect(Collectors.joining(" "));
                    var m = r.load(v).manifest();
                    rows.add(java.util.List.of(v.toString(), tags.isEmpty() ? "-" : tags, m.createdAt().toString(), m.task().typeName()));
                }
            }
            if (rows.size() == 1) {
                command.commandLine().getOut().println("no models in " + FileProblems.absolute(registry));
                return 0;
            }
            columns(rows).forEach(command.commandLine().getOut()::println);
            return 0;
        }

        /** Rows as lines of left-aligned columns, each as wide as its widest cell, two spaces apart. */
        static java.util.List<String> columns(java.util.List<java.util.List<String>> rows) {
            int[] width = new int[rows.get(0).size()];
            rows.forEach(row -> {
                for (int i = 0; i < width.length; i++) {
                    width[i] = Math.max(width[i], row.get(i).length());
                }
            });
            return rows.stream().map(row -> {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < width.length; i++) {
                    line.append(i == width.length - 1 ? row.get(i) : String.format(Locale.ROOT, "%-" + (width[i] + 2) + "s", row.get(i)));
                }
                return line.toString().stripTrailing();
            }).toList();
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
