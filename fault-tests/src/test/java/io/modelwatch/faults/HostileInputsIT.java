package io.modelwatch.faults;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's hostile inputs: 1,200 generated requests to {@code POST /runs}, {@code /references} and {@code /labels}
 * (malformed JSON, wrong types, impossible dates, huge and control-character fields, and CSV files with broken
 * quoting, NaN and infinity, wrong encodings, huge fields, missing columns, truncated rows). Each must get an answer
 * below 500 within the client's timeout, every 4xx a JSON body naming the field ({@code {"error", "field"}}, both
 * non-blank), and the services must stay healthy. Two fixed checks: a request without an API key answers 401 JSON, and
 * a source outside the input roots ({@code /etc/passwd}) 403 JSON that quotes nothing of the file.
 */
class HostileInputsIT {

    private static FaultEnvironment env;
    private static List<Path> hostileFiles;
    private static final AtomicLong requests = new AtomicLong();
    private static final Map<String, Long> statuses = new TreeMap<>();
    private static long t0;

    @BeforeContainer
    static void start() throws Exception {
        env = FaultEnvironment.get();
        t0 = System.currentTimeMillis();
        env.registerModel("fx-hostile");
        hostileFiles = writeHostileFiles();
    }

    @AfterContainer
    static void healthyAfterwards() throws Exception {
        for (String s : FaultEnvironment.SERVICES) {
            assertThat(env.ready(s)).as(s + " ready after the hostile inputs").isTrue();
        }
        System.out.println("hostile inputs: " + requests.get() + " requests, statuses " + statuses);
        env.figures.add("hostile inputs (jqwik), statuses " + statuses + ", every 4xx JSON naming its field",
                env.sql("select count(*) from ingest.run where model_id = 'fx-hostile'"), requests.get(), 0, 0,
                System.currentTimeMillis() - t0);
        env.figures.print();
    }

    @Property(tries = 1200, seed = "12")
    void noHostileInputCrashesOrHangsAService(@ForAll("requests") Request request) throws Exception {
        HttpResponse<String> r;
        try {
            r = env.post("ingest-service", request.path(), request.body());
        } catch (HttpTimeoutException e) {
            throw new AssertionError("no answer within 60 s to " + request, e);
        }
        requests.incrementAndGet();
        synchronized (statuses) {
            statuses.merge(r.statusCode() / 100 + "xx", 1L, Long::sum);
        }
        assertThat(r.statusCode()).as(request + " -> " + r.body()).isLessThan(500);
        if (r.statusCode() >= 400) {
            assertNamesField(r, request.toString());
        }
    }

