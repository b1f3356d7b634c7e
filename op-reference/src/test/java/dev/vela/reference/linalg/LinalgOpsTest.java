package dev.vela.reference.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.reference.ReferenceProvider;
import dev.vela.spi.KernelFactory;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class LinalgOpsTest {

    @Test
    void registersEveryOperatorOnce() {
        assertThat(LinalgOps.all())
                .extracting(f -> f.op().name())
                .containsExactlyInAnyOrder(
                        "Gemm",
                        "MatMul",
                        "Softmax",
                        "LogSoftmax",
                        "Hardmax",
                        "ReduceSum",
                        "ReduceMean",
                        "ReduceMax",
                        "ReduceMin",
                        "ReduceProd",
                        "ReduceL1",
                        "ReduceL2",
                        "ReduceLogSum",
                        "ReduceLogSumExp",
                        "ReduceSumSquare",
                        "ArgMax",
                        "ArgMin",
                        "TopK");
    }

    @Test
    void factoriesArePublicFinalWithANoArgConstructor() throws ReflectiveOperationException {
        for (KernelFactory f : LinalgOps.all()) {
            Class<?> c = f.getClass();
            boolean publicFinal = Modifier.isPublic(c.getModifiers()) && Modifier.isFinal(c.getModifiers());
            assertThat(publicFinal).as(c.getName()).isTrue();
            assertThat(c.getConstructor().newInstance()).isInstanceOf(KernelFactory.class);
        }
    }

    @Test
    void theReferenceProviderOffersThem() {
        assertThat(new ReferenceProvider().factories())
                .extracting(f -> f.op().name())
                .contains("Gemm", "TopK");
    }
}
