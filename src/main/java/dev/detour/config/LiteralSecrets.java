package dev.detour.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds text that looks like a credential written into the config (anywhere, comments included): API keys of the
 * common providers, bearer tokens, and passwords in URLs. The config is edited by hand and shown on screens, so
 * keys belong in environment variables ({@code auth = "env:VAR"}). Matches are described, never echoed.
 */
final class LiteralSecrets {
    record Finding(int offset, String kind) {
    }

    private record Rule(Pattern pattern, String kind) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("sk-ant-[A-Za-z0-9_-]{8,}"), "an Anthropic API key (sk-ant-…)"),
            new Rule(Pattern.compile("(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{16,}"), "an API key (sk-…)"),
            new Rule(Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]{16,}"), "a bearer token"),
            new Rule(Pattern.compile("AKIA[0-9A-Z]{16}"), "an AWS access key (AKIA…)"),
            new Rule(Pattern.compile("AIza[0-9A-Za-z_-]{30,}"), "a Google API key (AIza…)"),
            new Rule(Pattern.compile("gh[pousr]_[A-Za-z0-9]{20,}"), "a GitHub token"),
            new Rule(Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s\"'@:]+:[^/\\s\"'@]+@"), "a password in a URL"));

    private LiteralSecrets() {
    }

    static Optional<Finding> find(String text) {
        Finding first = null;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(text);
            if (m.find() && (first == null || m.start() < first.offset())) {
                first = new Finding(m.start(), rule.kind());
            }
        }
        return Optional.ofNullable(first);
    }
}
