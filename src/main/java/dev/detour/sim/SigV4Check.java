package dev.detour.sim;

import dev.detour.cloud.AwsAuth;
import dev.detour.cloud.SigV4;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a request's SigV4 signature the way AWS does: the key id and scope (region, service), the clock skew, the
 * session token, then the signature itself, recomputed with the SDK's signer over the signed headers as received.
 * Returns null when the request is authentic, else the Bedrock exception AWS would answer.
 */
final class SigV4Check {
    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> SIGNER_OWN = Set.of("host", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256");

    /** An authentication failure as Bedrock reports it. */
    record Refusal(int status, String exceptionType, String message) {
    }

    private SigV4Check() {
    }

    static Refusal check(SimRequest request, CloudSimAuth auth, String region, Instant now) {
        String authorization = request.header("authorization");
        if (authorization == null) {
            return new Refusal(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return CloudSimAuth.same(auth.bedrockBearer(), authorization.substring(7).strip()) ? null
                    : new Refusal(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        Map<String, String> parts = SigV4.parseAuthorization(authorization);
        if (parts == null) {
            return new Refusal(403, "IncompleteSignatureException", "Authorization header requires 'Credential', "
                    + "'Signature' and 'SignedHeaders' parameters.");
        }
        String[] scope = parts.get("credential").split("/");
        if (scope.length != 5 || !auth.hasAwsKeys() || !CloudSimAuth.same(auth.accessKeyId(), scope[0])) {
            return new Refusal(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        if (!scope[2].equals(region) || !scope[3].equals(SigV4.SERVICE)) {
            return new Refusal(403, "InvalidSignatureException", "Credential should be scoped to a valid region and service: "
                    + "expected " + region + "/" + SigV4.SERVICE + ", got " + scope[2] + "/" + scope[3] + ".");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(String.valueOf(request.header("x-amz-date"))));
        } catch (DateTimeParseException e) {
            return new Refusal(403, "IncompleteSignatureException", "X-Amz-Date is missing or malformed.");
        }
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            return new Refusal(403, "InvalidSignatureException", "Signature expired: " + AMZ_DATE.format(signedAt)
                    + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now)
                    + " - 5 min.)");
        }
        String token = request.header("x-amz-security-token");
        if (auth.sessionToken() != null && !CloudSimAuth.same(auth.sessionToken(), token)) {
            return new Refusal(403, token == null ? "UnrecognizedClientException" : "ExpiredTokenException",
                    token == null ? "The security token included in the request is invalid."
                            : "The security token included in the request is expired");
        }
        Map<String, String> signed = new LinkedHashMap<>();
        for (String name : parts.get("signedheaders").split(";")) {
            String value = request.header(name);
            if (!SIGNER_OWN.contains(name.toLowerCase(Locale.ROOT)) && value != null) {
                signed.put(name, value);
            }
        }
        URI uri = URI.create("http://" + request.header("host") + request.path()
                + (request.query() != null ? "?" + request.query() : ""));
        AwsAuth.Keys keys = new AwsAuth.Keys(auth.accessKeyId(), auth.secretAccessKey(), token, "sim");
        String expected = SigV4.sign(request.method(), uri, signed, request.body(), keys, region,
                Clock.fixed(signedAt, ZoneOffset.UTC)).get("Authorization");
        if (!CloudSimAuth.same(expected, authorization)) {
            return new Refusal(403, "InvalidSignatureException", "The request signature we calculated does not match the "
                    + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
                    + "documentation for details.");
        }
        return List.of(parts.get("signedheaders").split(";")).contains("host") ? null
                : new Refusal(403, "InvalidSignatureException", "'Host' must be a signed header.");
    }
}
