package dev.detour.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, and the Java that runs it (what a bug report needs first). */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"detour " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vendor")
                + ", " + System.getProperty("java.home") + ")"};
    }

    /** The release from the jar's manifest; {@code dev} when run from classes. */
    public static String version() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
