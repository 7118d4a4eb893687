package dev.detour.cli;

import dev.detour.config.ConfigException;
import dev.detour.config.DetourPaths;
import dev.detour.config.LoadedConfig;
import dev.detour.supervise.Supervisor;
import dev.detour.tui.shell.DashboardApp;
import dev.detour.tui.shell.TerminalSetup;

import java.io.IOException;

/** {@code detour} without a command: the dashboard on the user's config. */
final class DashboardLauncher {
    private DashboardLauncher() {
    }

    static int dashboard(ConfigOption configOption, boolean readOnly, boolean noColor) throws ConfigException, IOException {
        String missing = TerminalSetup.missingTerminal();
        if (missing != null) {
            throw CliFailure.usage(missing);
        }
        LoadedConfig loaded = configOption.load();
        DetourPaths paths = DetourPaths.system();
        DashboardApp.run(loaded, DashboardApp.mode(readOnly, noColor, false, System.getenv())
                        .withNotice(DashboardApp.firstRunNotice(configOption.createdPath())), paths,
                Supervisor.forThisProcess(paths, loaded.file()), System.getenv(), null, show -> {
                });
        return ExitCodes.OK;
    }
}
