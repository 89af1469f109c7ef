package clientgen.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ResourceBundle;

/**
 * The test JVM's System.LoggerFinder (src/test/resources/META-INF/services): the loggers named after this package,
 * the runtime's default, keep every message at every level; all others log nothing.
 */
public final class RecordingLoggerFinder extends System.LoggerFinder {
    static final List<String> LINES = Collections.synchronizedList(new ArrayList<>());

    @Override
    public System.Logger getLogger(String name, Module module) {
        boolean ours = name.equals(RecordingLoggerFinder.class.getPackageName());
        return new System.Logger() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean isLoggable(Level level) {
                return ours;
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
                if (ours && level == Level.DEBUG) {
                    LINES.add(message);
                }
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String format, Object... params) {
                log(level, bundle, format, (Throwable) null);
            }
        };
    }
}
