package dev.detour.cloud;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.time.Duration;
import java.util.Set;

/**
 * google-http-client's transport over an OkHttp client, so that google-auth-library's token calls leave the box the
 * way every other outbound call does: through {@link dev.detour.net.Egress}'s proxy (with its credentials, also for
 * CONNECT), CAs and client certificate. The JDK transport the library ships with takes one fixed proxy and needs
 * JVM-wide settings for proxy authentication on CONNECT, hence this small adapter.
 */
final class OkHttpTransport extends HttpTransport {
    /** The GCE metadata server is link-local: a proxy cannot reach it, so it is always asked directly. */
    private static final Set<String> METADATA_HOSTS = Set.of("169.254.169.254", "metadata.google.internal");
    private final OkHttpClient egress;
    private final OkHttpClient direct;

    OkHttpTransport(OkHttpClient egress) {
        this.egress = egress;
        this.direct = egress.newBuilder().proxy(Proxy.NO_PROXY).build();
    }

    @Override
    protected LowLevelHttpRequest buildRequest(String method, String url) {
        return new Call(METADATA_HOSTS.contains(HttpUrl.get(url).host()) ? direct : egress, method, url);
    }

    private static final class Call extends LowLevelHttpRequest {
        private final OkHttpClient client;
        private final Request.Builder request;
        private final String method;
        private int connectMs = -1;
        private int readMs = -1;

        Call(OkHttpClient client, String method, String url) {
            this.client = client;
            this.method = method;
            this.request = new Request.Builder().url(url);
        }

        @Override
        public void addHeader(String name, String value) {
            request.addHeader(name, value);
        }

        @Override
        public void setTimeout(int connectTimeout, int readTimeout) {
            connectMs = connectTimeout;
            readMs = readTimeout;
        }

        @Override
        public LowLevelHttpResponse execute() throws IOException {
            RequestBody body = null;
            if (getStreamingContent() != null) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                getStreamingContent().writeTo(bytes);
                body = RequestBody.create(bytes.toByteArray(),
                        getContentType() == null ? null : MediaType.parse(getContentType()));
                if (getContentEncoding() != null) {
                    request.header("Content-Encoding", getContentEncoding());
                }
            }
            request.method(method, body);
            OkHttpClient.Builder timed = client.newBuilder();
            if (connectMs >= 0) {
                timed.connectTimeout(Duration.ofMillis(connectMs));
            }
            if (readMs >= 0) {
                timed.readTimeout(Duration.ofMillis(readMs));
            }
            return new Answer(timed.build().newCall(request.build()).execute());
        }
    }

    private static final class Answer extends LowLevelHttpResponse {
        private final Response response;
        private final Headers headers;

        Answer(Response response) {
            this.response = response;
            this.headers = response.headers();
        }

        @Override
        public InputStream getContent() {
            return response.body().byteStream();
        }

        @Override
        public String getContentEncoding() {
            return headers.get("Content-Encoding");
        }

        @Override
        public long getContentLength() {
            return response.body().contentLength();
        }

        @Override
        public String getContentType() {
            return headers.get("Content-Type");
        }

        @Override
        public String getStatusLine() {
            return "HTTP/1.1 " + response.code() + " " + response.message();
        }

        @Override
        public int getStatusCode() {
            return response.code();
        }

        @Override
        public String getReasonPhrase() {
            return response.message();
        }

        @Override
        public int getHeaderCount() {
            return headers.size();
        }

        @Override
        public String getHeaderName(int index) {
            return headers.name(index);
        }

        @Override
        public String getHeaderValue(int index) {
            return headers.value(index);
        }

        @Override
        public void disconnect() {
            response.close();
        }
    }
}
