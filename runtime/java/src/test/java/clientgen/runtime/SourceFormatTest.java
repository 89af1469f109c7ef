package clientgen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime is copied into each SDK as it is (only the package name changes), so it must be formatted already:
 * no tabs, no trailing spaces, at most 120 columns, LF line ends and a final newline; and each source starts
 * with the placeholder package clientgen's Java target replaces.
 */
class SourceFormatTest {
    @Test
    void everySourceIsFormatted() throws IOException {
        Path root = Paths.get(System.getProperty("clientgen.sources", "src"));
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        assertTrue(sources.size() > 10, "sources under " + root.toAbsolutePath());
        for (Path source : sources) {
            String text = new String(Files.readAllBytes(source), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("package clientgen.runtime;\n"), source + ": its first line");
            assertTrue(text.endsWith("}\n") && !text.endsWith("\n\n"), source + ": one final newline");
            assertFalse(text.contains("\r") || text.contains("\t"), source + ": CR or tab");
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                String where = source + ":" + (i + 1);
                assertTrue(line.length() <= 120, where + ": longer than 120 columns");
                assertEquals(line.stripTrailing(), line, where + ": trailing spaces");
                assertFalse(line.contains("\n\n\n"), where);
            }
        }
    }
}
