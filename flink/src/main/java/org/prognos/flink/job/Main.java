package org.prognos.flink.job;

import java.nio.file.Path;
import org.prognos.PrognosException;

/**
 * The job a user submits: {@code flink run prognos-flink-<version>-job.jar job.yaml}. Reads the {@link JobConfig},
 * builds the graph ({@link ScoringJobs}) and runs it until cancelled. A bad config fails here, on the client, with
 * the file, line and column, before anything reaches the cluster.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: flink run prognos-flink-job.jar <job.yaml>");
            System.exit(2);
        }
        JobConfig config;
        try {
            config = JobConfigReader.read(Path.of(args[0]));
        } catch (PrognosException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        var env = ScoringJobs.environment(config);
        ScoringJobs.build(env, config);
        env.execute("prognos scoring " + config.model().reference());
    }
}
