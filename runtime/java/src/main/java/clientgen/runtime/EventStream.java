package clientgen.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.function.Function;

/**
 * The server-sent events of a {@code text/event-stream} answer, each decoded as it arrives; close it (it is
 * {@link AutoCloseable}) to close the connection early:
 * {@code try (EventStream<Record> events = client.streamEvents()) { while (events.hasNext()) use(events.next()); }}
 *
 * <p>Parsed as the SSE specification says: lines end with LF, CRLF or CR; a line starting with {@code :} is a
 * comment; {@code field:value} with one optional space after the colon; {@code data} lines are joined with LF;
 * a blank line dispatches the event, and an event without data is not dispatched. The last event ID persists
 * from event to event; the type ({@code message} by default) and {@code retry} are each event's own. A
 * {@code data: [DONE]} event ends the stream (the convention of OpenAI-style APIs).
 *
 * <p>Part of the clientgen Java runtime: copied into each SDK with only its package name changed; do not edit.
 *
 * @param <T> the type of each event's data
 */
public final class EventStream<T> extends ItemStream<ServerSentEvent<T>> {
    private final Function<String, T> decoder;
    private String lastId;
    private boolean started;

    /**
     * The events of a 2xx answer whose body is not read yet.
     *
     * @param response the answer
     * @param decoder reads one event's data
     */
    EventStream(HttpResponse<InputStream> response, Function<String, T> decoder) {
        super(response);
        this.decoder = decoder;
    }

    @Override
    ServerSentEvent<T> read() throws IOException {
        String event = null;
        Long retry = null;
        StringBuilder data = null;
        String line;
        while ((line = lines.readLine()) != null) {
            if (!started) {
                started = true;
                line = line.startsWith("\uFEFF") ? line.substring(1) : line; // a byte order mark opens no field
            }
            if (line.isEmpty()) {
                if (data != null) {
                    String text = data.substring(0, data.length() - 1);
                    if (text.equals("[DONE]")) {
                        return null;
                    }
                    return new ServerSentEvent<>(event == null ? "message" : event, lastId, retry,
                            decode(decoder, text));
                }
                event = null;
                retry = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event":
                    event = value;
                    break;
                case "data":
                    data = (data == null ? new StringBuilder() : data).append(value).append('\n');
                    break;
                case "id":
                    if (value.indexOf('\0') < 0) {
                        lastId = value;
                    }
                    break;
                case "retry":
                    if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        retry = Long.parseLong(value);
                    }
                    break;
                default:
                    break; // a field the specification does not define is ignored
            }
        }
        return null; // the body ended; an event without its blank line is not dispatched
    }
}
