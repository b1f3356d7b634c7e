package dev.vela.it;

/** The tiny Relu, misbehaving on purpose: ends the JVM from inside a kernel call. */
public final class ExitingProvider extends TinyProvider {
    @Override
    protected void onLargeInput() {
        System.exit(3);
    }
}
