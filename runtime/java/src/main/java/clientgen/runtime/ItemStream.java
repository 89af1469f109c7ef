package clientgen.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * What {@link EventStream} and {@link LineStream} share: a 2xx answer whose items are decoded as its bytes arrive
 * ({@link LineReader}), an iterator over them, and {@link #close()}, which closes the connection (early, too).
 * The stream closes itself once its last item was read. A failure while reading is a {@link TransportException},
 * an item that does not fit the spec a {@link ResponseDecodeException}.
 *
 * <p>Part of the clientgen Java runtime: copied into each SDK with only its package name changed; do not edit.
 *
 * @param <T> the type of one item
 */
abstract class ItemStream<T> implements Iterator<T>, AutoCloseable {
    private final HttpResponse<InputStream> response;
    final LineReader lines;
    private T ready;
    private volatile boolean done;

    ItemStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.lines = new LineReader(response.body());
    }

    /**
     * Reads up to the next item.
     *
     * @return the item, or null at the end of the stream
     * @throws IOException when reading fails
     */
    abstract T read() throws IOException;

    /** One item's text decoded by the operation's decoder; a misfit is a decode error of this answer. */
    final <V> V decode(Function<String, V> decoder, String text) {
        try {
            return decoder.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ResponseDecodeException("HTTP " + response.statusCode() + ": a streamed item does not fit the "
                    + "spec: " + e.getMessage(), response.statusCode(), text.getBytes(StandardCharsets.UTF_8), e);
        }
    }

    /**
     * Whether another item comes; waits for it.
     *
     * @return false at the end of the stream (which is then closed), or once closed
     */
    @Override
    public final synchronized boolean hasNext() {
        if (ready == null && !done) {
            try {
                ready = read();
            } catch (IOException e) {
                close();
                throw new TransportException(response.request().method() + " " + response.uri().getPath()
                        + ": the stream broke: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
            if (ready == null) {
                close();
            }
        }
        return ready != null;
    }

    /**
     * The next item; waits for it.
     *
     * @return the item
     * @throws NoSuchElementException at the end of the stream
     */
    @Override
    public final synchronized T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the stream has ended");
        }
        T out = ready;
        ready = null;
        return out;
    }

    /** Closes the stream and its connection; the items not read yet are not read. */
    @Override
    public final void close() {
        done = true;
        try {
            response.body().close();
        } catch (IOException e) {
            // closing is best effort: the connection is given up either way
        }
    }
}
