package org.prognos.models.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.prognos.models.InvalidModelNameException;

class ModelReferenceTest {
    static final TreeSet<Integer> VERSIONS = new TreeSet<>(java.util.List.of(1, 2, 4));
    static final Map<String, Integer> ALIASES = Map.of("production", 2, "stale", 3);

    @Test
    void the_three_forms_parse_to_their_cases() {
        assertEquals(new ModelReference.Latest("pump"), ModelReference.parse("pump"));
        assertEquals(new ModelReference.Exact("pump", 3), ModelReference.parse("pump:3"));
        assertEquals(new ModelReference.Alias("pump", "production"), ModelReference.parse("pump@production"));
        assertEquals("pump@production", ModelReference.parse("pump@production").toString());
    }

    @Test
    void each_case_picks_its_version() {
        assertEquals(OptionalInt.of(4), ModelReference.parse("pump").pick(VERSIONS, ALIASES));
        assertEquals(OptionalInt.of(2), ModelReference.parse("pump:2").pick(VERSIONS, ALIASES));
        assertEquals(OptionalInt.empty(), ModelReference.parse("pump:3").pick(VERSIONS, ALIASES));
        assertEquals(OptionalInt.of(2), ModelReference.parse("pump@production").pick(VERSIONS, ALIASES));
        assertEquals(OptionalInt.empty(), ModelReference.parse("pump@stale").pick(VERSIONS, ALIASES));
        assertEquals(OptionalInt.empty(), ModelReference.parse("pump").pick(new TreeSet<>(), ALIASES));
    }

    @Test
    void a_version_that_is_not_a_whole_number_from_1_is_refused() {
        for (String bad : new String[] {"pump:0", "pump:-1", "pump:01", "pump:x", "pump:"}) {
            InvalidModelNameException e = assertThrows(InvalidModelNameException.class, () -> ModelReference.parse(bad));
            assertTrue(e.getMessage().contains("the version must be a whole number from 1"), bad + ": " + e.getMessage());
        }
    }

    @Test
    void path_traversal_in_a_reference_is_refused() {
        InvalidModelNameException e = assertThrows(InvalidModelNameException.class, () -> ModelReference.parse("../etc"));
        assertTrue(e.getMessage().startsWith("model name '../etc' is not allowed"), e.getMessage());
        e = assertThrows(InvalidModelNameException.class, () -> ModelReference.parse("pump@../../x"));
        assertTrue(e.getMessage().startsWith("alias '../../x' is not allowed"), e.getMessage());
    }

    @Test
    void a_reference_with_both_version_and_alias_is_refused() {
        InvalidModelNameException e = assertThrows(InvalidModelNameException.class,
                () -> ModelReference.parse("pump:2@production"));
        assertEquals("model reference 'pump:2@production' has both a version and an alias; use 'name:3' or"
                + " 'name@production'", e.getMessage());
    }
}
