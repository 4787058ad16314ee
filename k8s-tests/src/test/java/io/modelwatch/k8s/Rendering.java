package io.modelwatch.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One overlay rendered by {@code kubectl kustomize} (as {@code kubectl apply -k} would) and read strictly. */
record Rendering(Path directory, List<HasMetadata> objects) {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Rendering of(String kustomization) {
        Path dir = REPOSITORY.resolve(kustomization);
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode doc : documents(kubectlKustomize(dir))) {
            objects.add(StrictModel.read(doc));
        }
        return new Rendering(dir, List.copyOf(objects));
    }

    /** Runs {@code kubectl kustomize DIR} with the default load restrictor (files only inside the root). */
    static String kubectlKustomize(Path dir) {
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new AssertionError("kubectl is not installed (Debian package kubectl; .ci/run installs it)", e);
        }
        try {
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed: " + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("kubectl kustomize " + dir, e);
        }
    }

    static List<JsonNode> documents(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try {
            YAML.readValues(new YAMLFactory().createParser(yaml), JsonNode.class).forEachRemaining(d -> {
                if (d != null && !d.isEmpty()) {
                    docs.add(d);
                }
            });
        } catch (IOException e) {
            throw new AssertionError("the rendering is not YAML", e);
        }
        return docs;
    }

    static List<JsonNode> documents(Path file) throws IOException {
        return documents(Files.readString(file));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in " + directory));
    }

    /** The ConfigMap generated under {@code name} (kustomize appends a content hash). */
    ConfigMap configMap(String name) {
        return all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(name) || c.getMetadata().getName().startsWith(name + "-"))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + name + " in " + directory));
    }

    Map<String, String> environment() {
        return configMap("modelwatch-env").getData();
    }

    /** Every pod template, named by its owner: Deployments, StatefulSets, Jobs and CronJobs. */
    Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> t = new java.util.LinkedHashMap<>();
        all(Deployment.class).forEach(d -> t.put("Deployment " + d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(StatefulSet.class).forEach(s -> t.put("StatefulSet " + s.getMetadata().getName(), s.getSpec().getTemplate()));
        all(Job.class).forEach(j -> t.put("Job " + j.getMetadata().getName(), j.getSpec().getTemplate()));
        all(CronJob.class).forEach(c -> t.put("CronJob " + c.getMetadata().getName(),
                c.getSpec().getJobTemplate().getSpec().getTemplate()));
        return t;
    }

    @Override
    public String toString() {
        return REPOSITORY.relativize(directory).toString();
    }
}
