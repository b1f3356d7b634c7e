package dev.vela.it;

/** The tiny Relu, broken on purpose: values below -1 come out as their absolute value. */
public final class BrokenProvider extends TinyProvider {
    @Override
    protected float relu(float x) {
        return x < -1f ? -x : super.relu(x);
    }
}
