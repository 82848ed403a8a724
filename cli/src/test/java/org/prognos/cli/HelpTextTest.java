package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Picocli prints each element of a description on a line of its own and wraps it there: an element that stops
 * mid-sentence breaks the help text's lines in the middle of a sentence. Every element must end one.
 */
class HelpTextTest {
    @Test
    void every_description_element_of_every_command_and_option_ends_a_sentence() {
        List<String> fragments = new ArrayList<>();
        collect(new CommandLine(new Prognos()).getCommandSpec(), fragments);
        assertEquals(List.of(), fragments, "description elements that stop mid-sentence (join them with +)");
    }

    private static void collect(CommandSpec command, List<String> fragments) {
        check(command.qualifiedName(), command.usageMessage().description(), fragments);
        for (ArgSpec arg : command.args()) {
            check(command.qualifiedName() + " " + arg.paramLabel(), arg.description(), fragments);
        }
        command.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), fragments));
    }

    private static void check(String where, String[] description, List<String> fragments) {
        for (String element : description) {
            String text = element.strip().replaceAll("(%n)+$", "");   // picocli's own help command ends its with a line break
            if (!text.isEmpty() && ".:!?)".indexOf(text.charAt(text.length() - 1)) < 0) {
                fragments.add(where + ": \"" + text + "\"");
            }
        }
    }
}
