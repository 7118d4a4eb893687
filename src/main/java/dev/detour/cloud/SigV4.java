package dev.detour.cloud;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AWS Signature Version 4 for Bedrock (service name {@code bedrock}), by the AWS SDK's own signer
 * ({@code http-auth-aws}) without the rest of the SDK. The simulator verifies with the same signer.
 */
public final class SigV4 {
    public static final String SERVICE = "bedrock";
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private SigV4() {
    }

    /**
     * The headers that sign the request ({@code Authorization}, {@code X-Amz-Date}, {@code X-Amz-Security-Token} with
     * session credentials, ...), to add to it unchanged. {@code Host} is left out: the HTTP client sends the same.
     *
     * @param headers the headers that go out with the request and are signed (e.g. content-type, accept)
     */
    public static Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body,
                                           AwsAuth.Keys keys, String region, Clock clock) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        AwsCredentialsIdentity identity = keys.sessionToken() == null
                ? AwsCredentialsIdentity.create(keys.accessKeyId(), keys.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken());
        SignedRequest signed = SIGNER.sign(r -> r.identity(identity)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            String name = header.getKey();
            if (!name.equalsIgnoreCase("host") && !headers.containsKey(name) && !header.getValue().isEmpty()) {
                out.put(name, header.getValue().get(0));
            }
        }
        return out;
    }

    /** The access key id and the signed header names of an {@code Authorization: AWS4-HMAC-SHA256 ...} value, or null. */
    public static Map<String, String> parseAuthorization(String authorization) {
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            return null;
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : authorization.substring("AWS4-HMAC-SHA256 ".length()).split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length == 2) {
                parts.put(kv[0].toLowerCase(Locale.ROOT), kv[1]);
            }
        }
        return parts.keySet().containsAll(List.of("credential", "signedheaders", "signature")) ? parts : null;
    }
}
