package clientgen.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a body as its bytes arrive (never read whole first): a line ends with LF, CRLF or CR, also when
 * a CRLF is split between two reads; the last line need not end with one. Lines are UTF-8 (a line break is never
 * part of a multi-byte character, so bytes split between reads join up before decoding). Used by
 * {@link EventStream} and {@link LineStream}.
 *
 * <p>Part of the clientgen Java runtime: copied into each SDK with only its package name changed; do not edit.
 */
final class LineReader {
    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int position;
    private int limit;
    private boolean afterCr;
    private boolean ended;

    LineReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next line, without its line break.
     *
     * @return the line, or null at the end of the body
     * @throws IOException when reading fails
     */
    String readLine() throws IOException {
        while (true) {
            if (position == limit) {
                int read = ended ? -1 : in.read(buffer);
                if (read < 0) {
                    ended = true;
                    return line.size() > 0 ? take() : null;
                }
                position = 0;
                limit = read;
                continue;
            }
            byte b = buffer[position++];
            if (afterCr) {
                afterCr = false;
                if (b == '\n') {
                    continue; // the LF of a CRLF
                }
            }
            if (b == '\n' || b == '\r') {
                afterCr = b == '\r';
                return take();
            }
            line.write(b);
        }
    }

    private String take() {
        String out = new String(line.toByteArray(), StandardCharsets.UTF_8);
        line.reset();
        return out;
    }
}
