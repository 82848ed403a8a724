package org.prognos.reports.chart;

/**
 * An {@code <svg>} element drawn by {@link InlineSvg}: markup of our own rendering, which a template inserts
 * unescaped ({@code {{{chart}}}}). Only this package makes one, so text from a caller can never pass for it.
 */
public final class Svg {
    private final String markup;

    Svg(String markup) {
        this.markup = markup;
    }

    /** The element's markup, as a template writes it. */
    @Override
    public String toString() {
        return markup;
    }
}
