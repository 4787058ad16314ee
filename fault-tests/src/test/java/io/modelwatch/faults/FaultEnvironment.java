package io.modelwatch.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The fault suite's own world, shared by its test classes (one per JVM, closed by a shutdown hook): a PostgreSQL
 * cluster ({@code initdb} into a temporary directory, as {@code nobody} when the tests run as root) and a RabbitMQ
 * node ({@code faults-<port>@localhost}, its own Mnesia, logs and Erlang cookie) on free ports, so the tests may stop
 * and start them without touching the machine's servers; the five packaged services against them; a fake Slack that
 * keeps every notification. Only processes started here are stopped.
 */
final class FaultEnvironment {

    static final List<String> SERVICES = List.of("ingest-service", "drift-service", "performance-service",
            "alert-service", "report-service");
    static final List<String> SCHEMAS = List.of("ingest", "drift", "performance", "alert", "report");
    static final String PG_BIN = System.getProperty("modelwatch.faults.pg-bin", "/usr/lib/postgresql/15/bin");
    static final String RABBIT_BIN = Files.isDirectory(Path.of("/usr/lib/rabbitmq/bin")) ? "/usr/lib/rabbitmq/bin/" : "";
    static final LocalDate REFERENCE_DATE = LocalDate.of(2024, 1, 15);
    static final LocalDate RUN_DATE = LocalDate.of(2024, 3, 1);
    /** Rows per batch: small, the suite is about delivery, not arithmetic. */
    static final int ROWS = 400;
    /** Rows per stored chunk: a batch of more than two chunks is split into chunk tasks. */
    static final int CHUNK_ROWS = 500;

    /** This run's API keys (random: the services accept no other), sent as {@code X-API-Key}. */
    static final String ADMIN_KEY = "faults-admin-" + java.util.UUID.randomUUID();
    static final String READER_KEY = "faults-reader-" + java.util.UUID.randomUUID();

    private static FaultEnvironment instance;

    final Path dir;
    final Path repoRoot;
    final Path data;
    final Path config;
    final int pgPort;
    final int amqpPort;
    final String nodeName;
    final String jdbcUrl;
    final ObjectMapper mapper = Json.mapper();
    final List<String> slack = new CopyOnWriteArrayList<>();
    final Figures figures = new Figures();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Long> logOffsets = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> serviceEnv = new LinkedHashMap<>();
    private final boolean root;
    private HttpServer slackServer;

    static synchronized FaultEnvironment get() {
        if (instance == null) {
            FaultEnvironment env = new FaultEnvironment();
            Runtime.getRuntime().addShutdownHook(new Thread(env::close, "fault-environment-close"));
            instance = env;
            try {
                env.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the fault environment: " + e.getMessage(), e);
            }
        }
        return instance;
    }

