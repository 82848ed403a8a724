package org.prognos.features.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.prognos.features.InvalidTelemetryException;

/** Opening files the same way everywhere: {@code .gz} decompressed, UTF-8, a leading byte-order mark skipped. */
final class TextInput {
    static final int BUFFER = 1 << 16;

    private TextInput() {
    }

    /** The name used in messages: the file name without its directory. */
    static String name(Path file) {
        Path f = file.getFileName();
        return f == null ? file.toString() : f.toString();
    }

    /** The raw bytes of {@code file}, gunzipped when the name ends in {@code .gz}. */
    static InputStream bytes(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        if (!name(file).endsWith(".gz")) {
            return in;
        }
        try {
            return new GZIPInputStream(in, BUFFER);
        } catch (ZipException e) {
            in.close();
            throw new InvalidTelemetryException(name(file), 0, 0,
                    "expected gzip data (the name ends in .gz): " + e.getMessage());
        }
    }

    /** UTF-8 text of {@code file}, without the byte-order mark some tools write first. */
    static Reader reader(Path file) throws IOException {
        return reader(bytes(file));
    }

    /** UTF-8 text of a stream, without a leading byte-order mark. */
    static Reader reader(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 3);
        byte[] head = new byte[3];
        int n = p.readNBytes(head, 0, 3);
        boolean bom = n == 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF;
        if (!bom && n > 0) {
            p.unread(head, 0, n);
        }
        return new InputStreamReader(p, StandardCharsets.UTF_8);
    }

    /** {@code dir/name}, or {@code dir/name.gz} when only the compressed file exists. */
    static Path find(Path dir, String name) throws NoSuchFileException {
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new NoSuchFileException(plain.toString(), null, "neither " + name + " nor " + name + ".gz exists");
    }

    /** True for a blank line or a {@code #} comment. */
    static boolean skippable(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '#') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }
}
