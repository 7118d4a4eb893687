package dev.detour.cli;

import dev.detour.config.ConfigException;
import dev.detour.config.Family;
import dev.detour.route.RouteRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code detour family SESSION... [--to anthropic|openai]}. */
@Command(name = "family", mixinStandardHelpOptions = true,
        description = {"Flip each session's model family (Anthropic <-> OpenAI), or set it with --to.",
                "Moves the first upstream of that family in the route to the front; when the route has none,",
                "the first upstream of that family in the config is put in front."})
public final class FamilyCommand implements Callable<Integer> {
    @ParentCommand
    DetourCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SESSION", description = "Sessions to flip or set.")
    List<String> sessions;

    @Option(names = "--to", paramLabel = "FAMILY", completionCandidates = FamilyNames.class,
            description = "anthropic or openai (default: the other family of each session)")
    String to;

    @picocli.CommandLine.Mixin
    TeamRouteOptions team = new TeamRouteOptions();

    static final class FamilyNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Family.values()).map(Family::wireName).iterator();
        }
    }

    @Override
    public Integer call() throws ConfigException {
        Family target = null;
        if (to != null) {
            target = Family.fromWireName(to);
            if (target == null) {
                throw CliFailure.usage("--to: \"" + to + "\" is not a family: expected anthropic or openai");
            }
        }
        team.check();
        if (team.team) {
            if (target == null && !team.clearing()) {
                throw CliFailure.usage("--team needs --to anthropic|openai: each box flips to the same family");
            }
            return team.publish(root.configOption.load().config(), root.configOption.resolve(), sessions, null,
                    team.clearing() ? null : target.wireName(), spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        return RouteUpdate.run(root.configOption, new RouteRequest.SetFamily(sessions, target),
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
