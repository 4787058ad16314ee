package io.modelwatch.core.importance;

import io.modelwatch.core.metrics.NoChangeBand;

import java.util.List;
import java.util.SplittableRandom;

/**
 * How much a feature's Information Value and WoE signs move by chance, from its reference WoE table. The reference
 * part ({@link #reference}) does not depend on the batch and is stored in the reference profile; the batch part is
 * computed per run from the batch's event and non-event counts.
 *
 * <p><b>IV change.</b> Parametric bootstrap (B. Efron and R. Tibshirani, <i>An Introduction to the Bootstrap</i>,
 * 1993, §6.5): the reference table's event and non-event distributions over its bins are the population; a replicate
 * draws {@code E} events and {@code NE} non-events multinomially from them and computes the smoothed IV exactly as
 * {@link WoeIv} does ({@code (count + s)/(total + s·B)} per class and bin). {@code R} replicates at the reference's
 * counts give {@code m_ref} and {@code v_ref} (stored), {@code R} at the batch's counts give {@code m_cur} and
 * {@code v_cur}; under no change {@code iv_change_pct = 100·(IV_cur − IV_ref)/IV_ref} is expected at
 * {@code 100·(m_cur − m_ref)/IV_ref} (the small-sample upward bias of IV is larger on the smaller side) with
 * standard error {@code 100·sqrt(v_cur + v_ref)/IV_ref}. Multinomial draws are sequential binomials; a binomial with
 * {@code n·min(p, 1−p) < 30} is drawn exactly by inversion, a larger one by the normal approximation rounded to the
 * nearest count (its error in the standard deviation is below 1 % there). The replicates' seed is fixed by the
 * profile's seed, the column and the counts, so a run gives the same band every time and everywhere.
 *
 * <p><b>WoE sign flips.</b> A flip counts in a bin whose reference |WoE| is at least {@code min_abs_woe} when the
 * batch's WoE is at least as large on the other side. The WoE of bin {@code k} is a log odds ratio; Woolf's
 * variance (B. Woolf, <i>On estimating the relation between blood group and disease</i>, Ann. Hum. Genet. 19,
 * 1955) of the smoothed estimate is {@code 1/(e_k+s) − 1/(E+sB) + 1/(ne_k+s) − 1/(NE+sB)}, on each side with its own
 * counts (the batch's expected at the reference shares). Under no change the batch's WoE minus the reference's is
 * normal with mean 0 and the sum of both variances, so bin {@code k} flips with probability
 * {@code p_k = Φ(−(|w_k| + m)/sqrt(v_ref + v_cur))}; the number of flips has mean {@code Σ p_k} and variance
 * {@code Σ p_k(1 − p_k)}, and is judged as a count (step 1, with the continuity correction: a single flip where
 * 0.07 are expected with standard error 0.26 is 1.7 standard errors out, not 3.6).
 *
 * @param replicates bootstrap replicates per side
 * @param seed       the replicates' base seed
 * @param ivMean     mean smoothed IV of the replicates at the reference's counts
 * @param ivVariance their variance
 */
public record WoeNoise(int replicates, long seed, double ivMean, double ivVariance) {

    /** Above this {@code n·min(p, 1−p)} a binomial count is drawn by its normal approximation. */
    static final double EXACT_BINOMIAL_BELOW = 30;

    public WoeNoise {
        if (replicates < 2) {
            throw new IllegalArgumentException("WoE noise needs at least 2 bootstrap replicates, got " + replicates);
        }
    }

    /** The reference part: {@code replicates} bootstrap IVs at the reference's own event and non-event counts. */
    public static WoeNoise reference(WoeIvResult table, double smoothing, int replicates, long seed) {
        double[] moments = ivMoments(table, table.totalEvents(), table.totalNonEvents(), smoothing, replicates,
                seed("reference", table.totalEvents(), table.totalNonEvents(), seed));
        return new WoeNoise(replicates, seed, moments[0], moments[1]);
    }

    /**
     * The band of {@code iv_change_pct} for a batch with {@code events} and {@code nonEvents} labelled rows.
     *
     * @return the band, or {@code null} when the reference IV is 0 or the batch has no events or no non-events
     */
    public NoChangeBand ivChange(String column, WoeIvResult table, long events, long nonEvents, double smoothing) {
        double ivRef = table.ivSmoothed();
        if (ivRef == 0 || events < 1 || nonEvents < 1) {
            return null;
        }
        double[] cur = ivMoments(table, events, nonEvents, smoothing, replicates, seed(column, events, nonEvents, seed));
        return new NoChangeBand("importance", "iv_change_pct", column, null, 100 * (cur[0] - ivMean) / ivRef,
                100 * Math.sqrt(cur[1] + ivVariance) / ivRef, NoChangeBand.BOOTSTRAP);
    }

