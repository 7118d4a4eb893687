package dev.detour.wire;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one set of patterns for text that looks like a credential: API keys of the common providers, bearer tokens,
 * credential headers and passwords in URLs. The config loader refuses a file that contains one, logs and messages
 * shown to users have them redacted, and anything that scans text for keys asks here, so that a string refused in
 * the config can never be printed unredacted elsewhere. Matches are described or cut to their prefix, never echoed.
 * <p>
 * Every pattern is linear in the length of the text, even on megabytes of key-like characters (a hostile config):
 * runs that cannot backtrack usefully are possessive, and a pattern that would otherwise retry a long run from each
 * of its letters has a second alternative that skips the whole run at once; such a skipping match leaves group 1
 * unset and is not a finding.
 */
public final class Secrets {
    /** A credential found in text: where it starts and what kind it is (never its value). */
    public record Finding(int offset, String kind) {
    }

    /**
     * @param replacement what a match becomes when redacted: its recognisable prefix and an ellipsis
     * @param hints       lower-case text of which every finding contains one: text without any cannot match, and the
     *                    pattern is not run (most log lines hold no key, and running all of them was the larger part of
     *                    writing a line)
     */
    private record Rule(Pattern pattern, String kind, String replacement, String... hints) {
        boolean mayMatch(String lowerCase) {
            for (String hint : hints) {
                if (lowerCase.contains(hint)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("(sk-ant-)[A-Za-z0-9_*.-]{8,}"), "an Anthropic API key (sk-ant-…)", "$1…", "sk-ant-"),
            new Rule(Pattern.compile("(?<![A-Za-z0-9_-])(sk-proj-|sk-)[A-Za-z0-9_*.-]{12,}"), "an API key (sk-…)", "$1…", "sk-"),
            new Rule(Pattern.compile("(?i)(bearer\\s++)[A-Za-z0-9._~+/=*-]{12,}"), "a bearer token", "$1…", "bearer"),
            new Rule(Pattern.compile("(?i)((?:x-api-key|authorization)\\s*[:=]\\s*(?:basic\\s+)?)(?!bearer\\s)[^\\s\"',;…]{8,}"),
                    "a credential header", "$1…", "x-api-key", "authorization"),
            new Rule(Pattern.compile("(AKIA)[0-9A-Z]{16}"), "an AWS access key (AKIA…)", "$1…", "akia"),
            new Rule(Pattern.compile("(ya29\\.)[A-Za-z0-9._-]{12,}"), "a Google OAuth access token (ya29.…)", "$1…", "ya29."),
            new Rule(Pattern.compile("(AIza)[0-9A-Za-z_-]{30,}"), "a Google API key (AIza…)", "$1…", "aiza"),
            new Rule(Pattern.compile("(gh[pousr]_)[A-Za-z0-9]{20,}"), "a GitHub token", "$1…", "gh"),
            new Rule(Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*+://[^/\\s\"'@:]++:)[^/\\s\"'@…]++@|[a-zA-Z][a-zA-Z0-9+.-]*+"),
                    "a password in a URL", "$1…@", "://"));

    private Secrets() {
    }

    /** The first credential-shaped string in {@code text}, if any. */
    public static Optional<Finding> find(String text) {
        Finding first = null;
        String lowerCase = text.toLowerCase(Locale.ROOT);
        for (Rule rule : RULES) {
            if (!rule.mayMatch(lowerCase)) {
                continue;
            }
            Matcher m = rule.pattern().matcher(text);
            while (m.find() && (first == null || m.start() < first.offset())) {
                if (m.start(1) >= 0) {
                    first = new Finding(m.start(), rule.kind());
                    break;
                }
            }
        }
        return Optional.ofNullable(first);
    }

    /** The text with every credential-shaped string cut to its prefix and an ellipsis ({@code sk-ant-…}); null stays null. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        String lowerCase = text.toLowerCase(Locale.ROOT);
        for (Rule rule : RULES) {
            if (!rule.mayMatch(lowerCase)) {
                continue;
            }
            out = rule.pattern().matcher(out)
                    .replaceAll(m -> m.start(1) >= 0 ? rule.replacement() : Matcher.quoteReplacement(m.group()));
        }
        return out;
    }
}
