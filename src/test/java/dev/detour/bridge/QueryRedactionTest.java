package dev.detour.bridge;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QueryRedactionTest {
    /** The rule as a regular expression, as it was written first: the scan must agree with it on every text. */
    private static final Pattern RULE = Pattern.compile(
            "(?i)([?&](?:[a-z0-9_.-]*[_.-])?(?:" + String.join("|", QueryRedaction.NAMES) + ")=)[^&\\s#]*");

    private static String byRule(String text) {
        return RULE.matcher(text).replaceAll("$1" + Redactor.MARK.replace("$", "\\$"));
    }

    @Test
    void credentialParametersLoseTheirValuesAndOthersStay() {
        assertEquals("GET /v1/models?key=[redacted]&alt=sse", QueryRedaction.redact("GET /v1/models?key=AIzaSecret&alt=sse"));
        assertEquals("/x?beta=true&X-Goog-Api-Key=[redacted]#frag ok",
                QueryRedaction.redact("/x?beta=true&X-Goog-Api-Key=abc#frag ok"));
        assertEquals("/x?access_token=[redacted] then", QueryRedaction.redact("/x?access_token=ya29.abc then"));
        assertEquals("/x?monkey=banana&keys=1&key", QueryRedaction.redact("/x?monkey=banana&keys=1&key"));
        assertEquals("POST /v1/messages?beta=true model=m", QueryRedaction.redact("POST /v1/messages?beta=true model=m"));
        assertEquals("/x?key=[redacted]&token=[redacted]&sig=[redacted]", QueryRedaction.redact("/x?key=a&token=b&sig=c"));
        assertEquals("/x?Zz09A_key=[redacted]", QueryRedaction.redact("/x?Zz09A_key=v"));
    }

    @Test
    void theScanAgreesWithTheRuleOnRandomTexts() {
        String[] pieces = {"?", "&", "=", "#", " ", "\t", "\u001C", "_", ".", "-", "key", "KEY", "api", "token", "sig",
                "session", "Auth", "x", "1", "é", "monkey", "z0", "Z9", "A", "authorization", "pass", "wd", "credential", "s"};
        Random random = new Random(19);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(16); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String t = text.toString();
            assertEquals(byRule(t), QueryRedaction.redact(t), "on: " + t);
        }
    }
}
