package dev.detour.cli;

import dev.detour.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code detour status [--json]}: sessions, routes and upstreams, once. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show sessions (port, route, family, failover) and upstreams (family, URL, auth mode), once.")
public final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    DetourCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Override
    public Integer call() throws ConfigException {
        StatusReport report = StatusReport.of(root.configOption.load(), System.getenv());
        String out = json ? StatusJson.render(report) + "\n" : StatusText.render(report);
        spec.commandLine().getOut().print(out);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
