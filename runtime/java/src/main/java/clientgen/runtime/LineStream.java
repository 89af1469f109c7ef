package clientgen.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.function.Function;

/**
 * The items of a JSON-lines answer ({@code application/x-ndjson}, {@code application/jsonl}): one JSON value per
 * non-empty line, each decoded as it arrives (a line split between reads joins up first); close it (it is
 * {@link AutoCloseable}) to close the connection early:
 * {@code try (LineStream<Record> lines = client.streamLines()) { while (lines.hasNext()) use(lines.next()); }}
 *
 * <p>Part of the clientgen Java runtime: copied into each SDK with only its package name changed; do not edit.
 *
 * @param <T> the type of one item
 */
public final class LineStream<T> extends ItemStream<T> {
    private final Function<String, T> decoder;

    /**
     * The items of a 2xx answer whose body is not read yet.
     *
     * @param response the answer
     * @param decoder reads one line
     */
    LineStream(HttpResponse<InputStream> response, Function<String, T> decoder) {
        super(response);
        this.decoder = decoder;
    }

    @Override
    T read() throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            if (!line.isBlank()) {
                return decode(decoder, line);
            }
        }
        return null;
    }
}
