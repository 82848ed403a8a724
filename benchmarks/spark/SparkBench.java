import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * One timed run of a Prognos Spark job (FeaturesJob or ScoreJob, exactly as spark-submit runs its main) in local mode,
 * with the memory it took: run by benchmarks/spark/run.sh as a single-file program
 * ({@code java -cp CLASSPATH -Dspark.master=local[N] benchmarks/spark/SparkBench.java features|score ARGS...}).
 *
 * <p>Prints one line: the job's seconds (from the first line of the job's main, the Spark session already started),
 * the peak heap used (sampled every 20 ms), the peak heap live after a collection (old-generation usage after GC),
 * and the largest peak execution memory of a task (Spark's task metric: sort and shuffle buffers) with the task count.
 */
public final class SparkBench {
    public static void main(String[] args) throws Exception {
        String job = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        AtomicLong heapPeak = new AtomicLong();
        AtomicLong livePeak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            var pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null).toList();
            while (!Thread.currentThread().isInterrupted()) {
                heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                long live = 0;
                for (MemoryPoolMXBean p : pools) {
                    live += p.getCollectionUsage().getUsed();
                }
                livePeak.accumulateAndGet(live, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        AtomicLong taskPeak = new AtomicLong();
        AtomicLong tasks = new AtomicLong();
        SparkSession spark = SparkSession.builder().appName("prognos-bench").config("spark.ui.enabled", "false")
                .getOrCreate();   // the job's own getOrCreate finds this session and stops it at the end
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                tasks.incrementAndGet();
                if (end.taskMetrics() != null) {
                    taskPeak.accumulateAndGet(end.taskMetrics().peakExecutionMemory(), Math::max);
                }
            }
        });
        String master = spark.sparkContext().master();
        sampler.start();
        long t0 = System.nanoTime();
        switch (job) {
            case "features" -> org.prognos.spark.FeaturesJob.main(rest);
            case "score" -> org.prognos.spark.ScoreJob.main(rest);
            default -> throw new IllegalArgumentException("features or score, not " + job);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        System.out.printf(Locale.ROOT, "RESULT job=%s master=%s seconds=%.2f heap_peak_mb=%.0f live_heap_peak_mb=%.0f"
                        + " task_peak_execution_mb=%.1f tasks=%d%n", job, master, seconds, heapPeak.get() / 1048576.0,
                livePeak.get() / 1048576.0, taskPeak.get() / 1048576.0, tasks.get());
    }
}
