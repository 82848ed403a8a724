package org.prognos.training;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;
import org.prognos.PrognosException;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.training.data.LabeledRows;

/**
 * A job's rows after the split: the spec fitted on the training side only, and the labelled rows of each side.
 *
 * @param fitted      the spec, fitted on the training assets (or period) only
 * @param all         every labelled row of the training data, as the training labeler labels it
 * @param train       rows the model learns from
 * @param validation  rows that choose a classifier's threshold; empty when nothing is tuned on them
 * @param test        rows the reported metrics are computed on, labelled with the uncapped truth
 * @param description the split in words, as the log, metrics.json and provenance state it
 * @param heldOut     the whole assets held out for test, recorded in metrics.json so that {@code prognos evaluate
 *                    --held-out} scores exactly them; empty when the split is by time or the test set is separate
 */
record SplitPlan(FeatureSpec fitted, LabeledRows all, LabeledRows train, LabeledRows validation, LabeledRows test,
                 String description, HeldOutAssets heldOut) {

    /** SHA-256 over every labelled row's asset, time and label: identifies the data a model saw. */
    String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < all.size(); i++) {
                md.update(all.assets()[i].getBytes(StandardCharsets.UTF_8));
                md.update(ByteBuffer.allocate(16).putLong(all.times()[i]).putDouble(all.y()[i]).array());
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses data that holds no labelled row at all. */
    static void requireLabelled(LabeledRows all) {
        if (all.size() == 0) {
            throw new PrognosException("no labelled rows: the data holds no rows whose label is known (check the task and the failure log)");
        }
    }

    /** The plan with only each test asset's last row: the C-MAPSS protocol. */
    SplitPlan lastPerAsset() {
        return new SplitPlan(fitted, all, train, validation, test.lastPerAsset(), description, heldOut);
    }

    /** Logs the split and the row counts, then refuses a side left empty. */
    SplitPlan logAndCheck(Consumer<String> log, String testSet, boolean withValidation) {
        log.accept("split " + description + testSet);
        log.accept(withValidation
                ? String.format(Locale.ROOT, "rows: %d training, %d validation, %d test; %d features", train.size(),
                        validation.size(), test.size(), all.columns().size())
                : String.format(Locale.ROOT, "rows: %d training, %d test; %d features", train.size(), test.size(),
                        all.columns().size()));
        if (train.size() == 0 || test.size() == 0) {
            throw new PrognosException("the split leaves " + train.size() + " training and " + test.size()
                    + " test rows; both must be non-empty (check 'split')");
        }
        return this;
    }
}
