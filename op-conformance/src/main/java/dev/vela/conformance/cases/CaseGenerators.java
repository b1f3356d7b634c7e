package dev.vela.conformance.cases;

import dev.vela.conformance.cases.ops.*;
import dev.vela.spi.KernelClaim;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the case generator for a claim among the built-in ones and those registered as services. */
public final class CaseGenerators {

    private final List<CaseGenerator> generators;

    private CaseGenerators(List<CaseGenerator> generators) {
        this.generators = List.copyOf(generators);
    }

    /** @return the generators shipped with the kit; add one line per new operator generator */
    public static List<CaseGenerator> builtIn() {
        List<CaseGenerator> all = new ArrayList<>(List.of(new AddCases(), new ReluCases()));
        // elementwise, tensor, linalg
        all.addAll(UnaryCases.all());
        all.addAll(BinaryCases.all());
        all.addAll(VariadicCases.all());
        all.add(new WhereCases());
        all.add(new ClipCases());
        all.addAll(CastCases.all());
        all.addAll(List.<CaseGenerator>of(
                new ReshapeCases(),
                new FlattenCases(),
                new TransposeCases(),
                new ConcatCases(),
                new SplitCases(),
                new SliceCases(),
                new SqueezeCases(),
                new UnsqueezeCases(),
                new GatherCases(),
                new IdentityCases(),
                new DropoutCases(),
                new ShapeCases(),
                new SizeCases(),
                new ExpandCases(),
                new TileCases(),
                new ConstantOfShapeCases(),
                new RangeCases(),
                new GatherElementsCases(),
                new ScatterElementsCases("ScatterElements"),
                new ScatterElementsCases("Scatter"),
                new TriluCases(),
                new CumSumCases(),
                new NonZeroCases(),
                new OneHotCases(),
                new EyeLikeCases(),
                new GatherNDCases(),
                new ScatterNDCases(),
                new CompressCases(),
                new ConstantCases()));
        all.addAll(List.<CaseGenerator>of(
                new GemmCases(),
                new MatMulCases(),
                new ArgExtremeCases("ArgMax"),
                new ArgExtremeCases("ArgMin"),
                new TopKCases()));
        all.addAll(SoftmaxCases.all());
        all.addAll(ReduceCases.all());
        // nn, quantized
        all.addAll(NnQuantizedCases.all());
        return List.copyOf(all);
    }

    /** @return the built-in generators followed by those found with {@link ServiceLoader} */
    public static CaseGenerators discover() {
        List<CaseGenerator> all = new ArrayList<>(builtIn());
        for (CaseGenerator g : ServiceLoader.load(CaseGenerator.class)) {
            all.add(g);
        }
        return new CaseGenerators(all);
    }

    /**
     * @param generators the generators to search; several covering one claim are mixed
     * @return the registry
     */
    public static CaseGenerators of(List<CaseGenerator> generators) {
        return new CaseGenerators(generators);
    }

    /**
     * The generator for a claim. When several cover it (an int8 Add is both a plain integer Add and a
     * TFLite quantized Add), their cases are mixed so that every form the claim stands for is tested.
     *
     * @param claim a claim
     * @return the generator covering it, or the mix of all that do
     */
    public Optional<CaseGenerator> find(KernelClaim claim) {
        List<CaseGenerator> covering =
                generators.stream().filter(g -> g.covers(claim)).toList();
        if (covering.size() <= 1) {
            return covering.stream().findFirst();
        }
        return Optional.of(new MixedCaseGenerator(covering));
    }

    /** @return all generators */
    public List<CaseGenerator> all() {
        return generators;
    }
}
