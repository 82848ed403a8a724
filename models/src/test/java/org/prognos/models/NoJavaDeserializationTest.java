package org.prognos.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The security stance as tests: no code of this module reads objects with Java deserialization, and the Tribuo
 * modules whose model loaders do (LibLinear) are not on the class path.
 */
class NoJavaDeserializationTest {
    static final List<String> FORBIDDEN = List.of("ObjectInputStream", "readObject(", "XMLDecoder");
    /** Comments may talk about what the code avoids. */
    static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void main_sources_never_use_java_deserialization() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    String code = COMMENTS.matcher(Files.readString(p)).replaceAll(" ");
                    return FORBIDDEN.stream().anyMatch(code::contains);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void tribuo_liblinear_is_not_on_the_class_path() {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.tribuo.classification.liblinear.LibLinearClassificationModel"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.tribuo.common.liblinear.LibLinearModel"));
    }
}
