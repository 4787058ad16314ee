package io.modelwatch.core.performance;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ExactSum} against Python's {@code math.fsum} (the correctly rounded exact sum), in any order and split. */
class ExactSumTest {

    /** 40 doubles from 1e-20 to 1e20 of both signs (Python: random.seed(5), uniform(-1, 1) * 10 ** randint(-20, 20)). */
    private static final double[] VALUES = {
            0x1.894911862d918p+4, 0x1.57a689bf747bbp+42, -0x1.c12cf53b76506p+29,
            0x1.7262a44b5daf2p-18, 0x1.06142c9856decp-35, -0x1.cd182c02efe6ap+32,
            0x1.cc8e8be886e9bp+12, 0x1.8e00b0b2bf884p+49, -0x1.aea584869626bp-25,
            -0x1.93f4b7f94d2adp-33, 0x1.0437426de52e9p+13, -0x1.39f5aed4136b0p-54,
            -0x1.910c7986a2747p+62, -0x1.f0e03f5ab59e0p-44, -0x1.7872c1ddc709cp-67,
            -0x1.f3266f3030ed7p-25, 0x1.94bb696f45b2bp-34, 0x1.e81f4f776fd33p-8,
            -0x1.001d989dd951fp-28, 0x1.b377cdb2d29b9p+62, -0x1.95bf795de3a70p-28,
            0x1.239a4a3b85ed8p+13, -0x1.926c15949b81cp+8, -0x1.df085a42ff892p-40,
            -0x1.2e521a9593e0ap+2, -0x1.60db6c36400b9p+58, 0x1.320904a999386p+57,
            0x1.c782fd6274d46p+1, -0x1.5b2e9a250113cp+6, 0x1.7bb40094f100bp+32,
            0x1.afee8585209a7p-32, -0x1.4a68de6613cc2p-35, -0x1.a2669a55ae695p-64,
            0x1.67605a86fac0ap+6, 0x1.45bb15168058ap-64, 0x1.7f53e453b692cp+16,
            -0x1.7c539bb24d89dp+54, 0x1.045748c5eab3ep+26, -0x1.f260f944e9debp-31,
            0x1.540f4e6d295d5p-29};
    /** {@code math.fsum(VALUES)}; a plain left-to-right sum gives 3.6916087467111834e+17. */
    private static final double FSUM = 3.691608746711182e+17;

    @Test
    void theSumIsPythonsFsumWhateverTheOrderAndTheMerges() {
        List<Double> order = new ArrayList<>();
        for (double v : VALUES) {
            order.add(v);
        }
        Random random = new Random(1);
        for (int trial = 0; trial < 20; trial++) {
            Collections.shuffle(order, random);
            int cut = random.nextInt(order.size() + 1);
            ExactSum first = new ExactSum();
            ExactSum second = new ExactSum();
            for (int i = 0; i < order.size(); i++) {
                (i < cut ? first : second).add(order.get(i));
            }
            first.merge(second);
            assertThat(first.value()).isEqualTo(FSUM);
        }
    }

    @Test
    void cancellationAndTiesRoundAsFsumDoes() {
        ExactSum s = new ExactSum();
        for (double v : new double[] {1e100, 1.0, -1e100, 1e-100, 0.1, 0.2, 0.3}) {
            s.add(v);
        }
        assertThat(s.value()).isEqualTo(1.6); // math.fsum([1e100, 1.0, -1e100, 1e-100, 0.1, 0.2, 0.3])
        ExactSum tenths = new ExactSum();
        for (int i = 0; i < 10; i++) {
            tenths.add(0.1);
        }
        assertThat(tenths.value()).isEqualTo(1.0); // math.fsum([0.1] * 10); a plain sum gives 0.9999999999999999
        assertThat(new ExactSum().value()).isZero();
    }
}
