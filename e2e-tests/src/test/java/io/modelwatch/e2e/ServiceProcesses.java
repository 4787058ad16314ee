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
 * free ports, sharing the environment given (broker, database, bus names). Logs go to
 * {@code target/e2e-logs/<service>.log}. Only the processes started here are stopped.
 */
final class ServiceProcesses implements AutoCloseable {

    static final List<String> SERVICES = List.of("ingest-service", "drift-service", "performance-service",
            "alert-service", "report-service");

    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Path logs;

    private ServiceProcesses(Path logs) {
        this.logs = logs;
    }

    /**
     * Starts the five services. Each gets a free port; ingest-service is told where alert-service listens
     * ({@code MODELWATCH_INGEST_ALERT_SERVICE_URL}, for the open alerts of {@code GET /models/{id}}).
     */
    static ServiceProcesses start(Path repoRoot, Path logs, Map<String, String> env) throws IOException {
        Files.createDirectories(logs);
        ServiceProcesses all = new ServiceProcesses(logs);
        for (String service : SERVICES) {
            all.ports.put(service, freePort());
        }
        Map<String, String> environment = new LinkedHashMap<>(env);
        environment.put("MODELWATCH_INGEST_ALERT_SERVICE_URL", all.url("alert-service"));
        try {
            for (String service : SERVICES) {
                Path jar = repoRoot.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(jar + " is missing: run 'mvn verify' (or package the services) first");
                }
                int port = all.ports.get(service);
                List<String> cmd = new ArrayList<>(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-Dquarkus.http.port=" + port, "-jar", jar.toString()));
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(logs.resolve(service + ".log").toFile());
                pb.environment().putAll(environment);
                all.processes.put(service, pb.start());
            }
        } catch (IOException | RuntimeException e) {
            all.close();
            throw e;
        }
        return all;
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
            while (!ready(service)) {
                Process p = processes.get(service);
                if (!p.isAlive()) {
                    throw new IllegalStateException(service + " exited with " + p.exitValue() + "; see "
                            + logs.resolve(service + ".log"));
                }
                if (System.nanoTime() > end) {
                    throw new IllegalStateException(service + " not ready after " + timeout + "; see "
                            + logs.resolve(service + ".log"));
                }
                Thread.sleep(250);
            }
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
        for (Process p : processes.values()) {
            p.destroy();
        }
        for (Process p : processes.values()) {
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
