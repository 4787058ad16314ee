package io.modelwatch.core.synth;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
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
 * Writes synthetic prediction batches in the default 25-feature churn schema, for demos, tests and
 * benchmarks. The process is fixed and seeded: the same (rows, seed, scenario, date) give the same file.
 *
 * <p>Ground truth: {@code churn_actual ~ Bernoulli(sigmoid(trueLogit))}. The model's probability is
 * {@code sigmoid(modelLogit)} where {@code modelLogit} is the reference-period relation plus noise, so in
 * the {@link Scenario#STABLE} process the model is as good as on the reference (recall about 0.83 at the
 * class cut-off {@link #CLASS_CUTOFF}); scenarios change features and/or the true relation.
 */
public final class ChurnDataGenerator {

    /** Probability at and above which {@code churn_class} is 1 (tuned so reference recall is about 0.83). */
    public static final double CLASS_CUTOFF = 0.20;

    /**
     * The rise of {@code monthly_charges} inside the One-year segment in {@link Scenario#MASKED}: about a third of the
     * segment's standard deviation (normed Wasserstein about 0.3 inside the segment, under 0.1 over the whole batch).
     */
    public static final double MASKED_SHIFT = 10;

    /** Column order of the generated files. */
    public static final List<String> HEADER = List.of(
            "customer_id", "prediction_timestamp", "churn_probability", "churn_class", "churn_actual",
            "label_effective_date",
            "account_age", "monthly_charges", "total_charges", "customer_age", "num_products",
            "support_tickets_90d", "late_payments_12m", "avg_monthly_usage_gb", "data_overage_charges",
            "num_dependents", "satisfaction_score", "days_since_last_login", "discount_pct", "num_referrals",
            "avg_call_minutes",
            "contract_type", "payment_method", "internet_service", "gender", "senior_citizen", "partner",
            "paperless_billing", "phone_service", "streaming_tv", "region");

    private static final String[] CONTRACTS = {"Month-to-month", "One year", "Two year"};
    private static final double[] CONTRACT_P = {0.55, 0.21, 0.24};
    private static final String[] PAYMENTS = {"Electronic check", "Mailed check", "Bank transfer", "Credit card"};
    private static final double[] PAYMENT_P = {0.34, 0.23, 0.22, 0.21};
    private static final String[] INTERNET = {"DSL", "Fiber optic", "None"};
    private static final double[] INTERNET_P = {0.34, 0.44, 0.22};
    private static final String[] REGIONS = {"North", "South", "East", "West", "Central"};
    /** Share of null cells in the two features that have some (well under the 2 % budget). */
    private static final double NULL_SHARE = 0.004;
    private static final int LABEL_LAG_DAYS = 60;

    private final Scenario scenario;
    private final LocalDate date;
    private final String idPrefix;

    private ChurnDataGenerator(Scenario scenario, LocalDate date, String idPrefix) {
        this.scenario = scenario;
        this.date = date;
        this.idPrefix = idPrefix;
    }

    /**
     * @param scenario what changes relative to the reference process
     * @param date     prediction date of every row
     * @param idPrefix customer id prefix (keeps reference and current ids apart)
     */
    public static ChurnDataGenerator of(Scenario scenario, LocalDate date, String idPrefix) {
        return new ChurnDataGenerator(scenario, date, idPrefix);
    }

    /** Writes {@code rows} rows to {@code file} (parent folders are created). */
    public void write(Path file, int rows, long seed) throws IOException {
        Draws.write(file, rows, seed, HEADER, date, LABEL_LAG_DAYS, this::row);
    }

    /** Writes the header and {@code rows} rows. */
    public void write(Writer out, int rows, long seed) throws IOException {
        Draws.write(out, rows, seed, HEADER, date, LABEL_LAG_DAYS, this::row);
    }

    private void row(StringBuilder sb, SplittableRandom r, int i, long dayStart, String labelDate) {
        int contract = pick(r, CONTRACT_P);
        double ageMean = switch (contract) {
            case 0 -> 18;
            case 1 -> 36;
            default -> 60;
        };
        int accountAge = (int) Math.min(120, 1 + Math.floor(exponential(r, ageMean)));
        if (scenario == Scenario.DRIFT || scenario == Scenario.COVARIATE) {
            // a wave of recent sign-ups
            accountAge = (int) Math.max(1, Math.round(accountAge * 0.35));
        }
        int internet = pick(r, INTERNET_P);
        double chargeMean = switch (internet) {
            case 0 -> 60;
            case 1 -> 95;
            default -> 25;
        };
        double chargeSd = internet == 2 ? 5 : internet == 0 ? 15 : 20;
        double monthly = clip(chargeMean + chargeSd * r.nextGaussian(), 18, 250);
        if (scenario == Scenario.COVARIATE) {
            monthly = clip(monthly * 1.25, 18, 250);
        }
        double billedMonths = 1 + exponential(r, 30);
        double total = clip(monthly * billedMonths * (0.9 + 0.2 * r.nextDouble()), 0, 30000);
        if (scenario == Scenario.MASKED && contract == 1) {
            // a price rise for One-year contracts only, after the bills so far (total_charges) were made
            monthly = clip(monthly + MASKED_SHIFT, 18, 250);
        }
        int customerAge = (int) clip(Math.round(45 + 15 * r.nextGaussian()), 18, 100);
        int products = (int) Math.min(8, 1 + poisson(r, 1.5));
        int tickets = (int) Math.min(50, poisson(r, 1.2));
        int late = (int) Math.min(12, poisson(r, 0.6));
        double usage = clip(Math.exp(4 + 0.6 * r.nextGaussian()), 0, 1000);
        double overage = clip(usage > 200 ? (usage - 200) * 0.1 : 0, 0, 300);
        int dependents = (int) Math.min(10, poisson(r, 0.8));
        int satisfaction = (int) clip(Math.round(7 + 2 * r.nextGaussian()), 1, 10);
        int lastLogin = (int) Math.min(365, Math.floor(exponential(r, 20)));
        double discount = r.nextDouble() < 0.6 ? 0 : 5 + 25 * r.nextDouble();
        int referrals = (int) Math.min(30, poisson(r, 0.5));
        double callMinutes = clip(30 + 12 * r.nextGaussian(), 0, 300);
        int payment = pick(r, PAYMENT_P);
        boolean female = r.nextDouble() < 0.5;
        boolean senior = r.nextDouble() < 0.16;
        boolean partner = r.nextDouble() < 0.48;
        boolean paperless = r.nextDouble() < 0.59;
        boolean phone = r.nextDouble() < 0.9;
        String streaming = internet == 2 ? "No internet service" : (r.nextDouble() < 0.45 ? "Yes" : "No");
        int region = r.nextInt(REGIONS.length);

        // the relation the model learnt on the reference period
        double modelLogit = -2.75
                + (contract == 0 ? 1.3 : 0) - (contract == 2 ? 0.9 : 0)
                - 0.025 * (accountAge - 24)
                + 0.012 * (monthly - 70)
                + 0.25 * tickets + 0.3 * late
                - 0.18 * (satisfaction - 7)
                + (internet == 1 ? 0.4 : 0) + (payment == 0 ? 0.3 : 0)
                + 0.01 * lastLogin - 0.02 * discount;
        double trueLogit = modelLogit;
        double hidden = r.nextGaussian();
        switch (scenario) {
            // new customers on long contracts churn, and the model thinks them safe
            case DRIFT -> trueLogit += accountAge <= 12 && contract != 0 ? 2.6 : 0;
            case CONCEPT -> trueLogit += 0.6 + 1.3 * hidden;
            default -> {
            }
        }
        double scoredLogit = modelLogit;
        if (scenario == Scenario.SEGMENT && contract == 0) {
            // a broken upstream feed scores Month-to-month customers as if they were on a one-year contract
            scoredLogit -= 1.2;
        }
        double probability = sigmoid(scoredLogit + 0.5 * r.nextGaussian());
        int actual = r.nextDouble() < sigmoid(trueLogit) ? 1 : 0;
        int predicted = probability >= CLASS_CUTOFF ? 1 : 0;

        sb.append(idPrefix).append(i + 1).append(',');
        long ts = dayStart + r.nextInt(86_400);
        sb.append(DateTimeFormatter.ISO_INSTANT.format(java.time.Instant.ofEpochSecond(ts))).append(',');
        sb.append(round(probability, 4)).append(',').append(predicted).append(',').append(actual).append(',');
        sb.append(labelDate).append(',');
        sb.append(accountAge).append(',').append(round(monthly, 2)).append(',').append(round(total, 2)).append(',');
        sb.append(customerAge).append(',').append(products).append(',').append(tickets).append(',');
        sb.append(late).append(',').append(round(usage, 1)).append(',').append(round(overage, 2)).append(',');
        sb.append(dependents).append(',');
        if (r.nextDouble() >= NULL_SHARE) {
            sb.append(satisfaction);
        }
        sb.append(',').append(lastLogin).append(',').append(round(discount, 1)).append(',');
        sb.append(referrals).append(',');
        if (r.nextDouble() >= NULL_SHARE) {
            sb.append(round(callMinutes, 1));
        }
        sb.append(',');
        sb.append(CONTRACTS[contract]).append(',').append(PAYMENTS[payment]).append(',');
        sb.append(INTERNET[internet]).append(',').append(female ? "Female" : "Male").append(',');
        sb.append(yesNo(senior)).append(',').append(yesNo(partner)).append(',').append(yesNo(paperless)).append(',');
        sb.append(yesNo(phone)).append(',').append(streaming).append(',').append(REGIONS[region]).append('\n');
    }

    private static String yesNo(boolean b) {
        return b ? "Yes" : "No";
    }
}
