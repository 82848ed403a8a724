package org.prognos.models.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.prognos.models.PredictionException;
import org.prognos.models.predict.ModelInfo;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;

/**
 * Combines concurrent predictions into one call of the wrapped predictor (flat combining). A model's batch call
 * has a large fixed cost (an XGBoost call builds a native matrix and takes the booster's lock, about 0.2 ms) and a
 * small cost per row (a few µs), so under load one call for several requests' rows is much cheaper than one call
 * each; rows are scored independently, so every request gets exactly the numbers a call of its own would give.
 *
 * <p>How: a request adds its rows to the pending list, then takes the lock. Whoever holds the lock runs one call
 * for every pending request (up to {@value #MAX_ROWS} rows) and hands each its share; a request whose rows were
 * scored while it waited for the lock just returns. When nothing else is pending, a request runs its own call at
 * once, so an idle service adds no latency. The pending list holds at most one entry per request thread, and the
 * request threads are bounded by the server's thread pool.
 *
 * <p>Each row keeps its asset ({@link Predictor#predict(double[][], List)}) in the combined call, so a model that scales
 * each asset by its own gets the right one.
 *
 * <p>If a combined call fails, each request's rows are retried alone, so a bad row fails only its own request.
 */
public final class CombiningPredictor implements Predictor {
    /** Most rows in one combined call. */
    public static final int MAX_ROWS = 4096;

    private final Predictor inner;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Job> pending = new ArrayList<>();

    private static final class Job {
        final double[][] rows;
        final List<Optional<String>> assets;
        Predictions result;
        RuntimeException error;
        boolean done;

        Job(double[][] rows, List<Optional<String>> assets) {
            this.rows = rows;
            this.assets = assets;
        }
    }

    public CombiningPredictor(Predictor inner) {
        this.inner = inner;
    }

    @Override
    public ModelInfo info() {
        return inner.info();
    }

    @Override
    public Predictions predict(double[][] featureRows) {
        return predict(featureRows, Collections.nCopies(featureRows.length, Optional.empty()));
    }

    @Override
    public Predictions predict(double[][] featureRows, List<Optional<String>> assets) {
        if (assets.size() != featureRows.length) {
            throw new PredictionException(featureRows.length + " rows and " + assets.size() + " assets");
        }
        Job job = new Job(featureRows, assets);
        synchronized (pending) {
            pending.add(job);
        }
        lock.lock();
        try {
            while (!job.done) {
                runPending();
            }
        } finally {
            lock.unlock();
        }
        if (job.error != null) {
            throw job.error;
        }
        return job.result;
    }

    /** Scores pending jobs (up to MAX_ROWS rows, at least one job) with one call. Holds the lock. */
    private void runPending() {
        List<Job> batch = new ArrayList<>();
        int rows = 0;
        synchronized (pending) {
            while (!pending.isEmpty() && (batch.isEmpty() || rows + pending.get(0).rows.length <= MAX_ROWS)) {
                Job j = pending.remove(0);
                batch.add(j);
                rows += j.rows.length;
            }
        }
        if (batch.size() == 1) {
            runAlone(batch.get(0));
            return;
        }
        double[][] all = new double[rows][];
        List<Optional<String>> assets = new ArrayList<>(rows);
        int at = 0;
        for (Job j : batch) {
            System.arraycopy(j.rows, 0, all, at, j.rows.length);
            assets.addAll(j.assets);
            at += j.rows.length;
        }
        Predictions p;
        try {
            p = inner.predict(all, assets);
        } catch (RuntimeException e) {
            batch.forEach(this::runAlone);
            return;
        }
        at = 0;
        for (Job j : batch) {
            j.result = slice(p, at, j.rows.length);
            j.done = true;
            at += j.rows.length;
        }
    }

    private void runAlone(Job j) {
        try {
            j.result = inner.predict(j.rows, j.assets);
        } catch (RuntimeException e) {
            j.error = e;
        }
        j.done = true;
    }

    private static Predictions slice(Predictions p, int from, int n) {
        if (p instanceof Predictions.Probabilities pr) {
            double[][] all = pr.probabilities();
            double[][] part = new double[n][];
            System.arraycopy(all, from, part, 0, n);
            return new Predictions.Probabilities(pr.classes(), part);
        }
        if (p instanceof Predictions.Values v) {
            double[] part = new double[n];
            System.arraycopy(v.values(), from, part, 0, n);
            return new Predictions.Values(part);
        }
        if (p instanceof Predictions.Anomalies a) {
            return a.slice(from, n);
        }
        throw new PredictionException("unknown predictions " + p);
    }

    @Override
    public void close() {
        inner.close();
    }
}
