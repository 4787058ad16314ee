package io.modelwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.sun.net.httpserver.HttpServer;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.report.Json;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One deployment for every end-to-end test class: the five packaged services against the real local RabbitMQ and
 * PostgreSQL, with bus names unique to this run (deleted at the end), the built-in churn configuration as the
 * deployment's {@code monitoring.yaml}, and a fake Slack in this JVM: the deployment's webhook is
 * {@code /deployment}, and {@code MODELWATCH_SLACK_WEBHOOK_STREAMING} (a model's own webhook) is {@code /streaming};
 * the services export their spans to an OTLP receiver in this JVM ({@link OtlpReceiver}).
 * Started on first use through {@link Extension}, closed when the test run ends; a test may run some services as
 * several replicas for a while ({@link #replicas}). Also the HTTP, SQL and CLI helpers the tests share.
 */
final class Deployment implements AutoCloseable {

    static final String RUN_TAG = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    static final String JDBC_URL = env("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String DB_USER = env("QUARKUS_DATASOURCE_USERNAME", "postgres");
    static final String DB_PASSWORD = env("QUARKUS_DATASOURCE_PASSWORD", "");
    /** This run's API keys (random: the services accept nothing else), sent as {@code X-API-Key}. */
    static final String ADMIN_KEY = "e2e-admin-" + UUID.randomUUID();
    static final String READER_KEY = "e2e-reader-" + UUID.randomUUID();
    /** The variable a model's configuration names for its own Slack webhook. */
    static final String STREAMING_WEBHOOK = "MODELWATCH_SLACK_WEBHOOK_STREAMING";

    final Path root;
    final Path data;
    /** The deployment's monitoring.yaml: the built-in churn configuration. */
    final Path config;
    final FakeSlack slack;
    /** Where the services export their spans (OTLP/HTTP): every span of every service. */
    final OtlpReceiver traces;
    final ObjectMapper mapper = Json.mapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ServiceProcesses services;

    /** Gives a test class's {@code @BeforeAll} (or a test) the deployment, starting it the first time. */
    static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Deployment.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .computeIfAbsent(Deployment.class, k -> start(), Deployment.class);
        }
    }

    private Deployment(Path root, Path data, Path config, FakeSlack slack, OtlpReceiver traces, ServiceProcesses services) {
        this.root = root;
        this.data = data;
        this.config = config;
        this.slack = slack;
        this.traces = traces;
        this.services = services;
    }

    private static Deployment start() {
        try {
            Path root = Path.of(System.getProperty("modelwatch.repo.root", "..")).toAbsolutePath().normalize();
            Path target = root.resolve("e2e-tests/target");
            Path data = target.resolve("e2e-data");
            Files.createDirectories(data);
            Path config = data.resolve("monitoring.yaml");
            try (InputStream in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEFAULT_RESOURCE)) {
                Files.copy(Objects.requireNonNull(in, ConfigLoader.DEFAULT_RESOURCE), config,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            FakeSlack slack = FakeSlack.start();
            OtlpReceiver traces = OtlpReceiver.start();
            Map<String, String> env = new HashMap<>();
            env.put("QUARKUS_DATASOURCE_JDBC_URL", JDBC_URL);
            env.put("QUARKUS_DATASOURCE_USERNAME", DB_USER);
            env.put("MODELWATCH_BUS_EXCHANGE", RUN_TAG + ".events");
            env.put("MODELWATCH_BUS_DEAD_LETTER_EXCHANGE", RUN_TAG + ".dead-letters");
            env.put("MODELWATCH_BUS_QUEUE_PREFIX", RUN_TAG + ".");
            env.put("MODELWATCH_MONITORING_CONFIG_FILE", config.toString());
            env.put("MODELWATCH_AUTH_ADMIN_KEYS", ADMIN_KEY);
            env.put("MODELWATCH_AUTH_READER_KEYS", READER_KEY);
            // the only directory a request may name a file in: every test's data and the deployment's monitoring.yaml
            env.put("MODELWATCH_SOURCES_ROOTS", data.toString());
            // batches stored in chunks of 500 rows (a 3000-row day in six), read back and counted chunk by chunk by
            // drift and performance: the snapshots the tests compare with the CLI's come through chunks
            env.put("MODELWATCH_INGEST_CHUNK_ROWS", "500");
            // one replica counts a whole run in one pass (no chunk tasks): FourWayEqualityIT's two-replica leg turns
            // chunk tasks on for its own processes, so the four ways include both the one pass and the split run
            env.put("MODELWATCH_COMPUTE_CHUNKS_PER_TASK", "0");
            env.put("MODELWATCH_ALERTS_SLACK_WEBHOOK_URL", slack.url("/deployment"));
            env.put(STREAMING_WEBHOOK, slack.url("/streaming"));
            // tracing on, as in a cluster with a collector: the standard OTLP variables, HTTP/protobuf to this JVM
            env.put("OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint());
            env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
            ServiceProcesses services = ServiceProcesses.start(root, target.resolve("e2e-logs"), env);
            Deployment d = new Deployment(root, data, config, slack, traces, services);
            services.awaitReady(Duration.ofSeconds(150));
            return d;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the end-to-end deployment: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        services.close();
        slack.stop();
        traces.close();
        deleteBusNames();
    }

    String url(String service) {
        return services.url(service);
    }

    /** POSTs with the admin key and checks the status. */
    JsonNode post(String service, String path, Object body, int expectedStatus) throws Exception {
        return post(service, path, body, expectedStatus, Map.of());
    }

    /** A POST with the admin key and these extra request headers (a {@code traceparent}, as the CronJob sends). */
    JsonNode post(String service, String path, Object body, int expectedStatus, Map<String, String> headers) throws Exception {
        List<String> all = new ArrayList<>(List.of("X-API-Key", ADMIN_KEY));
        headers.forEach((name, value) -> {
            all.add(name);
            all.add(value);
        });
        HttpResponse<String> r = postAs(service, path, mapper.writeValueAsString(body), all.toArray(String[]::new));
        assertThat(r.statusCode()).as(service + path + ": " + r.body()).isEqualTo(expectedStatus);
        return mapper.readTree(r.body());
    }

    /** POSTs a raw body with exactly the headers given (none: no credentials). */
    HttpResponse<String> postAs(String service, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(service) + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs with the reader key. */
    HttpResponse<String> get(String service, String path) throws IOException, InterruptedException {
        return getAs(service, path, "X-API-Key", READER_KEY);
    }

    /** GETs with exactly the headers given (none: no credentials). */
    HttpResponse<String> getAs(String service, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(service) + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Replaces the one process of each of {@code services} by {@code count} processes of it (replicas on the same
     * database and queues) with {@code extraEnv} added to their environment, and waits until they are ready;
     * {@link Replicas#close} stops them and starts the single processes again, as they were.
     */
    Replicas replicas(List<String> services, int count, Map<String, String> extraEnv) throws Exception {
        Replicas r = new Replicas(services);
        try {
            for (String service : services) {
                this.services.stop(service);
            }
            for (String service : services) {
                for (int i = 0; i < count; i++) {
                    r.names.add(this.services.startReplica(service, extraEnv));
                }
            }
            for (String name : r.names) {
                this.services.awaitReady(name, Duration.ofSeconds(150));
            }
        } catch (Exception | Error e) {
            r.close();
            throw e;
        }
        return r;
    }

    /** Replicas started by {@link #replicas}; closing them puts the deployment back to one process per service. */
    final class Replicas implements AutoCloseable {
        private final List<String> replaced;
        final List<String> names = new ArrayList<>();

        private Replicas(List<String> replaced) {
            this.replaced = List.copyOf(replaced);
        }

        @Override
        public void close() throws Exception {
            names.forEach(services::stop);
            for (String service : replaced) {
                services.restart(service);
            }
            for (String service : replaced) {
                services.awaitReady(service, Duration.ofSeconds(150));
            }
        }
    }

    /** Where each service's output (its log) is written. */
    Path log(String service) {
        return services.log(service);
    }

    /** The run's {@code snapshot.json} from report-service, once all its sections have arrived. */
    JsonNode awaitSnapshot(String runId) throws Exception {
        String[] body = new String[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> r = get("report-service", "/runs/" + runId + "/snapshot");
            body[0] = r.body();
            return r.statusCode() == 200;
        });
        return mapper.readTree(body[0]);
    }

    /** Runs the packaged CLI with these arguments; it must exit 0. Its output goes to {@code data/<log>.log}. */
    String cli(String log, String... args) throws Exception {
        Path jar = root.resolve("cli/target/modelwatch-cli.jar");
        assertThat(jar).as("the CLI must be packaged before this test").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = data.resolve(log + ".log");
        Process cli = new ProcessBuilder(command).redirectError(data.resolve(log + ".err").toFile())
                .redirectOutput(out.toFile()).start();
        assertThat(cli.waitFor(120, TimeUnit.SECONDS)).as("CLI finished").isTrue();
        assertThat(cli.exitValue()).as("CLI exit code, see " + out + " and .err").isZero();
        return Files.readString(out);
    }

    long countMetricRows(String schema, String runId) throws Exception {
        try (var c = DriverManager.getConnection(JDBC_URL, DB_USER, DB_PASSWORD);
             PreparedStatement ps = c.prepareStatement("select count(*) from " + schema + ".metrics_log where run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A run's chunk tasks in a service's schema: [tasks, tasks done, distinct replicas that finished one]. */
    List<Long> chunkTasks(String schema, String runId) throws Exception {
        try (var c = DriverManager.getConnection(JDBC_URL, DB_USER, DB_PASSWORD);
             PreparedStatement ps = c.prepareStatement("select count(*), count(done_at), count(distinct done_by) from "
                     + schema + ".chunk_task where run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }

    /** The model ids a service's metric rows of a run carry. */
    List<String> metricModelIds(String schema, String runId) throws Exception {
        try (var c = DriverManager.getConnection(JDBC_URL, DB_USER, DB_PASSWORD);
             PreparedStatement ps = c.prepareStatement("select distinct model_id from " + schema
                     + ".metrics_log where run_id = ? order by model_id")) {
            ps.setString(1, runId);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    static ConnectionFactory amqpFactory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(env("RABBITMQ_HOST", "127.0.0.1"));
        f.setPort(Integer.parseInt(env("RABBITMQ_PORT", "5672")));
        f.setUsername(env("RABBITMQ_USERNAME", "guest"));
        f.setPassword(env("RABBITMQ_PASSWORD", "guest"));
        f.setVirtualHost(env("RABBITMQ_VIRTUAL_HOST", "/"));
        return f;
    }

    /** Deletes this run's queues and exchanges (they are durable, so they would outlive the test). */
    private static void deleteBusNames() {
        try (Connection c = amqpFactory().newConnection("modelwatch-e2e-cleanup"); Channel ch = c.createChannel()) {
            String prefix = RUN_TAG + ".";
            for (String q : List.of(
                    Channels.queue(prefix, Channels.DRIFT_SERVICE, Channels.BATCH_READY),
                    Channels.queue(prefix, Channels.PERFORMANCE_SERVICE, Channels.BATCH_READY),
                    Channels.queue(prefix, Channels.PERFORMANCE_SERVICE, Channels.LABELS_READY),
                    Channels.queue(prefix, Channels.ALERT_SERVICE, Channels.METRICS_ALL),
                    Channels.queue(prefix, Channels.ALERT_SERVICE, Channels.METRICS_PERFORMANCE_REALISED),
                    Channels.queue(prefix, Channels.REPORT_SERVICE, Channels.METRICS_ALL))) {
                ch.queueDelete(q);
                ch.queueDelete(Channels.deadLetterQueue(q));
            }
            ch.exchangeDelete(RUN_TAG + ".events");
            ch.exchangeDelete(RUN_TAG + ".dead-letters");
        } catch (Exception e) {
            System.err.println("could not delete the e2e bus names " + RUN_TAG + ".*: " + e.getMessage());
        }
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Slack incoming webhooks on loopback: every POST is kept (path and body) and answered 200 "ok". */
    static final class FakeSlack {

        record Delivery(String path, JsonNode body) {

            /** The value of the message's "Model" field. */
            String model() {
                for (JsonNode f : body.get("attachments").get(0).get("fields")) {
                    if (f.get("title").asText().equals("Model")) {
                        return f.get("value").asText();
                    }
                }
                return null;
            }
        }

        private final HttpServer server;
        private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

        private FakeSlack(HttpServer server) {
            this.server = server;
        }

        static FakeSlack start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeSlack slack = new FakeSlack(server);
            ObjectMapper mapper = Json.mapper();
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                slack.deliveries.add(new Delivery(exchange.getRequestURI().getPath(), mapper.readTree(body)));
                byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
                exchange.close();
            });
            server.start();
            return slack;
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        List<Delivery> deliveries(String path) {
            return deliveries.stream().filter(d -> d.path().equals(path)).toList();
        }

        void stop() {
            server.stop(0);
        }
    }
}