    /**
     * The band of {@code woe_sign_flips} for a batch with {@code events} and {@code nonEvents} labelled rows, the
     * bins whose reference |WoE| is below {@code minAbsWoe} never flipping.
     *
     * @return the band, or {@code null} when the batch has no events or no non-events
     */
    public static NoChangeBand signFlips(String column, WoeIvResult table, long events, long nonEvents,
                                         double smoothing, double minAbsWoe) {
        if (events < 1 || nonEvents < 1 || table.totalEvents() < 1 || table.totalNonEvents() < 1) {
            return null;
        }
        List<WoeBin> bins = table.bins();
        int b = bins.size();
        double mean = 0;
        double variance = 0;
        for (WoeBin bin : bins) {
            double w = bin.woeSmoothed();
            if (Math.abs(w) < minAbsWoe) {
                continue;
            }
            double g = (double) bin.events() / table.totalEvents();
            double h = (double) bin.nonEvents() / table.totalNonEvents();
            double vRef = woeVariance(bin.events(), table.totalEvents(), bin.nonEvents(), table.totalNonEvents(),
                    smoothing, b);
            double vCur = woeVariance(events * g, events, nonEvents * h, nonEvents, smoothing, b);
            double sd = Math.sqrt(vRef + vCur);
            // a table of one bin has no sampling spread in its WoE (always 0 after smoothing): it cannot flip
            double p = sd > 0 ? normalUpperTail((Math.abs(w) + minAbsWoe) / sd) : 0;
            mean += p;
            variance += p * (1 - p);
        }
        return new NoChangeBand("importance", "woe_sign_flips", column, null, mean, Math.sqrt(variance),
                NoChangeBand.LOG_ODDS, 1);
    }

    /** Woolf's variance of the smoothed log odds {@code ln(((ne+s)/(NE+sB)) / ((e+s)/(E+sB)))}. */
    static double woeVariance(double e, double total, double ne, double totalNe, double s, int b) {
        double v = 1 / (e + s) - 1 / (total + s * b) + 1 / (ne + s) - 1 / (totalNe + s * b);
        return Math.max(v, 0);
    }

    /** Mean and variance of the smoothed IV over {@code replicates} draws of the given class counts. */
    static double[] ivMoments(WoeIvResult table, long events, long nonEvents, double smoothing, int replicates,
                              long seed) {
        List<WoeBin> bins = table.bins();
        int b = bins.size();
        double[] g = new double[b];
        double[] h = new double[b];
        for (int k = 0; k < b; k++) {
            g[k] = table.totalEvents() == 0 ? 1.0 / b : (double) bins.get(k).events() / table.totalEvents();
            h[k] = table.totalNonEvents() == 0 ? 1.0 / b : (double) bins.get(k).nonEvents() / table.totalNonEvents();
        }
        SplittableRandom random = new SplittableRandom(seed);
        long[] e = new long[b];
        long[] ne = new long[b];
        double sum = 0;
        double sumSq = 0;
        for (int r = 0; r < replicates; r++) {
            multinomial(events, g, random, e);
            multinomial(nonEvents, h, random, ne);
            double iv = smoothedIv(e, events, ne, nonEvents, smoothing);
            sum += iv;
            sumSq += iv * iv;
        }
        double mean = sum / replicates;
        double variance = Math.max(0, (sumSq - replicates * mean * mean) / (replicates - 1));
        return new double[] {mean, variance};
    }

    /** The smoothed IV of {@link WoeIv}: {@code Σ (pne − pe)·ln(pne/pe)}, {@code p = (count + s)/(total + s·B)}. */
    static double smoothedIv(long[] e, long events, long[] ne, long nonEvents, double s) {
        int b = e.length;
        double te = events + s * b;
        double tne = nonEvents + s * b;
        double iv = 0;
        for (int k = 0; k < b; k++) {
            double pe = (e[k] + s) / te;
            double pne = (ne[k] + s) / tne;
            iv += (pne - pe) * Math.log(pne / pe);
        }
        return iv;
    }

    /** Sequential conditional binomials: {@code out[k] ~ Bin(n − Σ_{j<k} out[j], p_k / Σ_{j≥k} p_j)}. */
    static void multinomial(long n, double[] p, SplittableRandom random, long[] out) {
        long left = n;
        double mass = 1;
        for (int k = 0; k < p.length; k++) {
            if (k == p.length - 1 || mass <= 0) {
                out[k] = k == p.length - 1 ? left : 0;
                continue;
            }
            double q = Math.min(1, Math.max(0, p[k] / mass));
            long x = binomial(left, q, random);
            out[k] = x;
            left -= x;
            mass -= p[k];
        }
    }

    static long binomial(long n, double p, SplittableRandom random) {
        if (n == 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        if (p > 0.5) {
            return n - binomial(n, 1 - p, random);
        }
        double mean = n * p;
        if (mean >= EXACT_BINOMIAL_BELOW) {
            double x = Math.rint(mean + Math.sqrt(mean * (1 - p)) * gaussian(random));
            return (long) Math.min(n, Math.max(0, x));
        }
        // inversion of the CDF from 0 (Devroye, Non-Uniform Random Variate Generation, 1986, §X.4): O(n·p) steps
        double u = random.nextDouble();
        double q = 1 - p;
        double pk = Math.pow(q, n);
        long k = 0;
        double cdf = pk;
        while (u > cdf && k < n) {
            pk *= (double) (n - k) / (k + 1) * p / q;
            k++;
            cdf += pk;
        }
        return k;
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller, one of the pair
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** {@code P(Z > z)} of the standard normal. */
    static double normalUpperTail(double z) {
        return 0.5 * org.apache.commons.math3.special.Erf.erfc(z / Math.sqrt(2));
    }

    private static long seed(String column, long events, long nonEvents, long base) {
        long h = base;
        h = h * 0x9E3779B97F4A7C15L + column.hashCode();
        h = h * 0x9E3779B97F4A7C15L + events;
        h = h * 0x9E3779B97F4A7C15L + nonEvents;
        return h;
    }
}
