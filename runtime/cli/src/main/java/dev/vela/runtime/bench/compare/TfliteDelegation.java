package dev.vela.runtime.bench.compare;

/**
 * What TFLite's delegates took of a model, read from the interpreter after {@code AllocateTensors} (when the default
 * XNNPACK delegate is applied): each delegate kernel node carries {@code TfLiteDelegateParams} whose
 * {@code nodes_to_replace} lists the model operators it runs. A comparison against "TFLite + XNNPACK" is only
 * honest when XNNPACK really took the operators, so the report prints this.
 *
 * @param operators the model's operators (interpreter nodes that are not delegate kernels)
 * @param delegated the operators a delegate runs
 * @param partitions delegate kernel nodes (one per delegated partition)
 * @param delegate the delegate's registration name, empty when there is none
 */
record TfliteDelegation(int operators, int delegated, int partitions, String delegate) {

    private static final String PACKAGE = "org.bytedeco.tensorflowlite.";

    /**
     * Reads the delegation of an interpreter.
     *
     * @param loader the class loader of the TFLite bindings
     * @param interpreter the {@code Interpreter}, tensors allocated
     * @return what the delegates took
     * @throws ReflectiveOperationException when the bindings lack a class
     */
    static TfliteDelegation of(ClassLoader loader, Object interpreter) throws ReflectiveOperationException {
        long nodes = ((Number) Reflective.call(interpreter, "nodes_size")).longValue();
        Class<?> paramsType = Reflective.type(loader, PACKAGE + "TfLiteDelegateParams");
        Class<?> pointerType = Reflective.type(loader, "org.bytedeco.javacpp.Pointer");
        int partitions = 0;
        int delegated = 0;
        String delegate = "";
        for (int i = 0; i < nodes; i++) {
            Object pair = Reflective.call(interpreter, "node_and_registration", i);
            Object node = Reflective.call(pair, "first");
            Object registration = Reflective.call(pair, "second");
            if (node == null || registration == null || Reflective.call(node, "delegate") == null) {
                continue;
            }
            Object data = Reflective.call(node, "builtin_data");
            if (data == null || (Boolean) Reflective.call(data, "isNull")) {
                continue;
            }
            Object params = paramsType.getConstructor(pointerType).newInstance(data);
            Object replaced = Reflective.call(params, "nodes_to_replace");
            if (replaced == null || (Boolean) Reflective.call(replaced, "isNull")) {
                continue;
            }
            partitions++;
            delegated += ((Number) Reflective.call(replaced, "size")).intValue();
            Object name = Reflective.call(registration, "custom_name");
            if (delegate.isEmpty() && name != null && !(Boolean) Reflective.call(name, "isNull")) {
                delegate = String.valueOf(Reflective.call(name, "getString"));
            }
        }
        return new TfliteDelegation((int) nodes - partitions, delegated, partitions, delegate);
    }

    /** @return e.g. {@code TfLiteXNNPackDelegate took 31 of 31 operators in 1 partition} */
    String describe() {
        if (partitions == 0) {
            return "no delegate: all " + operators + " operators on TFLite's builtin kernels";
        }
        return delegate + " took " + delegated + " of " + operators + " operators in " + partitions
                + (partitions == 1 ? " partition" : " partitions");
    }
}
