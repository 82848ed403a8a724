package org.prognos.reports;

/**
 * HTML escaping of text from callers (job names, asset ids, sensor names, reasons): safe in element content and in
 * quoted attribute values, in HTML5 and in XML (only XML's entities and a numeric one), so a report stays well-formed
 * XML that a test can parse. Every {@code {{value}}} of a {@link Template} goes through {@link #escape}.
 */
public final class Html {
    private Html() {
    }

    /**
     * Escapes {@code &}, {@code <}, {@code >}, {@code "} and {@code '}; other control characters than newline and
     * tab (not allowed in XML 1.0) become spaces.
     */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
