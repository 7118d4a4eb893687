package dev.detour;

import dev.detour.cli.DetourCommand;
import dev.detour.cli.QuickStart;

public final class Main {
    public static void main(String[] args) {
        Integer quick = QuickStart.run(args);
        if (quick != null) {
            System.exit(quick);
        }
        // picocli looks up converters for 20 java.time and java.sql types by reflection in every CommandLine it
        // builds; no detour option has one of those types, and skipping them is a sixth of a short command's time
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.time\\..*,java\\.sql\\..*");
        }
        System.exit(DetourCommand.commandLine(args).execute(args));
    }
}
