package org.prognos.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.samskivert.mustache.MustacheException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplateTest {
    record Item(String name, String css) {
    }

    record Page(String title, Optional<String> note, List<Item> items, Object chart) {
    }

    static final Template GREETING = Template.load(TemplateTest.class, "greeting");

    @Test
    void values_are_escaped_and_standalone_section_lines_leave_no_blank_line() {
        String html = GREETING.render(new Page("<a & \"b\" 'c'>", Optional.of("x<y"),
                List.of(new Item("one", ""), new Item("two", "best")), "<svg/>"));
        assertEquals("""
                <h1>&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;</h1>
                <p class="note">x&lt;y</p>
                <ul>
                <li>one</li>
                <li class="best">two</li>
                </ul>
                <svg/>
                """, html);
    }

    @Test
    void an_empty_optional_renders_the_inverted_section() {
        String html = GREETING.render(new Page("t", Optional.empty(), List.of(), ""));
        assertEquals("<h1>t</h1>\n<p>no note</p>\n<ul>\n</ul>\n\n", html);
    }

    @Test
    void control_characters_become_spaces() {
        assertEquals("a b\tc\nd", Html.escape("a\u0001b\tc\nd"));
    }

    @Test
    void a_name_missing_from_the_view_fails_the_rendering() {
        Template typo = Template.load(TemplateTest.class, "typo");
        MustacheException e = assertThrows(MustacheException.class, () -> typo.render(new Item("a", "b")));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void a_missing_template_or_resource_is_named() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Template.load(TemplateTest.class, "absent"));
        assertEquals("resource absent.mustache is missing beside org.prognos.reports.TemplateTest", e.getMessage());
        assertEquals("body{color:#222}\n", Template.text(TemplateTest.class, "sample.css"));
    }
}
