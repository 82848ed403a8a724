package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation reads in a clone of the repository: every Markdown file (README.md, docs/, each module's README
 * and the other notes; build output skipped) keeps its links and paths inside the repository. Three kinds of
 * reference fail:
 * <ul>
 *   <li>a relative Markdown link ({@code [text](path)} or {@code [label]: path}) that leaves the repository, names a
 *       file or directory that does not exist, or names a heading ({@code file.md#anchor}, {@code #anchor}) that the
 *       Markdown file does not have;</li>
 *   <li>a relative path in the text or in a command ({@code ../something}) that, from the file's directory, climbs out
 *       of the repository or names nothing that exists (up to a placeholder such as {@code ...} or {@code {name}}) —
 *       except in {@code yaml} and {@code json} blocks, whose paths are relative to the config file they show;</li>
 *   <li>an absolute path into the development machine's checkout layout ({@code /work/...}), which no clone has.</li>
 * </ul>
 * URLs ({@code https:}, {@code mailto:}) are not checked.
 */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(\\s.*)?$");
    private static final Pattern CLIMB = Pattern.compile("(?<![\\w./-])((?:\\.\\./)+[\\w.{}*-][\\w./{}*-]*|(?:\\.\\./)+)");
    private static final Pattern CHECKOUT = Pattern.compile("(?<![\\w./:-])(/work/[\\w./-]*)");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)\\s*([\\w-]*).*$");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Set<String> CONFIG_FENCES = Set.of("yaml", "yml", "json");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules", ".git", ".mvn");

    /** One reference that leaves the repository or points at nothing: file, line and what is wrong. */
    record Problem(Path file, int line, String reference, String why) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + reference + " (" + why + ")";
        }
    }

    @Test
    void every_markdown_file_keeps_its_links_and_paths_inside_the_repository() throws IOException {
        Path root = WalkthroughsTest.ROOT;
        List<Path> files = markdownFiles(root);
        assertTrue(files.contains(root.resolve("README.md")) && files.contains(root.resolve("docs/benchmarks.md"))
                && files.contains(root.resolve("inference/README.md")), "the scan sees the top README, docs/ and module READMEs: " + files);
        List<Problem> problems = new ArrayList<>();
        for (Path f : files) {
            problems.addAll(check(root, f, Files.readString(f)));
        }
        assertTrue(problems.isEmpty(), problems.size() + " references leave the repository or point at nothing:\n"
                + String.join("\n", problems.stream().map(Problem::toString).toList()));
    }

    /** Synthetic Markdown (an edge-case fixture, not project docs) proves the checker fails on each kind it names. */
    @Test
    void the_checker_reports_links_out_of_the_repository_missing_files_climbing_paths_and_checkout_paths(@TempDir Path tmp)
            throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve("docs"));
        Files.writeString(repo.resolve("docs/present.md"), "# Top\n\n## The `peers`: what they are\n");
        Files.writeString(repo.resolve("README.md"), "x");
        Path doc = repo.resolve("docs/guide.md");
        String text = String.join("\n",
                "# Here",
                "Fine: [present](present.md#top), [peers](present.md#the-peers-what-they-are), [site](https://example.org/a/../b),",
                "[anchor](#here), `../README.md`; not: [old](present.md#peers-issue-2), [gone](#there).",
                "Out: [peer](../../shared/peers/x.py) and [gone](missing.md).",
                "[ref]: ../../outside.md",
                "Peers: `python3 ../shared/peers/features.py --data ../notebooks-data/{name}/`.",
                "Run `python3 ../../shared/peers/serve.py` or read /work/shared/DESIGN.md.",
                "```yaml",
                "registry: ../../../registry",
                "```",
                "```bash",
                "java -jar ../../../x.jar",
                "```");
        Files.writeString(doc, text);
        List<Problem> found = check(repo, doc, text);
        assertEquals(List.of(
                "3 present.md#peers-issue-2 names a missing heading",
                "3 #there names a missing heading",
                "4 ../../shared/peers/x.py leaves the repository",
                "4 missing.md names a missing file",
                "5 ../../outside.md leaves the repository",
                "6 ../shared/peers/features.py names a missing file",
                "6 ../notebooks-data/{name}/ names a missing file",
                "7 ../../shared/peers/serve.py leaves the repository",
                "7 /work/shared/DESIGN.md is a path of the development checkout",
                "12 ../../../x.jar leaves the repository"),
                found.stream().map(p -> p.line() + " " + p.reference() + " " + p.why()).toList());
    }

    static List<Path> markdownFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> root.relativize(p).getNameCount() == 1 || !skipped(root.relativize(p).getParent()))
                    .sorted()
                    .toList();
        }
    }

    private static boolean skipped(Path relativeDir) {
        for (Path part : relativeDir) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    static List<Problem> check(Path root, Path file, String text) {
        Path dir = file.getParent();
        List<Problem> problems = new ArrayList<>();
        String fence = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int n = i + 1;
            Matcher fm = FENCE.matcher(line);
            if (fm.matches()) {
                fence = fence == null ? fm.group(2).toLowerCase() : null;
                continue;
            }
            boolean configBlock = fence != null && CONFIG_FENCES.contains(fence);
            String rest = line;
            if (fence == null) {
                rest = links(root, file, dir, line, n, problems);
            }
            if (!configBlock) {
                Matcher climb = CLIMB.matcher(rest);
                while (climb.find()) {
                    String path = climb.group(1);
                    Path resolved = dir.resolve(concrete(path));
                    if (!inside(root, resolved)) {
                        problems.add(new Problem(file, n, path, "leaves the repository"));
                    } else if (!Files.exists(resolved)) {
                        problems.add(new Problem(file, n, path, "names a missing file"));
                    }
                }
            }
            Matcher checkout = CHECKOUT.matcher(rest);
            while (checkout.find()) {
                problems.add(new Problem(file, n, checkout.group(1).replaceFirst("[.]+$", ""), "is a path of the development checkout"));
            }
        }
        return problems;
    }

    /** Checks the line's Markdown links and returns the line with their targets blanked out. */
    private static String links(Path root, Path file, Path dir, String line, int n, List<Problem> problems) {
        StringBuilder rest = new StringBuilder(line);
        List<Matcher> matchers = List.of(LINK.matcher(line), REFERENCE.matcher(line));
        for (Matcher m : matchers) {
            while (m.find()) {
                String target = m.group(1);
                for (int k = m.start(1); k < m.end(1); k++) {
                    rest.setCharAt(k, ' ');
                }
                if (SCHEME.matcher(target).find()) {
                    continue;
                }
                String path = target.replaceFirst("[#?].*$", "");
                int hash = target.indexOf('#');
                String fragment = hash < 0 ? "" : target.substring(hash + 1);
                Path resolved = path.isEmpty() ? file : path.startsWith("/") ? root.resolve(path.substring(1)) : dir.resolve(path);
                if (!inside(root, resolved)) {
                    problems.add(new Problem(file, n, target, "leaves the repository"));
                } else if (!Files.exists(resolved)) {
                    problems.add(new Problem(file, n, target, "names a missing file"));
                } else if (!fragment.isEmpty() && resolved.toString().endsWith(".md") && !anchors(resolved).contains(fragment)) {
                    problems.add(new Problem(file, n, target, "names a missing heading"));
                }
            }
        }
        return rest.toString();
    }

    /**
     * The anchors GitHub gives the headings of a Markdown file: the heading's text without markup, lower case, without
     * punctuation, spaces as hyphens, a repeated one suffixed {@code -1}, {@code -2}, ….
     */
    static Set<String> anchors(Path markdown) {
        String text;
        try {
            text = Files.readString(markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + markdown, e);
        }
        Set<String> anchors = new HashSet<>();
        boolean inFence = false;
        for (String line : text.split("\n")) {
            if (FENCE.matcher(line).matches()) {
                inFence = !inFence;
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (!inFence && h.matches()) {
                String slug = h.group(1).strip().replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                String unique = slug;
                for (int k = 1; anchors.contains(unique); k++) {
                    unique = slug + "-" + k;
                }
                anchors.add(unique);
            }
        }
        return anchors;
    }

    /** The path up to its first placeholder segment ({@code ...}, {@code {name}}, {@code *}), without a trailing dot. */
    static String concrete(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.equals("...") || segment.contains("{") || segment.contains("*")) {
                break;
            }
            out.append(segment).append('/');
        }
        String s = out.toString().replaceFirst("/+$", "");
        String last = s.substring(s.lastIndexOf('/') + 1);
        if (last.endsWith(".") && !last.equals("..") && !last.equals(".")) {
            s = s.replaceFirst("\\.+$", "");
        }
        return s.isEmpty() ? "." : s;
    }

    private static boolean inside(Path root, Path p) {
        return p.normalize().startsWith(root.normalize());
    }
}
