package clientgen.runtime;

import java.util.Objects;

/**
 * One server-sent event of an {@link EventStream}: its type ({@code message} unless the event named one), the
 * last event ID (kept from earlier events, as the SSE specification says), its own {@code retry} (in ms) and its
 * data, decoded into the operation's type.
 *
 * <p>Part of the clientgen Java runtime: copied into each SDK with only its package name changed; do not edit.
 *
 * @param <T> the type of the data
 */
public final class ServerSentEvent<T> {
    private final String event;
    private final String id;
    private final Long retry;
    private final T data;

    ServerSentEvent(String event, String id, Long retry, T data) {
        this.event = event;
        this.id = id;
        this.retry = retry;
        this.data = data;
    }

    /**
     * The event's type.
     *
     * @return its {@code event} field, or {@code message}
     */
    public String getEvent() {
        return event;
    }

    /**
     * The last event ID.
     *
     * @return the ID, or null when no event has set one
     */
    public String getId() {
        return id;
    }

    /**
     * The event's own reconnection time.
     *
     * @return milliseconds, or null when the event set none
     */
    public Long getRetry() {
        return retry;
    }

    /**
     * The event's data, decoded.
     *
     * @return the data
     */
    public T getData() {
        return data;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ServerSentEvent)) {
            return false;
        }
        ServerSentEvent<?> that = (ServerSentEvent<?>) other;
        return event.equals(that.event) && Objects.equals(id, that.id) && Objects.equals(retry, that.retry)
                && Objects.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(event, id, retry, data);
    }

    @Override
    public String toString() {
        return "ServerSentEvent(event=" + event + ", id=" + id + ", retry=" + retry + ", data=" + data + ")";
    }
}
