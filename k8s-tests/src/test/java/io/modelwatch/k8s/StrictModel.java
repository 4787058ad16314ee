package io.modelwatch.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;

/**
 * Reads a rendered manifest as the Kubernetes API would: the kind must be one this deployment uses, at its
 * current API version, and every field must exist in the fabric8 model of that version. The fabric8 classes
 * keep unknown fields in an {@code additionalProperties} map instead of failing, so after reading, every
 * such map in the object graph must be empty; the error names the object and the field's path.
 */
final class StrictModel {

    /** apiVersion/kind of every object the overlays may render, with its model class. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "batch/v1/Job", Job.class,
            "batch/v1/CronJob", CronJob.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private StrictModel() {
    }

    static HasMetadata read(JsonNode document) {
        String key = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        String name = key + " " + document.at("/metadata/name").asText();
        Class<? extends HasMetadata> type = KINDS.get(key);
        if (type == null) {
            throw new AssertionError(name + ": not a kind this deployment uses (known: " + KINDS.keySet() + ")");
        }
        HasMetadata object;
        try {
            object = MAPPER.treeToValue(document, type);
        } catch (Exception e) {
            throw new AssertionError(name + " does not read as " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        refuseUnknownFields(object, name, "");
        return object;
    }

    /** Walks the model's getters; any non-empty additionalProperties is a field the API does not know. */
    private static void refuseUnknownFields(Object value, String object, String path) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                refuseUnknownFields(item, object, path + "[" + i++ + "]");
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> refuseUnknownFields(v, object, path + "." + k));
            return;
        }
        if (!(value instanceof KubernetesResource) || value instanceof Quantity) {
            if (value instanceof Quantity q) {
                checkQuantity(q, object, path);
            }
            return;
        }
        for (Method m : value.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = m.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(m.toString(), e);
            }
            String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            if (m.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    throw new AssertionError(object + ": unknown field(s) " + extra.keySet() + " at "
                            + (path.isEmpty() ? "the top level" : path) + " (not in the Kubernetes API of this kind)");
                }
                continue;
            }
            refuseUnknownFields(child, object, path + "." + field);
        }
    }

    /** A resource quantity the API would refuse (e.g. "1 Gi", "500mb") fails here, not at apply time. */
    private static void checkQuantity(Quantity q, String object, String path) {
        try {
            Quantity.getAmountInBytes(q);
        } catch (RuntimeException e) {
            throw new AssertionError(object + ": " + path + " = " + q + " is not a Kubernetes quantity", e);
        }
        if (!q.toString().matches("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?")) {
            throw new AssertionError(object + ": " + path + " = " + q + " is not a Kubernetes quantity");
        }
    }
}
