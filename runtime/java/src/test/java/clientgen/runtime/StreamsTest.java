package clientgen.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Streams against a real local server, their chunks split where they hurt: server-sent events, JSON lines, a
 * binary answer read as it arrives, a body sent from a stream; and the line reader on its own.
 */
class StreamsTest {
    private static final Function<String, JsonNode> JSON = ApiRuntime.jsonItem(new TypeReference<JsonNode>() { },
            ModelSupport::any);

    private static Transport transport(LocalServer server) {
        Transport.Settings settings = new Transport.Settings(server.url());
        settings.credential = Credential.key("key-123");
        return new Transport(settings);
    }

    private static <T> Transport.Exchange<T> streamed(String path, Function<java.net.http.HttpResponse<InputStream>,
            T> open) {
        return Transport.Exchange.streaming(new ApiRuntime.Request("GET", path), Map.of(), open);
    }

    /** Gives its bytes a few at a time, as a network does. */
    private static InputStream trickle(String text, int size) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            private int at;

            @Override
            public int read() {
                return at < bytes.length ? bytes[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (at >= bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(size, length), bytes.length - at);
                System.arraycopy(bytes, at, buffer, offset, n);
                at += n;
                return n;
            }
        };
    }

    @Test
    void linesEndAtLfCrlfAndCrEvenWhenACrlfIsSplitBetweenReads() throws IOException {
        for (int size = 1; size <= 4; size++) {
            LineReader lines = new LineReader(trickle("a\nb\r\nc\rd\r\n\r\n\u00e9\u65e5\nlast", size));
            List<String> read = new ArrayList<>();
            String line;
            while ((line = lines.readLine()) != null) {
                read.add(line);
            }
            assertEquals(List.of("a", "b", "c", "d", "", "\u00e9\u65e5", "last"), read, "reads of " + size);
        }
    }

    @Test
    void serverSentEventsAreParsedAsTheSpecificationSaysAcrossChunks() throws Exception {
        String body = "\uFEFFevent: created\n: a comment\nid: 1\nretry: 3000\ndata: {\"n\": 1,\ndata:  \"m\": 2}\n\n"
                + ": another\r\ndata:{\"n\": 2}\r\n\r\nevent: no-data\n\nid: 3\rdata\rdata: x\r\r"
                + "id: bad\u0000id\nretry: soon\nunknown: field\ndata: \"plain\"\n\n"
                + "data: [DONE]\n\ndata: {\"n\": 4}\n\n";
        String[] chunks = new String[body.length() / 7 + 1];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = body.substring(i * 7, Math.min(body.length(), i * 7 + 7));
        }
        try (LocalServer server = new LocalServer(LocalServer.Reply.chunked("text/event-stream", 2, chunks))) {
            List<ServerSentEvent<String>> events = new ArrayList<>();
            try (EventStream<String> stream = transport(server).send(
                    streamed("/events", response -> new EventStream<>(response, data -> data)), null)) {
                stream.forEachRemaining(events::add);
                assertFalse(stream.hasNext());
            }
            assertEquals(List.of(
                    new ServerSentEvent<>("created", "1", 3000L, "{\"n\": 1,\n \"m\": 2}"),
                    new ServerSentEvent<>("message", "1", null, "{\"n\": 2}"),
                    new ServerSentEvent<>("message", "3", null, "\nx"),
                    new ServerSentEvent<>("message", "3", null, "\"plain\"")), events);
        }
    }

    @Test
    void eventsAreDecodedAsTheyArriveAndATypedMisfitIsADecodeError() throws Exception {
        try (LocalServer server = new LocalServer(LocalServer.Reply.chunked("text/event-stream", 1500,
                "data: {\"n\": 1}\n\n", "data: [1, 2]\n\n"))) {
            try (EventStream<JsonNode> stream = transport(server).send(streamed("/events",
                    response -> new EventStream<>(response, ApiRuntime.jsonItem(new TypeReference<JsonNode>() { },
                            (node, strict) -> node.isObject() ? null : "not an object"))), null)) {
                long start = System.nanoTime();
                assertEquals(1, stream.next().getData().get("n").asInt());
                assertTrue(System.nanoTime() - start < 1_000_000_000L, "the first event waited for the second");
                ResponseDecodeException error = assertThrows(ResponseDecodeException.class, stream::next);
                assertTrue(error.getMessage().contains("not an object"), error.getMessage());
            }
        }
    }

    @Test
    void closingAStreamEarlyClosesTheConnection() throws Exception {
        String[] chunks = new String[20];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = "data: {\"n\": " + i + "}\n\n";
        }
        try (LocalServer server = new LocalServer(LocalServer.Reply.chunked("text/event-stream", 100, chunks))) {
            long start = System.nanoTime();
            try (EventStream<JsonNode> stream = transport(server).send(
                    streamed("/events", response -> new EventStream<>(response, JSON)), null)) {
                assertEquals(0, stream.next().getData().get("n").asInt());
            }
            for (int i = 0; i < 50 && !server.received().get(0).closedEarly; i++) {
                Thread.sleep(50);
            }
            assertTrue(server.received().get(0).closedEarly, "the server could write every event");
            assertTrue(System.nanoTime() - start < 1_500_000_000L, "closing waited for the stream's end");
        }
    }

    @Test
    void jsonLinesSplitAcrossChunksAreJoinedAndBlankLinesSkipped() throws Exception {
        try (LocalServer server = new LocalServer(LocalServer.Reply.chunked("application/x-ndjson", 20,
                "{\"n\": 1}\n{\"n\"", ": 2}\r\n\n  \n{\"n\": 3}"))) {
            List<Integer> read = new ArrayList<>();
            try (LineStream<JsonNode> lines = transport(server).send(
                    streamed("/lines", response -> new LineStream<>(response, JSON)), null)) {
                lines.forEachRemaining(item -> read.add(item.get("n").asInt()));
            }
            assertEquals(List.of(1, 2, 3), read);
        }
    }

    @Test
    void aBinaryAnswerIsReadAsItArrivesAndAFailedOneIsTheTypedError() throws Exception {
        try (LocalServer server = new LocalServer(LocalServer.Reply.chunked("image/png", 10, "abc", "def"),
                new LocalServer.Reply(404, "{\"message\": \"no image\"}", Map.of(), 0))) {
            Transport transport = transport(server);
            try (InputStream body = transport.send(streamed("/image", response -> response.body()), null)) {
                assertEquals("abcdef", new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            ApiException error = assertThrows(ApiException.class,
                    () -> transport.send(streamed("/image", response -> response.body()), null));
            assertEquals(404, error.getStatusCode());
            assertEquals("no image", error.getErrorMessage());
        }
    }

    @Test
    void aBodyFromAStreamIsSentOnceAndBytesAreSentAgain() throws Exception {
        byte[] data = new byte[256];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        try (LocalServer server = new LocalServer(LocalServer.Reply.of(503, "{}"), LocalServer.Reply.of(503, "{}"),
                LocalServer.Reply.of(503, "{}"), LocalServer.Reply.of(200, "{}"))) {
            Transport transport = transport(server);
            ApiRuntime.Request request = new ApiRuntime.Request("PUT", "/upload");
            request.binaryBody(new java.io.BufferedInputStream(new ByteArrayInputStream(data)),
                    "application/octet-stream", null);
            assertNull(request.body, "a caller's stream is not read whole");
            RequestOptions fast = new RequestOptions().maxRetries(1);
            ApiException error = assertThrows(ApiException.class, () -> transport.send(
                    new Transport.Exchange<>(request, Map.of(), response -> response.statusCode()), fast));
            assertEquals(503, error.getStatusCode());
            assertEquals(1, server.received().size(), "a body sent from a stream was sent again");
            assertArrayEquals(data, server.received().get(0).body);

            ApiRuntime.Request bytes = new ApiRuntime.Request("PUT", "/upload");
            bytes.binaryBody(ApiRuntime.stream(data), "application/octet-stream", null);
            Transport.Exchange<Integer> again = new Transport.Exchange<>(bytes, Map.of(), response -> response
                    .statusCode());
            assertEquals(200, (int) transport.send(again, new RequestOptions().maxRetries(2)));
            assertEquals(4, server.received().size());
            assertArrayEquals(data, server.received().get(3).body);
        }
    }
}
