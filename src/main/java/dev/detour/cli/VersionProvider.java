package dev.detour.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[]{"detour " + (version != null ? version : "dev")};
    }
}
