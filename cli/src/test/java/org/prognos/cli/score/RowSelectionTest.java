package org.prognos.cli.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The times each selection evaluates an asset at, on both sides of the strict / inclusive rule. */
class RowSelectionTest {
    static final boolean STRICT = true;

    @Test
    void a_grid_point_takes_the_readings_of_the_stride_before_it() {
        RowSelection.Grid g = new RowSelection.Grid(10, 0);
        assertEquals(10, g.pointOf(0, STRICT), "strict: a reading at 0 counts for the row at 10, not at 0");
        assertEquals(10, g.pointOf(9, STRICT));
        assertEquals(0, g.pointOf(0, !STRICT), "inclusive: a reading at 0 counts for the row at 0");
        assertEquals(10, g.pointOf(10, !STRICT));
        assertEquals(20, g.pointOf(11, !STRICT));
        assertEquals(-10, g.pointOf(-11, STRICT), "before the anchor too");
        assertEquals(3, new RowSelection.Grid(10, 3).pointOf(3, !STRICT));
        assertEquals(13, new RowSelection.Grid(10, 3).pointOf(4, !STRICT));
    }

    @Test
    void a_grid_point_is_due_when_the_next_reading_no_longer_counts_for_it() {
        RowSelection.Grid g = new RowSelection.Grid(10, 0);
        assertEquals(RowSelection.NONE, g.dueBefore(3, 9, STRICT));
        assertEquals(10, g.dueBefore(3, 10, STRICT));
        assertEquals(RowSelection.NONE, g.dueBefore(3, 10, !STRICT));
        assertEquals(10, g.dueBefore(3, 11, !STRICT));
        assertEquals(10, g.dueBefore(3, 95, STRICT), "a gap: the point after the previous reading, the empty ones skipped");
    }

    @Test
    void as_of_keeps_what_the_service_keeps_and_last_is_just_after_the_last_reading() {
        RowSelection.AsOf a = new RowSelection.AsOf(100);
        assertTrue(a.keeps(99, STRICT));
        assertFalse(a.keeps(100, STRICT));
        assertTrue(a.keeps(100, !STRICT));
        assertEquals(100, a.atEnd(42, STRICT));
        assertEquals(43, new RowSelection.Last().atEnd(42, STRICT));
        assertEquals(42, new RowSelection.Last().atEnd(42, !STRICT));
    }
}
