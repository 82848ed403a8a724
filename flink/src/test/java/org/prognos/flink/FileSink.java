package org.prognos.flink;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that writes every element, as it comes, to a file of its own per writer under {@code directory} (Java
 * serialization, flushed per element). At least once, like a real sink without transactions: after a restore, what
 * was written since the checkpoint is written again by a new writer, and both copies stay on disk to be counted.
 */
record FileSink<T extends Serializable>(String directory) implements Sink<T> {
    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        Path file = Files.createDirectories(Path.of(directory)).resolve(UUID.randomUUID() + ".bin");
        ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) throws IOException {
                out.writeObject(element);
                out.flush();
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    /** Everything written under {@code directory}, writer by writer. */
    @SuppressWarnings("unchecked")
    static <T> List<T> written(Path directory) {
        List<T> all = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return all;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.sorted().toList()) {
                try (InputStream raw = Files.newInputStream(f); ObjectInputStream in = new ObjectInputStream(raw)) {
                    while (true) {
                        all.add((T) in.readObject());
                    }
                } catch (EOFException | StreamCorruptedException end) {
                    // end of this writer's file
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }
}
