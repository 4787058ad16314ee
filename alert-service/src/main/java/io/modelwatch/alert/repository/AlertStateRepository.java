package io.modelwatch.alert.repository;

import io.modelwatch.alert.domain.AlertState;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Deduplication state per model and alert key. Read and written while the model's row is locked. */
@ApplicationScoped
public class AlertStateRepository implements PanacheRepository<AlertState> {

    /** Every state of the model by alert key. */
    public Map<String, AlertState> forModel(String modelId) {
        return list("modelId", modelId).stream().collect(Collectors.toMap(s -> s.alertKey, Function.identity()));
    }

    public Optional<AlertState> find(String modelId, String alertKey) {
        return find("modelId = ?1 and alertKey = ?2", modelId, alertKey).firstResultOptional();
    }

    public List<AlertState> openFor(String modelId) {
        return list("modelId = ?1 and open = true order by id", modelId);
    }
}
