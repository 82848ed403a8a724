package org.prognos.features.synthetic;

import java.util.Objects;
import org.prognos.features.InvalidSpecException;

/**
 * How a synthetic fleet is written to disk. The bytes written do not depend on {@code threads}: elements
 * are generated in parallel but written in order.
 *
 * @param compression plain CSV or gzip (applies to every CSV file; README.txt stays plain)
 * @param threads     threads generating and formatting elements, 1 to 256; with 1, output streams row by
 *                    row, with more, each thread holds one element's formatted output at a time
 */
public record WriteOptions(Compression compression, int threads) {

    /** File compression. */
    public enum Compression {
        /** Plain {@code .csv} files. */
        NONE(""),
        /**
         * Gzip at the fastest deflate level ({@code .csv.gz}): formatting, not compression, stays the
         * bottleneck. The uncompressed content is identical across platforms; the compressed bytes are
         * identical for the same JVM (and its zlib).
         */
        GZIP(".gz");

        private final String suffix;

        Compression(String suffix) {
            this.suffix = suffix;
        }

        /** What the file name gets after {@code .csv}. */
        public String suffix() {
            return suffix;
        }
    }

    public WriteOptions {
        Objects.requireNonNull(compression, "compression");
        if (threads < 1 || threads > 256) {
            throw new InvalidSpecException("write.threads must be between 1 and 256, found " + threads);
        }
    }

    /** Plain CSV, one thread. */
    public static WriteOptions plainCsv() {
        return new WriteOptions(Compression.NONE, 1);
    }

    /** Gzip-compressed CSV, one thread. */
    public static WriteOptions gzip() {
        return new WriteOptions(Compression.GZIP, 1);
    }

    /** These options with another number of threads. */
    public WriteOptions withThreads(int n) {
        return new WriteOptions(compression, n);
    }
}
