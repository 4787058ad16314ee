package io.modelwatch.e2e;

import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A tiny OpenTelemetry collector on loopback: it accepts OTLP/HTTP trace exports ({@code POST /v1/traces},
 * {@code application/x-protobuf}, optionally gzip) from the services and keeps every span in memory. The
 * protobuf {@code ExportTraceServiceRequest} is decoded by hand from the wire format, for the fields a trace tree
 * needs (opentelemetry-proto, trace/v1/trace.proto): resource attributes (service.name), and per span its trace id,
 * span id, parent span id, name, kind and string attributes.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One received span; ids in lower-case hex, {@code parentSpanId} empty for a root. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, int kind,
                        Map<String, String> attributes) {

        static final int SERVER = 2;
        static final int CLIENT = 3;
        static final int PRODUCER = 4;
        static final int CONSUMER = 5;
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                        body = in.readAllBytes();
                    }
                }
                int status = 200;
                if (!exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
                    status = 404;
                } else {
                    try {
                        receiver.spans.addAll(decodeRequest(body));
                    } catch (RuntimeException e) {
                        receiver.errors.add(e.toString());
                        status = 400;
                    }
                }
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                // an empty ExportTraceServiceResponse: everything accepted
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
        return receiver;
    }

    /** The base address, as {@code OTEL_EXPORTER_OTLP_ENDPOINT} names it. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- the protobuf wire format (https://protobuf.dev/programming-guides/encoding/)

    static List<ReceivedSpan> decodeRequest(byte[] body) {
        List<ReceivedSpan> out = new ArrayList<>();
        Wire request = new Wire(body);
        while (request.more()) {
            int field = request.tag();
            if (field == 1) {                       // ExportTraceServiceRequest.resource_spans
                decodeResourceSpans(request.bytes(), out);
            } else {
                request.skip();
            }
        }
        return out;
    }

    private static void decodeResourceSpans(byte[] bytes, List<ReceivedSpan> out) {
        Wire w = new Wire(bytes);
        Map<String, String> resource = new LinkedHashMap<>();
        List<byte[]> scopes = new ArrayList<>();
        while (w.more()) {
            int field = w.tag();
            if (field == 1) {                       // ResourceSpans.resource
                Wire r = new Wire(w.bytes());
                while (r.more()) {
                    if (r.tag() == 1) {             // Resource.attributes
                        keyValue(r.bytes(), resource);
                    } else {
                        r.skip();
                    }
                }
            } else if (field == 2) {                // ResourceSpans.scope_spans
                scopes.add(w.bytes());
            } else {
                w.skip();
            }
        }
        String service = resource.getOrDefault("service.name", "");
        for (byte[] scope : scopes) {
            Wire s = new Wire(scope);
            while (s.more()) {
                if (s.tag() == 2) {                 // ScopeSpans.spans
                    out.add(decodeSpan(s.bytes(), service));
                } else {
                    s.skip();
                }
            }
        }
    }

    private static ReceivedSpan decodeSpan(byte[] bytes, String service) {
        Wire w = new Wire(bytes);
        HexFormat hex = HexFormat.of();
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        Map<String, String> attributes = new LinkedHashMap<>();
        while (w.more()) {
            switch (w.tag()) {
                case 1 -> traceId = hex.formatHex(w.bytes());
                case 2 -> spanId = hex.formatHex(w.bytes());
                case 4 -> parent = hex.formatHex(w.bytes());
                case 5 -> name = new String(w.bytes(), StandardCharsets.UTF_8);
                case 6 -> kind = (int) w.varint();
                case 9 -> keyValue(w.bytes(), attributes);
                default -> w.skip();
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parent, name, kind, attributes);
    }

    /** A KeyValue whose AnyValue is a string (other value types are kept as their kind). */
    private static void keyValue(byte[] bytes, Map<String, String> into) {
        Wire w = new Wire(bytes);
        String key = null;
        String value = null;
        while (w.more()) {
            int field = w.tag();
            if (field == 1) {
                key = new String(w.bytes(), StandardCharsets.UTF_8);
            } else if (field == 2) {
                Wire v = new Wire(w.bytes());
                while (v.more()) {
                    int f = v.tag();
                    if (f == 1) {                   // AnyValue.string_value
                        value = new String(v.bytes(), StandardCharsets.UTF_8);
                    } else if (f == 2 || f == 3) {  // bool_value, int_value
                        value = String.valueOf(v.varint());
                    } else {
                        v.skip();
                    }
                }
            } else {
                w.skip();
            }
        }
        if (key != null) {
            into.put(key, value);
        }
    }

    /** A reader of one protobuf message's fields. */
    private static final class Wire {
        private final byte[] b;
        private int pos;
        private int wireType;

        Wire(byte[] b) {
            this.b = b;
        }

        boolean more() {
            return pos < b.length;
        }

        /** The next field's number (its wire type is kept for the read that follows). */
        int tag() {
            long tag = varint();
            wireType = (int) (tag & 7);
            return (int) (tag >>> 3);
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte x = b[pos++];
                result |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("malformed varint at " + pos);
        }

        byte[] bytes() {
            if (wireType != 2) {
                throw new IllegalArgumentException("expected a length-delimited field, wire type " + wireType + " at " + pos);
            }
            int n = (int) varint();
            byte[] out = new byte[n];
            System.arraycopy(b, pos, out, 0, n);
            pos += n;
            return out;
        }

        void skip() {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> {
                    int n = (int) varint();  // read first: `pos += varint()` would add to the position before the length
                    pos += n;
                }
                case 5 -> pos += 4;
                default -> throw new IllegalArgumentException("unsupported wire type " + wireType + " at " + pos);
            }
        }
    }

}
