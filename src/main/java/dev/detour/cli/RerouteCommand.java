package dev.detour.cli;

import dev.detour.config.Config;
import dev.detour.config.ConfigException;
import dev.detour.config.Session;
import dev.detour.journal.Event;
import dev.detour.route.RouteChanges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code detour reroute SESSION... --to UPSTREAM}. */
@Command(name = "reroute", mixinStandardHelpOptions = true,
        description = {"Move UPSTREAM to the front of each session's route (adding it when the route lacks it).",
                "Writes the config (only the route lines change) and tells running bridges to reload.",
                "With --team: every box of the team reroutes these sessions for a while (no config file changes)."})
public final class RerouteCommand implements Callable<Integer> {
    @ParentCommand
    DetourCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SESSION", description = "Sessions to reroute.")
    List<String> sessions;

    @Option(names = "--to", paramLabel = "UPSTREAM", description = "The upstream to send their traffic to.")
    String upstream;

    @picocli.CommandLine.Mixin
    TeamRouteOptions team = new TeamRouteOptions();

    @Override
    public Integer call() throws ConfigException {
        team.check();
        if (upstream == null && !team.clearing()) {
            throw CliFailure.usage("Missing required option: '--to=UPSTREAM'");
        }
        if (team.team) {
            return team.publish(root.configOption.load().config(), sessions, team.clearing() ? null : upstream, null,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        return RouteUpdate.run(root.configOption, sessions, config -> RouteChanges.eachSession(config, sessions,
                (next, session) -> RouteChanges.reroute(next, session, upstream)), new RouteUpdate.Describer() {
            @Override
            public String line(Config before, Config after, Session was, Session now) {
                return now.name() + ": route " + was.route().get(0) + " " + Glyphs.arrow() + " " + now.route().get(0)
                        + "  " + RouteUpdate.routeText(now);
            }

            @Override
            public Event event(Config before, Config after, Session was, Session now) {
                return Event.now("reroute", now.name(), was.route().get(0), now.route().get(0), "cli");
            }
        }, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