    @Example
    void aRequestWithoutKeyAnswers401Json() throws Exception {
        String body = env.mapper.writeValueAsString(Map.of("modelId", "fx-hostile", "date", "2024-03-01",
                "source", env.data.resolve("day.csv").toString()));
        HttpResponse<String> r = env.postAs("ingest-service", "/runs", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(env.mapper.readTree(r.body()).path("error").asText()).as(r.body()).isNotBlank();
        HttpResponse<String> wrong = env.postAs("ingest-service", "/runs", body, "X-API-Key", "not-" + FaultEnvironment.ADMIN_KEY);
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
        assertThat(env.mapper.readTree(wrong.body()).path("error").asText()).as(wrong.body()).isNotBlank();
    }

    @Example
    void aSourceOutsideTheInputRootsAnswers403JsonWithoutItsContents() throws Exception {
        // (/labels refuses first a date without a run: 422 naming date)
        for (String path : List.of("/runs", "/references")) {
            HttpResponse<String> r = env.post("ingest-service", path, env.mapper.writeValueAsString(Map.of(
                    "modelId", "fx-hostile", "date", "2024-03-01", "source", "/etc/passwd")));
            assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(403);
            assertNamesField(r, path + " /etc/passwd");
            assertThat(env.mapper.readTree(r.body()).path("field").asText()).isEqualTo("source");
            // the first line of /etc/passwd on every Linux: root's entry
            assertThat(r.body()).doesNotContain("root:").doesNotContain(":0:0:");
        }
    }

    /** A 4xx body is a JSON object whose {@code error} and {@code field} are non-blank text. */
    private static void assertNamesField(HttpResponse<String> r, String request) throws Exception {
        String shown = request + " -> " + r.statusCode() + " '" + r.body() + "'";
        assertThat(isJson(r.body())).as("JSON body: " + shown).isTrue();
        com.fasterxml.jackson.databind.JsonNode error = env.mapper.readTree(r.body());
        assertThat(error.isObject()).as(shown).isTrue();
        assertThat(error.path("error").asText()).as("error of " + shown).isNotBlank();
        assertThat(error.path("field").isTextual() && !error.path("field").asText().isBlank())
                .as("field named by " + shown).isTrue();
    }

    record Request(String path, String body) {
        @Override
        public String toString() {
            return "POST " + path + " " + (body.length() > 200 ? body.substring(0, 200) + "…" : body);
        }
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<String> path = Arbitraries.of("/runs", "/references", "/labels");
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.of("", " ", "../../etc/passwd", "null", "NaN", "Infinity", "-1", "<script>alert(1)</script>",
                        "'; drop table ingest.run; --", "\u0000", "\uFEFFfx-hostile", "fx-hostile", "2024-13-45",
                        "2024-02-30", "2024-03-01", "9999999-01-01"),
                Arbitraries.strings().withChars('x').ofLength(100_000));
        Arbitrary<Object> value = Arbitraries.oneOf(text.map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e308).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(List.of(1, 2)), Arbitraries.just(Map.of("a", "b")));
        Arbitrary<Object> source = Arbitraries.oneOf(
                Arbitraries.of(hostileFiles).map(p -> (Object) p.toString()),
                value);
        Arbitrary<String> wellShaped = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.just((Object) "fx-hostile"), value),
                Arbitraries.oneOf(Arbitraries.of("2024-03-01", "2024-03-02").map(d -> (Object) d), value),
                source, Arbitraries.integers().between(0, 3)).as((model, date, src, drop) -> {
                    Map<String, Object> body = new TreeMap<>(Map.of("modelId", model, "date", date, "source", src,
                            "config", env.config.toString(), "predictionDate", date));
                    body.remove(List.of("modelId", "date", "source", "config").get(drop));
                    try {
                        return env.mapper.writeValueAsString(body);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        Arbitrary<String> malformed = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.of("{", "{\"modelId\":", "[]", "null", "\"x\"", "{\"modelId\":\"fx-hostile\",\"date\":\"2024-03-01\"",
                        "{\"modelId\":\"fx-hostile\",\"date\":2024,\"source\":{}}", "\uFEFF{}", "{\"a\":" + "[".repeat(5000)));
        return Combinators.combine(path, Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(7, wellShaped), net.jqwik.api.Tuple.of(3, malformed))).as(Request::new);
    }

    /** A few dozen broken CSV files around the suite's valid header (and two valid ones). */
    private static List<Path> writeHostileFiles() throws Exception {
        Path dir = env.data.resolve("hostile");
        Files.createDirectories(dir);
        List<String> day = Files.readAllLines(env.data.resolve("day.csv"));
        String header = day.get(0);
        String row = day.get(1);
        String[] cells = row.split(",", -1);
        List<byte[]> contents = new ArrayList<>();
        contents.add((header + "\n" + String.join("\n", day.subList(1, 40)) + "\n").getBytes(StandardCharsets.UTF_8));
        contents.add((header + "\n").getBytes(StandardCharsets.UTF_8));
        contents.add(new byte[0]);
        contents.add((header + "\n" + row.substring(0, row.length() / 2)).getBytes(StandardCharsets.UTF_8));
        contents.add((header + "\n\"" + row + "\n").getBytes(StandardCharsets.UTF_8));
        contents.add((header + "\n" + row + ",extra,cells\n").getBytes(StandardCharsets.UTF_8));
        contents.add((header + "\n" + cells[0] + "\n").getBytes(StandardCharsets.UTF_8));
        contents.add(("\uFEFF" + header + "\n" + row + "\n").getBytes(StandardCharsets.UTF_8));
        contents.add((header + "\n" + row.replace("a", "\u00e9") + "\n").getBytes(StandardCharsets.ISO_8859_1));
        contents.add((header.replace(",", ";") + "\n" + row.replace(",", ";") + "\n").getBytes(StandardCharsets.UTF_8));
        contents.add(("not,a,header\n1,2,3\n").getBytes(StandardCharsets.UTF_8));
        contents.add(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0, 0x41, 0x0a});
        for (String replacement : List.of("NaN", "Infinity", "-Infinity", "1e400", "\"\"", "\"a\"\"b\"", "x".repeat(200_000),
                "null", "\"unterminated", "0x1F", "\u0000")) {
            StringBuilder b = new StringBuilder(header).append('\n');
            for (int r = 1; r < 30; r++) {
                String[] c = day.get(r).split(",", -1);
                c[r % c.length] = replacement;
                b.append(String.join(",", c)).append('\n');
            }
            contents.add(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            Path f = dir.resolve("hostile-" + i + ".csv");
            Files.write(f, contents.get(i));
            files.add(f);
        }
        files.add(dir.resolve("missing.csv"));
        files.add(dir);
        return files;
    }

    private static boolean isJson(String body) {
        try {
            return !body.isBlank() && env.mapper.readTree(body) != null;
        } catch (Exception e) {
            return false;
        }
    }
}
