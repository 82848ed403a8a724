package org.prognos.spark.partition;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.prognos.features.extract.FeatureTable;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.batch.DatasetScorer;
import org.prognos.models.batch.ScoredRow;
import org.prognos.models.signing.BundleTrust;

/**
 * Scores a partition of feature rows ({@link FleetColumns#features} layout, in the bundle spec's column order) with a
 * published model: the bundle is loaded once per partition from the registry directory (shared storage every
 * executor reads) through {@link DatasetScorer}, the class {@code prognos score} scores with, and rows go to the
 * runtime's scorer {@value #BATCH} at a time. Output rows: {@code asset}, {@code time} (ticks), the scorer's numbers
 * ({@link DatasetScorer#numericColumns()}), {@code band} and {@code alarm}.
 *
 * <p>An anomaly model scored adaptively ({@link DatasetScorer#adaptiveAnomaly()}) is answered as the service answers
 * it: one {@link AdaptiveScorer} per asset of the partition, fed the asset's rows in the order they come, each row
 * answered with its step. That is the service's answer only if they come as {@link AssetFeatures} emits them: all of
 * an asset's rows in one partition, together, in time order, from its first row (the feature job's co-group puts
 * them so, and {@code mapPartitions} keeps that order). An asset whose rows come apart, or out of time order, is
 * refused with an error naming it; a partition holding only a later part of an asset's rows cannot be told apart, so
 * score the feature job's own output, not a table re-read or repartitioned.
 */
public final class RowScores implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 512;

    private final String registry;
    private final String reference;
    private final ArrayList<String> trustedKeys;

    /**
     * @param registry    the registry directory, as every executor sees it
     * @param reference   {@code NAME}, {@code NAME:VERSION} or {@code NAME@ALIAS}
     * @param trustedKeys public key files a bundle must be signed by; none checks checksums only
     */
    public RowScores(String registry, String reference, List<String> trustedKeys) {
        this.registry = registry;
        this.reference = reference;
        this.trustedKeys = new ArrayList<>(trustedKeys);
    }

    /** The layout of the scores, for a model whose numbers are named {@code numericColumns}. */
    public static StructType schema(List<String> numericColumns) {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField(FleetColumns.ASSET, DataTypes.StringType, false));
        f.add(DataTypes.createStructField(FleetColumns.TIME, DataTypes.LongType, false));
        for (String c : numericColumns) {
            f.add(DataTypes.createStructField(c, DataTypes.DoubleType, false));
        }
        f.add(DataTypes.createStructField("band", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("alarm", DataTypes.BooleanType, false));
        return DataTypes.createStructType(f);
    }

    /** Loads the model this function scores with; the caller closes it. */
    public DatasetScorer load() {
        return DatasetScorer.load(Path.of(registry), reference,
                BundleTrust.of(trustedKeys.stream().map(Path::of).toList()));
    }

    @Override
    public Iterator<Row> call(Iterator<Row> features) {
        if (!features.hasNext()) {
            return List.<Row>of().iterator();
        }
        return new Scored(load(), features);
    }

    /** Scores lazily, a batch at a time, and closes the model when the partition is done. */
    private static final class Scored implements Iterator<Row> {
        private final DatasetScorer scorer;
        private final Iterator<Row> features;
        private final List<String> columns;
        private final ArrayDeque<Row> ready = new ArrayDeque<>();
        private final Assets assets;
        private boolean closed;

        Scored(DatasetScorer scorer, Iterator<Row> features) {
            this.scorer = scorer;
            this.features = features;
            this.columns = scorer.extractor().columns();
            this.assets = scorer.adaptiveAnomaly().map(Assets::new).orElse(null);
        }

        @Override
        public boolean hasNext() {
            if (ready.isEmpty() && !closed) {
                fill();
            }
            return !ready.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private void fill() {
            FeatureTable batch = new FeatureTable(columns);
            double[] v = new double[columns.size()];
            while (batch.size() < BATCH && features.hasNext()) {
                Row r = features.next();
                for (int c = 0; c < v.length; c++) {
                    int i = FleetColumns.FIRST_CHANNEL_INDEX + c;
                    v[c] = r.isNullAt(i) ? Double.NaN : r.getDouble(i);
                }
                batch.row(r.getString(0), r.getLong(FleetColumns.TIME_INDEX), v);
            }
            if (batch.size() > 0) {
                List<ScoredRow> scored = assets == null ? scorer.score(batch, 0, batch.size(), 0)
                        : scorer.score(batch, 0, batch.size(), 0, assets.steps(batch));
                for (int i = 0; i < scored.size(); i++) {
                    ready.add(row(batch.asset(i), batch.time(i), scored.get(i)));
                }
            }
            if (!features.hasNext()) {
                scorer.close();
                closed = true;
            }
        }

        /** The partition's adaptive scorers: the current asset's, and the assets done (whose rows must not come back). */
        private static final class Assets {
            private final AnomalyModel model;
            private final Set<String> done = new HashSet<>();
            private String asset;
            private AdaptiveScorer scorer;
            private long last;

            Assets(AnomalyModel model) {
                this.model = model;
            }

            /** Each row's step, the rows fed to their assets' scorers in order. */
            AdaptiveScorer.Step[] steps(FeatureTable batch) {
                AdaptiveScorer.Step[] steps = new AdaptiveScorer.Step[batch.size()];
                for (int i = 0; i < steps.length; i++) {
                    String a = batch.asset(i);
                    long t = batch.time(i);
                    if (!a.equals(asset)) {
                        if (asset != null) {
                            done.add(asset);
                        }
                        if (done.contains(a)) {
                            throw new IllegalStateException("asset " + a + "'s feature rows are not together in the partition:"
                                    + " an adaptive model scores each asset's rows in time order from its first one; score the"
                                    + " feature job's own output (FleetFeatures.extract), not a re-read or repartitioned table");
                        }
                        asset = a;
                        // with the asset's own scaling, if the model has one
                        scorer = new AdaptiveScorer(model.forAsset(Optional.of(a)), model.adaptive().orElseThrow());
                    } else if (t <= last) {
                        throw new IllegalStateException("asset " + a + "'s feature rows are not in time order (" + t
                                + " after " + last + "): an adaptive model scores each asset's rows in time order");
                    }
                    last = t;
                    steps[i] = scorer.next(t, batch.row(i));
                }
                return steps;
            }
        }

        private static Row row(String asset, long time, ScoredRow s) {
            Object[] cells = new Object[s.count() + 4];
            cells[0] = asset;
            cells[1] = time;
            for (int i = 0; i < s.count(); i++) {
                cells[i + 2] = s.number(i);
            }
            cells[cells.length - 2] = s.band();
            cells[cells.length - 1] = s.alarm();
            return RowFactory.create(cells);
        }
    }
}
