package dev.detour.bridge;

import java.util.regex.Pattern;

/** Hides the values of query parameters that look like credentials ({@code ?key=...}, {@code &access_token=...}). */
public final class QueryRedaction {
    private static final Pattern CREDENTIAL_PARAMETER = Pattern.compile(
            "(?i)([?&](?:[a-z0-9_.-]*[_.-])?(?:key|apikey|api_key|token|secret|password|passwd|auth|authorization"
                    + "|signature|sig|credential|credentials|session)=)[^&\\s#]*");

    private QueryRedaction() {
    }

    public static String redact(String text) {
        return CREDENTIAL_PARAMETER.matcher(text).replaceAll("$1" + Redactor.MARK.replace("$", "\\$"));
    }
}
