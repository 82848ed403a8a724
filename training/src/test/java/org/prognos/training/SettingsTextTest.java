package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.prognos.training.trainers.TribuoFamily;

/** A job's log names its settings for people, not as a Java record. */
class SettingsTextTest {
    record Inner(int folds) {
    }

    record Settings(int trees, double eta, double lambda, Inner search) {
    }

    @Test
    void a_record_is_written_as_names_and_values_without_its_class() {
        assertEquals("trees 300, eta 0.05, lambda 1.0, search (folds 5)", SettingsText.of(new Settings(300, 0.05, 1, new Inner(5))));
    }

    @Test
    void the_xgboost_settings_of_a_job_read_as_settings() {
        String text = SettingsText.of(TribuoFamily.Xgboost.defaults());
        assertFalse(text.contains("Xgboost") || text.contains("="), text);
        assertTrue(text.startsWith("trees "), text);
    }
}
