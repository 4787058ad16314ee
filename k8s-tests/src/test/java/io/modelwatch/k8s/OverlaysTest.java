package io.modelwatch.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every overlay of {@code k8s/}, rendered as {@code kubectl apply -k} renders it (no load-restrictor flag)
 * and read strictly against the Kubernetes API model ({@link StrictModel}), then the facts the deployment
 * relies on. {@code k8s/} itself is the dev overlay.
 */
class OverlaysTest {

    static final List<String> SERVICES = List.of("ingest-service", "drift-service", "performance-service",
            "alert-service", "report-service");
    /** An env name that holds a credential must come from the Secret, and a ConfigMap must not hold one. */
    static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|PASS|SECRET|TOKEN|WEBHOOK|API_KEY|_KEYS|CREDENTIAL).*");
    /** A value that carries a credential whatever its key: user:password@ in a URL, a webhook, a password=. */
    static final Pattern SECRET_VALUE = Pattern.compile(
            "(?i).*(://[^/@\\s]+:[^/@\\s]+@|hooks\\.slack\\.com/services/|password=|passwd=|secret=|apikey=|api_key=|token=).*");
    private static final Map<String, Rendering> RENDERED = new LinkedHashMap<>();

    static synchronized Rendering rendered(String dir) {
        return RENDERED.computeIfAbsent(dir, Rendering::of);
    }

    static Stream<Rendering> overlays() {
        return Stream.of("k8s", "k8s/overlays/dev", "k8s/overlays/production").map(OverlaysTest::rendered);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void rendersEveryPartOfTheDeployment(Rendering r) {
        assertThat(r.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(r.all(CronJob.class)).extracting(c -> c.getMetadata().getName())
                .containsExactlyInAnyOrder("modelwatch-daily-run", "modelwatch-daily-labels");
        assertThat(r.all(Job.class)).extracting(j -> j.getMetadata().getName())
                .containsExactly("modelwatch-register-reference");
        assertThat(r.all(Ingress.class)).hasSize(1);
        for (HasMetadata o : r.objects()) {
            if (!o.getKind().equals("Namespace")) {
                assertThat(o.getMetadata().getNamespace()).as(o.getKind() + " " + o.getMetadata().getName())
                        .isEqualTo("modelwatch");
            }
        }
        // the Secret is created out of band: no overlay renders one (secrets.example.yaml is a template)
        assertThat(r.objects()).noneMatch(o -> o.getKind().equals("Secret"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyContainerOfEveryDeploymentHasProbesAndResources(Rendering r) {
        for (Deployment d : r.all(Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                String what = "Deployment " + d.getMetadata().getName() + " container " + c.getName();
                assertThat(path(c.getStartupProbe())).as(what + " startup").isEqualTo("/q/health/started");
                assertThat(path(c.getLivenessProbe())).as(what + " liveness").isEqualTo("/q/health/live");
                assertThat(path(c.getReadinessProbe())).as(what + " readiness").isEqualTo("/q/health/ready");
                for (Probe p : List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe())) {
                    Object port = p.getHttpGet().getPort().getValue();
                    assertThat(c.getPorts()).as(what + " probe port " + port)
                            .anyMatch(cp -> port.equals(cp.getName()) || port.equals(cp.getContainerPort()));
                }
                assertResources(what, c);
            }
        }
        for (StatefulSet s : r.all(StatefulSet.class)) {
            for (Container c : s.getSpec().getTemplate().getSpec().getContainers()) {
                String what = "StatefulSet " + s.getMetadata().getName() + " container " + c.getName();
                assertThat(c.getLivenessProbe()).as(what + " liveness").isNotNull();
                assertThat(c.getReadinessProbe()).as(what + " readiness").isNotNull();
                assertResources(what, c);
            }
        }
        r.podTemplates().forEach((owner, t) -> t.getSpec().getContainers()
                .forEach(c -> assertResources(owner + " container " + c.getName(), c)));
    }

    private static String path(Probe p) {
        return p == null || p.getHttpGet() == null ? null : p.getHttpGet().getPath();
    }

    private static void assertResources(String what, Container c) {
        assertThat(c.getResources()).as(what + " resources").isNotNull();
        assertThat(c.getResources().getRequests()).as(what + " requests").containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).as(what + " limits").containsKey("memory");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void credentialsComeOnlyFromTheSecretNeverFromAConfigMapOrALiteral(Rendering r) throws Exception {
        for (ConfigMap cm : r.all(ConfigMap.class)) {
            cm.getData().forEach((k, v) -> {
                String what = "ConfigMap " + cm.getMetadata().getName() + " key " + k;
                assertThat(k).as(what).doesNotMatch(SECRET_NAME);
                for (String line : v.split("\n")) {
                    assertThat(line).as(what).doesNotMatch(SECRET_VALUE);
                }
            });
        }
        Set<String> exampleKeys = secretExample().keySet();
        r.podTemplates().forEach((owner, t) -> {
            for (Container c : t.getSpec().getContainers()) {
                for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                    String what = owner + " env " + e.getName();
                    if (SECRET_NAME.matcher(e.getName()).matches()) {
                        assertThat(e.getValue()).as(what + " is a literal").isNull();
                        assertThat(e.getValueFrom().getSecretKeyRef()).as(what).isNotNull();
                    }
                    if (e.getValue() != null) {
                        assertThat(e.getValue()).as(what).doesNotMatch(SECRET_VALUE);
                    }
                    if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                        assertThat(e.getValueFrom().getSecretKeyRef().getName()).as(what).isEqualTo("modelwatch-secrets");
                        assertThat(exampleKeys).as(what + ": the key is documented in secrets.example.yaml")
                                .contains(e.getValueFrom().getSecretKeyRef().getKey());
                    }
                }
            }
        });
    }

    /** The template's keys, with empty values: it documents the Secret and must never carry a real value. */
    static Map<String, String> secretExample() throws Exception {
        List<JsonNode> docs = Rendering.documents(Rendering.REPOSITORY.resolve("k8s/secrets.example.yaml"));
        assertThat(docs).hasSize(1);
        assertThat(docs.get(0).at("/metadata/name").asText()).isEqualTo("modelwatch-secrets");
        Map<String, String> data = new ObjectMapper().convertValue(docs.get(0).get("stringData"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
        assertThat(data).as("secrets.example.yaml holds no value").allSatisfy((k, v) -> assertThat(v).as(k).isEmpty());
        return data;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServiceAcceptsTheAdminKeysAndEveryClientSendsOne(Rendering r) {
        for (Deployment d : r.all(Deployment.class)) {
            EnvVar keys = d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(e -> e.getName().equals("MODELWATCH_AUTH_ADMIN_KEYS")).findFirst()
                    .orElseThrow(() -> new AssertionError(d.getMetadata().getName() + " is given no admin keys"));
            assertThat(keys.getValueFrom().getSecretKeyRef().getOptional()).as(d.getMetadata().getName()).isNotEqualTo(Boolean.TRUE);
        }
        r.podTemplates().entrySet().stream().filter(t -> t.getKey().startsWith("Job") || t.getKey().startsWith("CronJob"))
                .forEach(t -> {
                    Container c = t.getValue().getSpec().getContainers().get(0);
                    // not optional: the services refuse a request without a key, so a Job without one could only fail
                    assertThat(c.getEnv()).as(t.getKey()).anyMatch(e -> e.getName().equals("MODELWATCH_API_KEY")
                            && e.getValueFrom().getSecretKeyRef().getKey().equals("MODELWATCH_API_KEY")
                            && !Boolean.TRUE.equals(e.getValueFrom().getSecretKeyRef().getOptional()));
                    assertThat(String.join(" ", c.getArgs())).as(t.getKey()).contains("Authorization: Bearer $MODELWATCH_API_KEY");
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theCronJobsRunDailyOneAtATimeAndTheJobRegistersTheSameModel(Rendering r) {
        CronJob run = r.one(CronJob.class, "modelwatch-daily-run");
        assertThat(run.getSpec().getSchedule()).isEqualTo("0 4 * * *");
        assertThat(run.getSpec().getTimeZone()).isEqualTo("Etc/UTC");
        assertThat(run.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(String.join(" ", container(run).getArgs())).contains("http://ingest-service:8081/runs");

        CronJob labels = r.one(CronJob.class, "modelwatch-daily-labels");
        assertThat(labels.getSpec().getSchedule()).isEqualTo("0 5 * * *");
        assertThat(labels.getSpec().getTimeZone()).isEqualTo("Etc/UTC");
        assertThat(labels.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(String.join(" ", container(labels).getArgs())).contains("http://ingest-service:8081/labels")
                .contains("LABEL_LAG_DAYS");

        Job register = r.one(Job.class, "modelwatch-register-reference");
        Container c = register.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(String.join(" ", c.getArgs())).contains("http://ingest-service:8081/references")
                .contains("\\\"config\\\":");
        assertThat(env(c, "MODEL_ID")).isEqualTo(env(container(run), "MODEL_ID")).isEqualTo(env(container(labels), "MODEL_ID"))
                .isEqualTo(r.environment().get("MODELWATCH_MONITORING_DEFAULT_MODEL_ID"));
        // the config it registers is the file ingest-service mounts from the monitoring ConfigMap
        assertThat(env(c, "MONITORING_CONFIG")).isEqualTo(r.environment().get("MODELWATCH_MONITORING_CONFIG_FILE"));
        // the files it names must lie under the directories a request may name
        List<String> roots = List.of(r.environment().get("MODELWATCH_SOURCES_ROOTS").split(","));
        assertThat(roots).anyMatch(root -> env(c, "REFERENCE_SOURCE").startsWith(root + "/"));
        assertThat(roots).anyMatch(root -> env(c, "MONITORING_CONFIG").startsWith(root + "/"));
        // a Job's pod template is immutable: naming a generated (hash-suffixed) object would make a re-apply fail
        String template = register.getSpec().getTemplate().toString();
        assertThat(template).doesNotContain("modelwatch-env").doesNotContain("modelwatch-monitoring");
    }

    private static Container container(CronJob c) {
        return c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static String env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " has no " + name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theImagesAreTheOnesTheImageBuildProduces(Rendering r) throws Exception {
        String group = System.getProperty("modelwatch.image.group");
        String tag = System.getProperty("modelwatch.image.tag");
        assertThat(group).as("set by the pom from modelwatch.image.group").isNotBlank();
        assertThat(tag).as("set by the pom from modelwatch.image.tag (the project version)").isNotBlank();
        for (Deployment d : r.all(Deployment.class)) {
            String service = d.getMetadata().getName();
            // the image build names each image after its Maven module's artifactId
            String pom = Files.readString(Rendering.REPOSITORY.resolve(service).resolve("pom.xml"));
            assertThat(pom).as(service + "/pom.xml").contains("<artifactId>" + service + "</artifactId>");
            assertThat(pom).as(service + " builds an image").contains("<modelwatch.image.skip>false</modelwatch.image.skip>");
            assertThat(d.getSpec().getTemplate().getSpec().getContainers()).extracting(Container::getImage)
                    .containsExactly(group + "/" + service + ":" + tag);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyReferenceResolvesWithinTheRendering(Rendering r) {
        Set<String> configMaps = new HashSet<>();
        r.all(ConfigMap.class).forEach(c -> configMaps.add(c.getMetadata().getName()));
        Set<String> claims = new HashSet<>();
        r.all(PersistentVolumeClaim.class).forEach(c -> claims.add(c.getMetadata().getName()));
        r.podTemplates().forEach((owner, t) -> {
            Set<String> volumes = new HashSet<>();
            // a StatefulSet's volume claim templates are volumes of its pods too
            r.all(StatefulSet.class).stream().filter(s -> owner.equals("StatefulSet " + s.getMetadata().getName()))
                    .forEach(s -> s.getSpec().getVolumeClaimTemplates().forEach(c -> volumes.add(c.getMetadata().getName())));
            for (Volume v : t.getSpec().getVolumes() == null ? List.<Volume>of() : t.getSpec().getVolumes()) {
                volumes.add(v.getName());
                if (v.getConfigMap() != null) {
                    assertThat(configMaps).as(owner + " volume " + v.getName()).contains(v.getConfigMap().getName());
                }
                if (v.getPersistentVolumeClaim() != null) {
                    assertThat(claims).as(owner + " volume " + v.getName()).contains(v.getPersistentVolumeClaim().getClaimName());
                }
            }
            for (Container c : t.getSpec().getContainers()) {
                if (c.getVolumeMounts() != null) {
                    c.getVolumeMounts().forEach(m -> assertThat(volumes).as(owner + " mount " + m.getMountPath()).contains(m.getName()));
                }
                if (c.getEnvFrom() != null) {
                    c.getEnvFrom().forEach(e -> assertThat(configMaps).as(owner + " envFrom").contains(e.getConfigMapRef().getName()));
                }
            }
        });
        for (Deployment d : r.all(Deployment.class)) {
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).as("Deployment " + d.getMetadata().getName())
                    .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
        }
        for (StatefulSet s : r.all(StatefulSet.class)) {
            assertThat(s.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(s.getSpec().getSelector().getMatchLabels());
            assertThat(r.all(Service.class)).extracting(x -> x.getMetadata().getName()).contains(s.getSpec().getServiceName());
        }
        for (Service s : r.all(Service.class)) {
            List<PodTemplateSpec> selected = r.podTemplates().values().stream()
                    .filter(t -> t.getMetadata().getLabels().entrySet().containsAll(s.getSpec().getSelector().entrySet())).toList();
            assertThat(selected).as("Service " + s.getMetadata().getName() + " selects a pod").isNotEmpty();
            s.getSpec().getPorts().forEach(p -> assertThat(selected.get(0).getSpec().getContainers().get(0).getPorts())
                    .as("Service " + s.getMetadata().getName() + " target port " + p.getTargetPort().getValue())
                    .anyMatch(cp -> Objects.equals(p.getTargetPort().getValue(), cp.getName())
                            || Objects.equals(p.getTargetPort().getValue(), cp.getContainerPort())));
        }
        for (IngressRule rule : r.all(Ingress.class).get(0).getSpec().getRules()) {
            rule.getHttp().getPaths().forEach(p -> {
                String svc = p.getBackend().getService().getName();
                Service s = r.one(Service.class, svc);
                assertThat(s.getSpec().getPorts()).as("Ingress " + rule.getHost() + " -> " + svc)
                        .anyMatch(sp -> sp.getName().equals(p.getBackend().getService().getPort().getName()));
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theServicesReadTheMountedConfigurationAndLinkToTheDashboardHost(Rendering r) throws Exception {
        Map<String, String> env = r.environment();
        ConfigMap monitoring = r.configMap("modelwatch-monitoring");
        assertThat(monitoring.getData().get("monitoring.yaml"))
                .isEqualTo(Files.readString(Rendering.REPOSITORY.resolve("k8s/base/monitoring.yaml")));
        Path configFile = Path.of(env.get("MODELWATCH_MONITORING_CONFIG_FILE"));
        for (Deployment d : r.all(Deployment.class)) {
            PodTemplateSpec t = d.getSpec().getTemplate();
            String volume = t.getSpec().getVolumes().stream()
                    .filter(v -> v.getConfigMap() != null && v.getConfigMap().getName().equals(monitoring.getMetadata().getName()))
                    .map(Volume::getName).findFirst().orElseThrow(() -> new AssertionError(d.getMetadata().getName() + " mounts no monitoring.yaml"));
            assertThat(t.getSpec().getContainers().get(0).getVolumeMounts()).as(d.getMetadata().getName())
                    .anyMatch(m -> m.getName().equals(volume) && Path.of(m.getMountPath()).resolve("monitoring.yaml").equals(configFile));
        }
        // ingest-service mounts the data volume at a directory it may read files from
        Deployment ingest = r.one(Deployment.class, "ingest-service");
        List<String> roots = List.of(env.get("MODELWATCH_SOURCES_ROOTS").split(","));
        assertThat(ingest.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .anyMatch(m -> m.getName().equals("data") && roots.contains(m.getMountPath()));
        assertThat(ingest.getSpec().getStrategy().getType()).as("a ReadWriteOnce volume changes pods by Recreate").isEqualTo("Recreate");

        IngressRule dashboard = r.all(Ingress.class).get(0).getSpec().getRules().get(0);
        assertThat(dashboard.getHttp().getPaths()).singleElement().satisfies(p -> {
            assertThat(p.getPath()).isEqualTo("/");
            assertThat(p.getBackend().getService().getName()).isEqualTo("report-service");
        });
        for (String links : List.of("MODELWATCH_ALERTS_REPORT_BASE_URL", "MODELWATCH_REPORT_BASE_URL")) {
            assertThat(URI.create(env.get(links)).getHost()).as(links + " points at the Ingress's dashboard host")
                    .isEqualTo(dashboard.getHost());
        }
        assertThat(env).containsKeys("QUARKUS_MAILER_HOST", "QUARKUS_MAILER_FROM", "QUARKUS_MAILER_PORT");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void noVolumeNeedsReadWriteMany(Rendering r) {
        List<String> modes = new ArrayList<>();
        r.all(PersistentVolumeClaim.class).forEach(c -> modes.addAll(c.getSpec().getAccessModes()));
        r.all(StatefulSet.class).forEach(s -> s.getSpec().getVolumeClaimTemplates().forEach(c -> modes.addAll(c.getSpec().getAccessModes())));
        assertThat(modes).isNotEmpty().containsOnly("ReadWriteOnce");
    }

    @Test
    void theDevClusterRunsPostgresqlWithItsDataInASubdirectoryAndRabbitmq() {
        Rendering dev = rendered("k8s");
        assertThat(dev.all(StatefulSet.class)).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("postgres", "rabbitmq");
        Container pg = dev.one(StatefulSet.class, "postgres").getSpec().getTemplate().getSpec().getContainers().get(0);
        String mount = pg.getVolumeMounts().get(0).getMountPath();
        Path pgdata = Path.of(env(pg, "PGDATA"));
        assertThat(pgdata.getParent()).as("PGDATA is a subdirectory of the volume").isEqualTo(Path.of(mount));
        assertThat(dev.environment().get("QUARKUS_DATASOURCE_JDBC_URL")).startsWith("jdbc:postgresql://postgres:5432/");
        assertThat(dev.environment().get("RABBITMQ_HOST")).isEqualTo("rabbitmq");
        assertThat(rendered("k8s").objects()).hasSameSizeAs(rendered("k8s/overlays/dev").objects());
    }

    @Test
    void productionRunsNothingStatefulAndPointsAtExternalServicesOverTls() {
        Rendering prod = rendered("k8s/overlays/production");
        assertThat(prod.all(StatefulSet.class)).isEmpty();
        Map<String, String> env = prod.environment();
        String db = URI.create(env.get("QUARKUS_DATASOURCE_JDBC_URL").substring("jdbc:".length())).getHost();
        assertThat(db).isNotEqualTo("postgres").contains(".");
        assertThat(env.get("RABBITMQ_HOST")).isNotEqualTo("rabbitmq").contains(".");
        assertThat(env.get("MODELWATCH_ALERTS_REPORT_BASE_URL")).startsWith("https://");
        assertThat(env.get("MODELWATCH_REPORT_BASE_URL")).startsWith("https://");
        Ingress ingress = prod.all(Ingress.class).get(0);
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> assertThat(tls.getHosts())
                .containsExactlyInAnyOrderElementsOf(ingress.getSpec().getRules().stream().map(IngressRule::getHost).toList()));
        assertThat(env).containsKeys("MODELWATCH_ALERTS_EMAIL_RECIPIENTS_HIGH", "MODELWATCH_REPORT_DAILY_EMAIL_RECIPIENTS");
    }

    @Test
    void theGrafanaDashboardPlotsTheModelGauges() throws Exception {
        ConfigMap cm = rendered("k8s").configMap("modelwatch-grafana-dashboard");
        assertThat(cm.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        JsonNode dashboard = new ObjectMapper().readTree(cm.getData().get("modelwatch-models.json"));
        List<String> exprs = dashboard.findValues("expr").stream().map(JsonNode::asText).toList();
        Set<String> gauges = new HashSet<>();
        var m = Pattern.compile("modelwatch_[a-z_]+").matcher(String.join(" ", exprs));
        while (m.find()) {
            gauges.add(m.group());
        }
        assertThat(gauges).containsExactlyInAnyOrder("modelwatch_model_psi", "modelwatch_model_drift_score",
                "modelwatch_model_recall", "modelwatch_model_precision", "modelwatch_model_churn_rate",
                "modelwatch_model_alerts", "modelwatch_model_last_success_timestamp_seconds");
        assertThat(dashboard.at("/templating/list").findValuesAsText("name")).contains("model");
        if (exprs.isEmpty()) {
            fail("no panel queries");
        }
    }
}
