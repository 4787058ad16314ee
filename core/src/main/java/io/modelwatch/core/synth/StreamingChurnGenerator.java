package io.modelwatch.core.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;

import static io.modelwatch.core.synth.Draws.clip;
import static io.modelwatch.core.synth.Draws.exponential;
import static io.modelwatch.core.synth.Draws.pick;
import static io.modelwatch.core.synth.Draws.poisson;
import static io.modelwatch.core.synth.Draws.round;
import static io.modelwatch.core.synth.Draws.sigmoid;

/**
 * A second model's data: churn of a video-streaming service, whose ten features differ from the built-in telecom
 * schema in names and in types. The role columns keep the default names (so the schema can be inferred from a
 * reference), but {@code account_age} is text ({@code new}, {@code regular}, {@code loyal}) where the telecom
 * schema has months, {@code contract_type} is a number of months (1 or 12) where it has text, and {@code autoplay}
 * holds {@code on}/{@code off}, words YAML could read as booleans. Used by the tests of "every model brings its own
 * schema" and the README's second-model walk-through ({@code monitor generate --table streaming}).
 *
 * <p>Seeded like {@link ChurnDataGenerator}: the same (rows, seed, scenario, date) give the same file. Only
 * {@link Scenario#STABLE} (the reference process: churn rate about 0.15, recall about 0.84 at {@link #CLASS_CUTOFF})
 * and {@link Scenario#DRIFT} (everyone watches 30 % less, and Standard and Premium viewers who still watch leave for
 * a competitor, which the model does not know: churn rate about 0.31, recall about 0.69) are defined.
 */
public final class StreamingChurnGenerator {

    /** Probability at and above which {@code churn_class} is 1. */
    public static final double CLASS_CUTOFF = 0.11;

    /** Column order of the generated files. */
    public static final List<String> HEADER = List.of(
            "customer_id", "prediction_timestamp", "churn_probability", "churn_class", "churn_actual",
            "label_effective_date",
            "plan", "account_age", "contract_type", "weekly_watch_hours", "devices", "profiles",
            "payment_failures_90d", "country", "autoplay", "days_since_last_watch");

    private static final String[] PLANS = {"Basic", "Standard", "Premium"};
    private static final double[] PLAN_P = {0.40, 0.38, 0.22};
    private static final String[] TENURE = {"new", "regular", "loyal"};
    private static final double[] TENURE_P = {0.25, 0.45, 0.30};
    private static final String[] COUNTRIES = {"DE", "FR", "ES", "IT", "NL", "PL"};
    private static final double[] COUNTRY_P = {0.28, 0.22, 0.16, 0.14, 0.10, 0.10};
    private static final int LABEL_LAG_DAYS = 30;

    private final Scenario scenario;
    private final LocalDate date;
    private final String idPrefix;

    private StreamingChurnGenerator(Scenario scenario, LocalDate date, String idPrefix) {
        if (scenario != Scenario.STABLE && scenario != Scenario.DRIFT) {
            throw new IllegalArgumentException("the streaming table has the scenarios stable and drift, got '"
                    + scenario.name().toLowerCase(java.util.Locale.ROOT) + "'");
        }
        this.scenario = scenario;
        this.date = date;
        this.idPrefix = idPrefix;
    }

    /**
     * @param scenario {@link Scenario#STABLE} or {@link Scenario#DRIFT}
     * @param date     prediction date of every row
     * @param idPrefix customer id prefix (keeps reference and current ids apart)
     */
    public static StreamingChurnGenerator of(Scenario scenario, LocalDate date, String idPrefix) {
        return new StreamingChurnGenerator(scenario, date, idPrefix);
    }

    /** Writes {@code rows} rows to {@code file} (parent folders are created). */
    public void write(Path file, int rows, long seed) throws IOException {
        Draws.write(file, rows, seed, HEADER, date, LABEL_LAG_DAYS, this::row);
    }

    private void row(StringBuilder sb, SplittableRandom r, int i, long dayStart, String labelDate) {
        boolean drift = scenario == Scenario.DRIFT;
        int plan = pick(r, PLAN_P);
        int tenure = pick(r, TENURE_P);
        int contractMonths = r.nextDouble() < (tenure == 2 ? 0.55 : 0.25) ? 12 : 1;
        double watch = clip(Math.exp(Math.log(plan == 2 ? 12 : plan == 1 ? 8 : 5) + 0.55 * r.nextGaussian()), 0, 120);
        if (drift) {
            watch = watch * 0.7;
        }
        int devices = (int) Math.min(6, 1 + poisson(r, plan == 2 ? 1.8 : 0.9));
        int profiles = (int) Math.min(5, 1 + poisson(r, plan == 0 ? 0.4 : 1.1));
        int failures = (int) Math.min(10, poisson(r, 0.25));
        int country = pick(r, COUNTRY_P);
        boolean autoplay = r.nextDouble() < 0.7;
        int lastWatch = (int) Math.min(180, Math.floor(exponential(r, watch < 3 ? 9 : 3)));

        // the relation the model learnt on the reference period
        double modelLogit = 1.5 * (-2.0 + (plan == 0 ? 0.8 : 0) - (plan == 2 ? 0.5 : 0)
                - 0.11 * (watch - 8) + 0.07 * lastWatch + 0.55 * failures
                + (tenure == 0 ? 0.6 : 0) - (tenure == 2 ? 0.5 : 0) - (contractMonths == 12 ? 0.6 : 0));
        double trueLogit = modelLogit;
        if (drift && plan != 0 && watch >= 4) {
            // viewers the model thinks safe leave for a competitor: the model does not know
            trueLogit += 2.2;
        }
        double probability = sigmoid(modelLogit + 0.5 * r.nextGaussian());
        int actual = r.nextDouble() < sigmoid(trueLogit) ? 1 : 0;
        int predicted = probability >= CLASS_CUTOFF ? 1 : 0;

        sb.append(idPrefix).append(i + 1).append(',');
        long ts = dayStart + r.nextInt(86_400);
        sb.append(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(ts))).append(',');
        sb.append(round(probability, 4)).append(',').append(predicted).append(',').append(actual).append(',');
        sb.append(labelDate).append(',');
        sb.append(PLANS[plan]).append(',').append(TENURE[tenure]).append(',').append(contractMonths).append(',');
        sb.append(round(watch, 2)).append(',').append(devices).append(',').append(profiles).append(',');
        sb.append(failures).append(',').append(COUNTRIES[country]).append(',').append(autoplay ? "on" : "off");
        sb.append(',').append(lastWatch).append('\n');
    }
}
