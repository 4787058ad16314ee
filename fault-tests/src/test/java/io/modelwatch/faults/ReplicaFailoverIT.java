package io.modelwatch.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.modelwatch.faults.FaultEnvironment.RUN_DATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of drift-service and of performance-service share one large run (chunk tasks on the
 * {@code <kind>.chunk.task} work queues); the second replica of each is killed with SIGKILL while it holds a task,
 * after at least one task of its section is done. The broker gives the unacknowledged task to the surviving replica,
 * which counts it again; the run completes and its snapshot has the CLI's numbers on the same files.
 */
class ReplicaFailoverIT {

    /** 20 stored chunks of 500 rows: 10 tasks of two chunks per section. */
    private static final int DAY_ROWS = 10_000;
    private static final Duration COMPLETE_WITHIN = Duration.ofSeconds(240);

    @Test
    void aReplicaKilledMidTaskLeavesItsTaskToTheOtherAndTheRunHasTheCliNumbers() throws Exception {
        FaultEnvironment env = FaultEnvironment.get();
        long t0 = System.currentTimeMillis();
        Path day = env.data.resolve("day-large.csv");
        ChurnDataGenerator.of(Scenario.DRIFT, RUN_DATE, "C").write(day, DAY_ROWS, 23);
        Map<String, String> replicas = new LinkedHashMap<>();
        replicas.put("drift", env.startReplica("drift-service"));
        replicas.put("performance", env.startReplica("performance-service"));
        String model = "fx-replicas";
        env.registerModel(model);
        String runId = env.startRun(model, RUN_DATE, day);

        // kill each second replica while it holds a task it started less than 1 s ago (the task is held 1.5 s)
        Map<String, Integer> killedTasks = new LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (Map.Entry<String, String> r : replicas.entrySet()) {
                if (!killedTasks.containsKey(r.getKey())) {
                    int held = heldTask(env, r.getKey(), runId, env.pid(r.getValue()));
                    if (held >= 0) {
                        env.kill(r.getValue());
                        killedTasks.put(r.getKey(), held);
                    }
                }
            }
            return killedTasks.size() == replicas.size();
        });

        JsonNode[] snapshot = new JsonNode[1];
        await().atMost(COMPLETE_WITHIN).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> (snapshot[0] = env.snapshot(runId)) != null);
        for (Map.Entry<String, Integer> k : killedTasks.entrySet()) {
            String schema = k.getKey();
            long killedPid = env.pid(replicas.get(schema));
            assertThat(env.sql("select count(*) from " + schema + ".chunk_task where run_id = ?", runId))
                    .as(schema + " tasks").isEqualTo(10);
            assertThat(env.sql("select count(*) from " + schema + ".chunk_task where run_id = ? and done_at is null",
                    runId)).as(schema + " tasks not done").isZero();
            assertThat(env.sql("select count(*) from " + schema + ".chunk_task where run_id = ? and task_no = ?"
                    + " and attempts >= 2 and done_by not like ?", runId, k.getValue(), "%:" + killedPid))
                    .as(schema + " task " + k.getValue() + " of the killed replica, redone by the survivor").isOne();
        }
        JsonNode cli = cliSnapshot(env, model, day);
        for (String part : List.of("metrics", "alerts", "drift")) {
            assertThat(snapshot[0].get(part)).as(part + " of the run against the CLI's").isEqualTo(cli.get(part));
        }
        env.figures.add("SIGKILL of one of two drift and performance replicas mid-task (" + DAY_ROWS + " rows)", 1,
                snapshot[0].get("metrics").size(), 0, 0, System.currentTimeMillis() - t0);
    }

    /**
     * A task of the run's section not done, started less than 1 s ago by the process {@code pid}, while another task
     * of the section is done; -1 when there is none.
     */
    private static int heldTask(FaultEnvironment env, String schema, String runId, long pid) throws Exception {
        try (Connection c = env.db(); PreparedStatement ps = c.prepareStatement("select task_no from " + schema
                + ".chunk_task where run_id = ? and done_at is null and started_by like ?"
                + " and started_at > now() - interval '1 second'"
                + " and exists (select 1 from " + schema + ".chunk_task where run_id = ? and done_at is not null)"
                + " order by task_no limit 1")) {
            ps.setString(1, runId);
            ps.setString(2, "%:" + pid);
            ps.setString(3, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        } catch (java.sql.SQLException e) {
            return -1; // the service has not created its chunk_task table yet
        }
    }

    /** The packaged CLI's snapshot of the same reference, day, configuration and model id. */
    private static JsonNode cliSnapshot(FaultEnvironment env, String model, Path day) throws Exception {
        Path jar = env.repoRoot.resolve("cli/target/modelwatch-cli.jar");
        assertThat(jar).as("the CLI must be packaged before this test").isRegularFile();
        Path out = env.data.resolve("cli-replicas");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "run", "--reference", env.data.resolve("reference.csv").toString(),
                "--current", day.toString(), "--config", env.config.toString(), "--model-id", model,
                "--date", RUN_DATE.toString(), "--out", out.toString(), "--quiet"));
        Path log = env.data.resolve("cli-replicas.log");
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(cli.waitFor(120, TimeUnit.SECONDS)).as("CLI finished").isTrue();
        assertThat(cli.exitValue()).as("CLI exit code, see " + log).isZero();
        return env.mapper.readTree(Files.readString(out.resolve("snapshot.json")));
    }
}