    private FaultEnvironment() {
        try {
            repoRoot = Path.of(System.getProperty("modelwatch.repo.root", "..")).toAbsolutePath().normalize();
            data = repoRoot.resolve("fault-tests/target/fault-data");
            Files.createDirectories(data);
            dir = Files.createTempDirectory("modelwatch-faults");
            config = data.resolve("monitoring.yaml");
            pgPort = freePort();
            amqpPort = freePort();
            nodeName = "faults-" + amqpPort + "@localhost";
            jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pgPort + "/modelwatch";
            root = "root".equals(System.getProperty("user.name"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void start() throws Exception {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEFAULT_RESOURCE)) {
            Files.copy(Objects.requireNonNull(in), config, StandardCopyOption.REPLACE_EXISTING);
        }
        ChurnDataGenerator.of(Scenario.STABLE, REFERENCE_DATE, "R").write(data.resolve("reference.csv"), ROWS, 21);
        ChurnDataGenerator.of(Scenario.DRIFT, RUN_DATE, "C").write(data.resolve("day.csv"), ROWS, 22);
        startPostgres();
        startRabbit();
        startSlack();
        serviceEnv.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        serviceEnv.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        serviceEnv.put("RABBITMQ_HOST", "127.0.0.1");
        serviceEnv.put("RABBITMQ_PORT", String.valueOf(amqpPort));
        serviceEnv.put("RABBITMQ_USERNAME", "guest");
        serviceEnv.put("RABBITMQ_PASSWORD", "guest");
        serviceEnv.put("RABBITMQ_VIRTUAL_HOST", "/");
        serviceEnv.put("MODELWATCH_BUS_QUEUE_PREFIX", "fx.");
        serviceEnv.put("MODELWATCH_MONITORING_CONFIG_FILE", config.toString());
        serviceEnv.put("MODELWATCH_ALERTS_SLACK_WEBHOOK_URL", "http://127.0.0.1:" + slackServer.getAddress().getPort() + "/deployment");
        serviceEnv.put("MODELWATCH_OUTBOX_RELAY_EVERY", "1s");
        serviceEnv.put("MODELWATCH_AUTH_ADMIN_KEYS", ADMIN_KEY);
        serviceEnv.put("MODELWATCH_AUTH_READER_KEYS", READER_KEY);
        // a run of more than 1,000 rows is stored in chunks of 500 and split into chunk tasks of two chunks, each held
        // 1.5 s before its counts are stored, so ReplicaFailoverIT can kill a replica holding one; the 400-row runs
        // of the other scenarios are one chunk, counted in one pass as before
        serviceEnv.put("MODELWATCH_INGEST_CHUNK_ROWS", String.valueOf(CHUNK_ROWS));
        serviceEnv.put("MODELWATCH_COMPUTE_CHUNKS_PER_TASK", "2");
        serviceEnv.put("MODELWATCH_COMPUTE_TASK_PAUSE_MS", "1500");
        // no rehearsal run at start-up: these scenarios restart services many times, and what they test (no loss,
        // no duplicate) does not depend on a warm JVM; WarmUpTest and the e2e deployment cover the rehearsal
        serviceEnv.put("MODELWATCH_WARM_UP_ROWS", "0");
        // the only directory a request may name a file in: the suite's data and its monitoring.yaml
        serviceEnv.put("MODELWATCH_SOURCES_ROOTS", data.toString());
        for (String s : SERVICES) {
            ports.put(s, freePort());
        }
        serviceEnv.put("MODELWATCH_INGEST_ALERT_SERVICE_URL", url("alert-service"));
        for (String s : SERVICES) {
            startService(s);
        }
        for (String s : SERVICES) {
            awaitReady(s, Duration.ofSeconds(180));
        }
    }

    // ---------------------------------------------------------------- PostgreSQL

    private List<String> asPg(String... cmd) {
        List<String> c = new ArrayList<>();
        if (root) {
            c.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        c.addAll(List.of(cmd));
        return c;
    }

    private void startPostgres() throws Exception {
        Path pg = dir.resolve("pg");
        Files.createDirectories(pg);
        if (root) {
            exec(List.of("chown", "-R", "nobody", dir.toString()), 30);
            exec(List.of("chmod", "755", dir.toString()), 30);
        }
        exec(asPg(PG_BIN + "/initdb", "-D", pg.resolve("data").toString(), "-A", "trust", "-U", "postgres",
                "-E", "UTF8", "--no-sync"), 120);
        pgStart();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", "")) {
            c.createStatement().execute("create database modelwatch");
        }
    }

    void pgStart() throws Exception {
        Path pg = dir.resolve("pg");
        exec(asPg(PG_BIN + "/pg_ctl", "-D", pg.resolve("data").toString(), "-l", pg.resolve("log").toString(), "-w",
                "-o", "-p " + pgPort + " -k " + pg + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300",
                "start"), 120);
    }

    void pgStop() throws Exception {
        exec(asPg(PG_BIN + "/pg_ctl", "-D", dir.resolve("pg/data").toString(), "-m", "fast", "-w", "stop"), 120);
    }

    // ---------------------------------------------------------------- RabbitMQ

    private void startRabbit() throws Exception {
        Path r = dir.resolve("rabbit");
        Files.createDirectories(r.resolve("home"));
        Files.writeString(r.resolve("enabled_plugins"), "[].\n");
        rabbit("rabbitmq-server", "-detached");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (rabbitQuiet("rabbitmq-diagnostics", "-q", "-n", nodeName, "ping") != 0) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("RabbitMQ node " + nodeName + " did not answer; see " + r.resolve("log"));
            }
            Thread.sleep(500);
        }
        rabbit("rabbitmqctl", "-n", nodeName, "await_startup");
    }

