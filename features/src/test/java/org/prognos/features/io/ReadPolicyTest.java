package org.prognos.features.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadPolicyTest {

    @Test
    void defaults_keep_nan_keep_first_fail_on_disorder_and_ignore_unknown_assets() {
        ReadPolicy p = ReadPolicy.defaults();
        assertEquals(ReadPolicy.MissingValues.KEEP_NAN, p.missingValues());
        assertEquals(ReadPolicy.Duplicates.KEEP_FIRST, p.duplicates());
        assertEquals(ReadPolicy.OutOfOrder.FAIL, p.outOfOrder());
        assertEquals(ReadPolicy.UnknownAssets.IGNORE, p.unknownAssets());
    }

    @Test
    void strict_fails_on_everything() {
        assertEquals(new ReadPolicy(ReadPolicy.MissingValues.FAIL, ReadPolicy.Duplicates.FAIL,
                ReadPolicy.OutOfOrder.FAIL, ReadPolicy.UnknownAssets.FAIL), ReadPolicy.strict());
    }

    @Test
    void withers_change_one_policy_only() {
        ReadPolicy p = ReadPolicy.defaults().withDuplicates(ReadPolicy.Duplicates.KEEP_LAST)
                .withMissingValues(ReadPolicy.MissingValues.CARRY_FORWARD)
                .withOutOfOrder(ReadPolicy.OutOfOrder.DROP)
                .withUnknownAssets(ReadPolicy.UnknownAssets.FAIL);
        assertEquals(new ReadPolicy(ReadPolicy.MissingValues.CARRY_FORWARD, ReadPolicy.Duplicates.KEEP_LAST,
                ReadPolicy.OutOfOrder.DROP, ReadPolicy.UnknownAssets.FAIL), p);
    }

    @Test
    void rejects_a_missing_part() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new ReadPolicy(null, ReadPolicy.Duplicates.FAIL, ReadPolicy.OutOfOrder.FAIL, ReadPolicy.UnknownAssets.FAIL));
        assertEquals("missingValues", e.getMessage());
    }

    @Test
    void provenance_lists_every_policy_in_order() {
        Map<String, String> m = ReadPolicy.defaults().provenance();
        assertEquals(List.of("missingValues", "duplicates", "outOfOrder", "unknownAssets"), List.copyOf(m.keySet()));
        assertEquals("KEEP_FIRST", m.get("duplicates"));
    }
}
