package org.prognos.reports;

import com.samskivert.mustache.DefaultCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;

/**
 * A Mustache template of a report, compiled once from a class-path resource beside the class that owns the report,
 * and rendered from a view model of records.
 *
 * <p>The rules the reports rely on:
 * <ul>
 *   <li>{@code {{name}}} writes text escaped by {@link Html#escape}; {@code {{{name}}}} writes it as is, and is used
 *       only for markup of our own: an {@link org.prognos.reports.chart.Svg} chart or a style sheet read with
 *       {@link #text}.</li>
 *   <li>A missing name is an error when rendering, not an empty string: a typo in a template fails the tests.</li>
 *   <li>{@code {{#x}}…{{/x}}} renders once for {@code true}, a present {@link Optional} (its value in scope) or each
 *       element of a list, and not at all for {@code false}, an empty {@code Optional}, an empty list or an empty
 *       string.</li>
 *   <li>{@code {{> name}}} includes the template {@code name.mustache} of the same directory.</li>
 * </ul>
 * Instances are immutable and may render from several threads.
 */
public final class Template {
    private static final String SUFFIX = ".mustache";

    private final com.samskivert.mustache.Template compiled;

    private Template(com.samskivert.mustache.Template compiled) {
        this.compiled = compiled;
    }

    /**
     * Compiles the template {@code name} (without {@value #SUFFIX}) kept in the package directory of {@code owner},
     * e.g. {@code src/main/resources/org/prognos/training/evaluation/report.mustache}.
     *
     * @throws IllegalStateException when the template is missing or does not compile (a packaging mistake)
     */
    public static Template load(Class<?> owner, String name) {
        Mustache.Compiler compiler = Mustache.compiler()
                .withEscaper(Html::escape)
                .emptyStringIsFalse(true)
                .withCollector(new OptionalCollector())
                .withLoader(partial -> new StringReader(text(owner, partial + SUFFIX)));
        try {
            return new Template(compiler.compile(text(owner, name + SUFFIX)));
        } catch (MustacheException e) {
            throw new IllegalStateException("template " + name + SUFFIX + " of " + owner.getName()
                    + " does not compile: " + e.getMessage(), e);
        }
    }

    /**
     * The UTF-8 text of the resource {@code file} in the package directory of {@code owner}: a style sheet that a
     * template writes with {@code {{{css}}}}.
     *
     * @throws IllegalStateException when the resource is missing
     */
    public static String text(Class<?> owner, String file) {
        try (InputStream in = owner.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("resource " + file + " is missing beside " + owner.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + file + " of " + owner.getName(), e);
        }
    }

    /** The document for {@code view}, whose record components (and no-argument methods) the template names. */
    public String render(Object view) {
        return compiled.execute(view);
    }

    /** Lets a section iterate an {@link Optional} as zero or one value. */
    private static final class OptionalCollector extends DefaultCollector {
        @Override
        public Iterator<?> toIterator(Object value) {
            if (value instanceof Optional<?> o) {
                return o.stream().iterator();
            }
            return super.toIterator(value);
        }
    }
}
