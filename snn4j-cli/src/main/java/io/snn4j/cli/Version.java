package io.snn4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The snn4j version, as Maven recorded it in the jar ({@code dev} when run from compiled classes). */
final class Version {
    private static final String POM_PROPERTIES = "/META-INF/maven/io.snn4j/snn4j-cli/pom.properties";
    private static final String VERSION = read();

    private Version() {
    }

    static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v.strip();
                }
            }
        } catch (IOException ignored) {
            // fall through: an unreadable descriptor only costs the version string
        }
        String impl = Version.class.getPackage().getImplementationVersion();
        return impl != null ? impl : "dev";
    }

    /** For picocli's {@code --version}. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"snn4j " + get(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
