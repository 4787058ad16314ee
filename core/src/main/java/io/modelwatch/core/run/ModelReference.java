package io.modelwatch.core.run;

import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.SchemaRule;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.TableSchema;

import java.util.function.Function;

/**
 * A model's reference data read with the schema {@link SchemaRule} decides, and the configuration it decides: what
 * {@code monitor run} on a CSV, {@code monitor profile} and {@code POST /references} all start from.
 *
 * @param batch  the reference rows
 * @param config the model's configuration (explicit, or inferred from {@code batch})
 */
public record ModelReference(ColumnBatch batch, MonitoringConfig config) {

    /**
     * Reads the reference and decides the configuration.
     *
     * @param reader   reads the reference with the schema it is given (a file, a URL, a warehouse query)
     * @param explicit the explicit configuration, or {@code null} to infer it
     * @param base     the base of inference (roles, settings, rules)
     * @throws io.modelwatch.core.data.InputException when the reference lacks the id or probability column
     */
    public static ModelReference read(Function<TableSchema, ColumnBatch> reader, MonitoringConfig explicit,
                                      MonitoringConfig base) {
        ColumnBatch batch = reader.apply(SchemaRule.referenceSchema(explicit, base));
        RequiredColumns.check(batch, explicit != null ? explicit : base);
        return new ModelReference(batch, SchemaRule.resolve(explicit, base, batch));
    }

    /** The same reference under another model id ({@code null}: unchanged). */
    public ModelReference named(String modelId) {
        return modelId == null ? this : new ModelReference(batch, config.withModelId(modelId));
    }
}
