package io.modelwatch.e2e;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five packaged services ({@code <module>/target/quarkus-app/quarkus-run.jar}) as child processes on
 * free ports, sharing the environment given (broker, database, bus names), and on request more replicas of a
 * service ({@link #startReplica}). Logs go to {@code target/e2e-logs/<service>.log} ({@code <service>-2.log} for
 * a second replica). Only the processes started here are stopped.
 */
final class ServiceProcesses implements AutoCloseable {

    static final List<String> SERVICES = List.of("ingest-service", "drift-service", "performance-service",
            "alert-service", "report-service");

    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final java.util.Set<String> launched = new java.util.HashSet<>();
    private final Path repoRoot;
    private final Path logs;

    private ServiceProcesses(Path repoRoot, Path logs) {
        this.repoRoot = repoRoot;
        this.logs = logs;
    }

    /**
     * Starts the five services. Each gets a free port; ingest-service is told where alert-service listens
     * ({@code MODELWATCH_INGEST_ALERT_SERVICE_URL}, for the open alerts of {@code GET /models/{id}}).
     */
    static ServiceProcesses start(Path repoRoot, Path logs, Map<String, String> env) throws IOException {
        Files.createDirectories(logs);
        ServiceProcesses all = new ServiceProcesses(repoRoot, logs);
        for (String service : SERVICES) {
            all.ports.put(service, freePort());
        }
        all.environment.putAll(env);
        all.environment.put("MODELWATCH_INGEST_ALERT_SERVICE_URL", all.url("alert-service"));
        try {
            for (String service : SERVICES) {
                all.launch(service, service, Map.of());
            }
        } catch (IOException | RuntimeException e) {
            all.close();
            throw e;
        }
        return all;
    }

    /**
     * Starts one more process of {@code service} (a replica: the same jar and environment, so the same database and
     * queues, on a port of its own), with {@code extraEnv} added to the environment; returns its name,
     * {@code <service>-<n>} with n = 2, 3, ..., under which {@link #url}, {@link #log},
     * {@link #awaitReady(String, Duration)} and {@link #stop} know it.
     */
    String startReplica(String service, Map<String, String> extraEnv) throws IOException {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("no service " + service + "; one of " + SERVICES);
        }
        int n = 2;
        while (processes.containsKey(service + "-" + n)) {
            n++;
        }
        String name = service + "-" + n;
        ports.put(name, freePort());
        launch(name, service, extraEnv);
        return name;
    }

    /**
     * Starts a service stopped with {@link #stop} again, on its port, with the environment of {@link #start}
     * (nothing when it runs).
     */
    void restart(String service) throws IOException {
        if (processes.containsKey(service)) {
            return;
        }
        launch(service, service, Map.of());
    }

    private void launch(String name, String service, Map<String, String> extraEnv) throws IOException {
        Path jar = repoRoot.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run 'mvn verify' (or package the services) first");
        }
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dquarkus.http.port=" + ports.get(name), "-jar", jar.toString()));
        // a restarted service adds to the log of its first process
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(launched.add(name)
                ? ProcessBuilder.Redirect.to(log(name).toFile()) : ProcessBuilder.Redirect.appendTo(log(name).toFile()));
        pb.environment().putAll(environment);
        pb.environment().putAll(extraEnv);
        processes.put(name, pb.start());
    }

    /** Stops one process started here; a replica's port is forgotten, a service's kept for {@link #restart}. */
    void stop(String name) {
        Process p = processes.remove(name);
        if (!SERVICES.contains(name)) {
            ports.remove(name);
        }
        if (p != null) {
            stop(List.of(p));
        }
    }

    Path log(String service) {
        return logs.resolve(service + ".log");
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** Waits until every service answers its readiness check. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        for (String service : SERVICES) {
            awaitReady(service, end, timeout);
        }
    }

    /** Waits until this process (a service or a replica) answers its readiness check. */
    void awaitReady(String name, Duration timeout) throws InterruptedException {
        awaitReady(name, System.nanoTime() + timeout.toNanos(), timeout);
    }

    private void awaitReady(String name, long end, Duration timeout) throws InterruptedException {
        while (!ready(name)) {
            Process p = processes.get(name);
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + "; see " + log(name));
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException(name + " not ready after " + timeout + "; see " + log(name));
            }
            Thread.sleep(250);
        }
    }

    private boolean ready(String service) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url(service) + "/q/health/ready").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        stop(List.copyOf(processes.values()));
    }

    private static void stop(List<Process> stopping) {
        for (Process p : stopping) {
            p.destroy();
        }
        for (Process p : stopping) {
            try {
                if (!p.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