    /** Stops the broker application (connections dropped, listener closed) and starts it again. */
    void rabbitStopApp() throws Exception {
        rabbit("rabbitmqctl", "-n", nodeName, "stop_app");
    }

    void rabbitStartApp() throws Exception {
        rabbit("rabbitmqctl", "-n", nodeName, "start_app");
        rabbit("rabbitmqctl", "-n", nodeName, "await_startup");
    }

    /** Messages (ready and unacknowledged) per queue of the private node. */
    Map<String, Long> queueDepths() throws Exception {
        String out = rabbitOut("rabbitmqctl", "-q", "-n", nodeName, "list_queues", "name", "messages", "--no-table-headers");
        Map<String, Long> depths = new TreeMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[1].matches("\\d+")) {
                depths.put(f[0], Long.parseLong(f[1]));
            }
        }
        return depths;
    }

    long deadLetterDepth() throws Exception {
        return queueDepths().entrySet().stream().filter(e -> e.getKey().endsWith(".dlq")).mapToLong(Map.Entry::getValue).sum();
    }

    long workDepth() throws Exception {
        return queueDepths().entrySet().stream().filter(e -> !e.getKey().endsWith(".dlq")).mapToLong(Map.Entry::getValue).sum();
    }

    private ProcessBuilder rabbitProcess(String... cmd) {
        Path r = dir.resolve("rabbit");
        List<String> c = new ArrayList<>(List.of(cmd));
        c.set(0, RABBIT_BIN + cmd[0]);
        ProcessBuilder pb = new ProcessBuilder(c).directory(r.toFile());
        Map<String, String> e = pb.environment();
        e.put("HOME", r.resolve("home").toString());
        e.put("RABBITMQ_NODENAME", nodeName);
        e.put("RABBITMQ_NODE_PORT", String.valueOf(amqpPort));
        try {
            e.put("RABBITMQ_DIST_PORT", String.valueOf(freePort()));
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        e.put("RABBITMQ_MNESIA_BASE", r.resolve("mnesia").toString());
        e.put("RABBITMQ_LOG_BASE", r.resolve("log").toString());
        e.put("RABBITMQ_CONFIG_FILE", r.resolve("rabbitmq").toString());
        e.put("RABBITMQ_ENABLED_PLUGINS_FILE", r.resolve("enabled_plugins").toString());
        e.put("RABBITMQ_PID_FILE", r.resolve("pid").toString());
        return pb;
    }

    private void rabbit(String... cmd) throws Exception {
        Process p = rabbitProcess(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("rabbit/commands.log").toFile())).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed; see " + dir.resolve("rabbit/commands.log"));
        }
    }

    private int rabbitQuiet(String... cmd) throws Exception {
        Process p = rabbitProcess(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private String rabbitOut(String... cmd) throws Exception {
        Process p = rabbitProcess(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited " + p.exitValue());
        }
        return out;
    }

    // ---------------------------------------------------------------- services

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    private Path log(String service) {
        return repoRoot.resolve("fault-tests/target/fault-logs").resolve(service + ".log");
    }

    /**
     * Starts a second replica of a service on a port of its own, with the same database, broker and queue names (so it
     * competes for the same work queues); returns its name, {@code <service>-2}, for {@link #kill} and {@link #pid}.
     */
    String startReplica(String service) throws Exception {
        String replica = service + REPLICA_SUFFIX;
        ports.put(replica, freePort());
        startService(replica);
        awaitReady(replica, Duration.ofSeconds(180));
        return replica;
    }

    private static final String REPLICA_SUFFIX = "-2";

    /** The process id of a service (or replica) started here. */
    long pid(String service) {
        return processes.get(service).pid();
    }

    void startService(String service) throws IOException {
        Path jar = repoRoot.resolve(service.replaceFirst(REPLICA_SUFFIX + "$", ""))
                .resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (mvn verify does)");
        }
        Files.createDirectories(log(service).getParent());
        logOffsets.put(service, Files.exists(log(service)) ? Files.size(log(service)) : 0L);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx320m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dquarkus.http.port=" + ports.get(service), "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log(service).toFile()));
        pb.environment().putAll(serviceEnv);
        processes.put(service, pb.start());
    }

    /** SIGKILL (Process.destroyForcibly on Linux), then waits for the process to be gone. */
    void kill(String service) throws InterruptedException {
        Process p = processes.get(service);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    void restart(String service) throws Exception {
        startService(service);
        awaitReady(service, Duration.ofSeconds(120));
    }

    /** SIGSTOP / SIGCONT: freezes a service with its connections open, so what the broker pushes waits in it. */
    void signal(String service, String signal) throws Exception {
        exec(List.of("kill", "-" + signal, String.valueOf(processes.get(service).pid())), 10);
    }

    /**
     * Waits until this start of the service logged that it listens on its port and answers its readiness check. The
     * log is read because on a shared machine another process may take the free port first and answer the check
     * itself; a start that lost its port that way is retried on another free port.
     */
    void awaitReady(String service, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        int portRetries = 0;
        while (!(startedHere(service) && ready(service))) {
            Process p = processes.get(service);
            if (!p.isAlive() && portRetries < 3 && newLog(service).contains("seems to be in use")) {
                portRetries++;
                ports.put(service, freePort());
                startService(service);
                continue;
            }
            if (!p.isAlive() || System.nanoTime() > end) {
                throw new IllegalStateException(service + " not ready (alive: " + p.isAlive() + "); see " + log(service));
            }
            Thread.sleep(250);
        }
    }

    private String newLog(String service) throws IOException {
        byte[] all = Files.readAllBytes(log(service));
        int from = (int) Math.min(all.length, logOffsets.getOrDefault(service, 0L));
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    private boolean startedHere(String service) throws IOException {
        return newLog(service).contains("Listening on: http://0.0.0.0:" + ports.get(service));
    }

    boolean ready(String service) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url(service) + "/q/health/ready").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(3000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- HTTP and SQL helpers

    /** POSTs with the admin key. */
    HttpResponse<String> post(String service, String path, String body) throws IOException, InterruptedException {
        return postAs(service, path, body, "X-API-Key", ADMIN_KEY);
    }

    /** POSTs a raw JSON body with exactly the headers given (none: no credentials). */
    HttpResponse<String> postAs(String service, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(service) + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs with the admin key. */
    HttpResponse<String> get(String service, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(service) + path)).timeout(Duration.ofSeconds(30))
                        .header("X-API-Key", ADMIN_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode postJson(String service, String path, Object body, int... expected) throws Exception {
        HttpResponse<String> r = post(service, path, mapper.writeValueAsString(body));
        if (java.util.Arrays.stream(expected).noneMatch(s -> s == r.statusCode())) {
            throw new AssertionError(service + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return mapper.readTree(r.body());
    }

    /** Registers the model with the suite's reference and configuration file. */
    void registerModel(String model) throws Exception {
        postJson("ingest-service", "/references", Map.of("modelId", model,
                "source", data.resolve("reference.csv").toString(), "config", config.toString()), 201);
    }

    String startRun(String model, LocalDate date) throws Exception {
        return startRun(model, date, data.resolve("day.csv"));
    }

    /** Starts a run of the model on a day file of the suite's data directory. */
    String startRun(String model, LocalDate date, Path day) throws Exception {
        return postJson("ingest-service", "/runs", Map.of("modelId", model, "date", date.toString(),
                "source", day.toString()), 202).get("runId").asText();
    }

    /** The run's snapshot, or null while report-service has none. */
    JsonNode snapshot(String runId) throws Exception {
        HttpResponse<String> r = get("report-service", "/runs/" + runId + "/snapshot");
        return r.statusCode() == 200 ? mapper.readTree(r.body()) : null;
    }

    /** A snapshot's metrics, alerts and drift with the model id and run identity taken out, to compare two runs. */
    JsonNode comparable(JsonNode snapshot, String model) throws Exception {
        ObjectNode copy = mapper.createObjectNode();
        for (String f : List.of("metrics", "alerts", "drift")) {
            copy.set(f, snapshot.get(f));
        }
        return mapper.readTree(mapper.writeValueAsString(copy).replace(model, "MODEL"));
    }

    Connection db() throws Exception {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }

    /** Rows per table (every table of the five schemas with a run_id column) for this run: the run's footprint. */
    Map<String, Long> rowCounts(String runId) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = db()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("select table_schema || '.' || table_name from"
                    + " information_schema.columns where column_name = 'run_id' and table_schema in"
                    + " ('ingest','drift','performance','alert','report') order by 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (PreparedStatement ps = c.prepareStatement("select count(*) from " + t + " where run_id = ?")) {
                    ps.setString(1, runId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        counts.put(t, rs.getLong(1));
                    }
                }
            }
        }
        return counts;
    }

    long sql(String query, Object... args) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            if (query.trim().toLowerCase().startsWith("select")) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
            return ps.executeUpdate();
        }
    }

    /** Outbox rows not yet sent, over the five services. */
    long pendingOutbox() throws Exception {
        long n = 0;
        for (String s : SCHEMAS) {
            n += sql("select count(*) from " + s + ".event_outbox where sent_at is null");
        }
        return n;
    }

    /** Slack notifications received naming this model. */
    long notifications(String model) {
        return slack.stream().filter(b -> b.contains("\"" + model + "\"")).count();
    }

    private void startSlack() throws IOException {
        slackServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slackServer.createContext("/", exchange -> {
            slack.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        slackServer.start();
    }

    // ---------------------------------------------------------------- plumbing

    private void exec(List<String> cmd, int timeoutSeconds) throws Exception {
        Path log = dir.resolve("commands.log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " failed; see " + log + ":\n" + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void close() {
        for (Process p : processes.values()) {
            p.destroy();
        }
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
        if (slackServer != null) {
            slackServer.stop(0);
        }
        try {
            rabbit("rabbitmqctl", "-n", nodeName, "stop");
        } catch (Exception e) {
            System.err.println("could not stop the fault suite's RabbitMQ node " + nodeName + ": " + e.getMessage());
        }
        try {
            pgStop();
        } catch (Exception e) {
            System.err.println("could not stop the fault suite's PostgreSQL: " + e.getMessage());
        }
        figures.write();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir);
        }
    }

    /** The suite's figures: one row per scenario, printed when the JVM ends and written to target/fault-figures.md. */
    final class Figures {
        private final List<String> rows = new CopyOnWriteArrayList<>();

        void add(String scenario, long runs, long rowsChecked, long retries, long replayed, long wallMillis) {
            rows.add(String.format("| %s | %d | %d | %d | %d | %.1f s |", scenario, runs, rowsChecked, retries, replayed,
                    wallMillis / 1000.0));
        }

        String table() {
            StringBuilder b = new StringBuilder("| Scenario | Runs | Rows checked | Retries | Dead letters replayed | Wall time |\n"
                    + "|---|---|---|---|---|---|\n");
            rows.forEach(r -> b.append(r).append('\n'));
            return b.toString();
        }

        void print() {
            System.out.println("\nFault suite figures\n" + table());
        }

        /** Writes the table to target/fault-figures.md (at the end of the JVM: every class's rows). */
        void write() {
            try {
                Files.writeString(repoRoot.resolve("fault-tests/target/fault-figures.md"), table());
            } catch (IOException e) {
                System.err.println("could not write the figures: " + e.getMessage());
            }
        }
    }
}
