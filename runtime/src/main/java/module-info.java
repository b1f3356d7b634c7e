/**
 * The Vela runtime library: load a model ({@link dev.vela.runtime.Model}), admit plugins
 * ({@link dev.vela.runtime.plugin.PluginLoader}), place its nodes ({@link dev.vela.runtime.partition.Partitioner})
 * and run it in sessions ({@link dev.vela.runtime.Session}).
 *
 * <p>Exported to everyone: the API an application embeds. The model and session ({@code dev.vela.runtime}), their
 * exceptions ({@code error}), what a run reports ({@code profile}, {@code memory}), the graph a model holds
 * ({@code graph}), plugins and admission ({@code plugin}), placement ({@code partition}), delegates
 * ({@code delegate}), {@code .vela} packages ({@code pack}), the model store ({@code store}), tensors in files
 * ({@code io}), the speech front end ({@code audio}), run comparison ({@code debug}) and the graph passes an
 * application may apply ({@code passes}, e.g. {@code Optimization.forProviders}).
 *
 * <p>Internal: the executor, the importers and validation. They are exported only to the tools
 * module ({@code dev.vela.cli}, runtime/cli), which measures, converts and quantizes models with them.
 */
module dev.vela.runtime {
    requires transitive dev.vela.spi;
    requires dev.vela.reference;
    requires com.google.protobuf;
    requires flatbuffers.java;
    requires java.net.http;
    requires com.google.gson;

    exports dev.vela.runtime;
    exports dev.vela.runtime.error;
    exports dev.vela.runtime.profile;
    exports dev.vela.runtime.memory;
    exports dev.vela.runtime.graph;
    exports dev.vela.runtime.plugin;
    exports dev.vela.runtime.partition;
    exports dev.vela.runtime.delegate;
    exports dev.vela.runtime.pack;
    exports dev.vela.runtime.store;
    exports dev.vela.runtime.io;
    exports dev.vela.runtime.audio;
    exports dev.vela.runtime.debug;
    exports dev.vela.runtime.passes;
    exports dev.vela.runtime.exec to
            dev.vela.cli;
    exports dev.vela.runtime.onnx to
            dev.vela.cli;
    exports dev.vela.runtime.tflite to
            dev.vela.cli;
    exports dev.vela.runtime.validate to
            dev.vela.cli;

    uses dev.vela.spi.OperatorProvider;

    provides java.net.spi.URLStreamHandlerProvider with
            dev.vela.runtime.plugin.PluginUrlProvider;
}
