package io.modelwatch.support.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The values behind this service's {@link ModelGauge}s, one per series (gauge and label values). A series shows
 * the value of the latest date it was given: a value for an older date (a backfilled day, a cohort whose labels
 * matured) does not replace a newer one, so the order in which runs are processed does not matter. Series are
 * registered with the meter registry on first use and never removed.
 */
@ApplicationScoped
public class ModelGauges {

    private final MeterRegistry registry;
    private final ConcurrentMap<Series, Point> points = new ConcurrentHashMap<>();

    public ModelGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Sets a series to {@code value} unless it already shows a value of a later date.
     *
     * @param asOf        the date the value belongs to (a run's date), or null: always replaces
     * @param labelValues the values of {@link ModelGauge#labels()}, in that order
     */
    public void set(ModelGauge gauge, LocalDate asOf, double value, String... labelValues) {
        if (labelValues.length != gauge.labels().size()) {
            throw new IllegalArgumentException(gauge.metricName() + " has labels " + gauge.labels() + ", given "
                    + Arrays.toString(labelValues));
        }
        Series series = new Series(gauge, List.of(labelValues));
        Point point = points.computeIfAbsent(series, this::register);
        point.offer(asOf, value);
    }

    /** The value a series shows, or NaN if it was never set. */
    public double value(ModelGauge gauge, String... labelValues) {
        Point p = points.get(new Series(gauge, List.of(labelValues)));
        return p == null ? Double.NaN : p.value();
    }

    private Point register(Series series) {
        Point point = new Point();
        String[] tags = new String[series.labelValues().size() * 2];
        for (int i = 0; i < series.labelValues().size(); i++) {
            tags[2 * i] = series.gauge().labels().get(i);
            tags[2 * i + 1] = series.labelValues().get(i);
        }
        Gauge.builder(series.gauge().metricName(), point, Point::value)
                .description(series.gauge().description())
                .tags(Tags.of(tags))
                .strongReference(true)
                .register(registry);
        return point;
    }

    private record Series(ModelGauge gauge, List<String> labelValues) {
    }

    /** A series' value and the date it belongs to. */
    private static final class Point {
        private LocalDate asOf;
        private double value = Double.NaN;

        synchronized void offer(LocalDate date, double v) {
            if (date == null || asOf == null || !date.isBefore(asOf)) {
                asOf = date == null ? asOf : date;
                value = v;
            }
        }

        synchronized double value() {
            return value;
        }
    }
}
