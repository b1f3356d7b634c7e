package dev.vela.runtime.bench.compare;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Calls into an optional engine whose classes are not on the compile class path. Picks the public method (or
 * constructor) by name and argument count whose parameters accept the arguments; numbers widen or narrow to the
 * parameter's primitive type (the native bindings declare sizes as {@code long} or {@code int}).
 */
final class Reflective {

    private Reflective() {}

    static Class<?> type(ClassLoader loader, String name) throws ClassNotFoundException {
        return Class.forName(name, true, loader);
    }

    static Object call(Object target, String name, Object... args) {
        return invoke(target.getClass(), target, name, args);
    }

    static Object callStatic(Class<?> type, String name, Object... args) {
        return invoke(type, null, name, args);
    }

    static Object construct(Class<?> type, Object... args) {
        Constructor<?> best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Constructor<?> c : type.getConstructors()) {
            // the most specific one: the bindings overload on base classes (a FlatBufferModel is also a Pointer)
            int distance = distance(c, args);
            if (distance < bestDistance) {
                best = c;
                bestDistance = distance;
            }
        }
        for (Constructor<?> c : best == null ? new Constructor<?>[0] : new Constructor<?>[] {best}) {
            Object[] actual = adapt(c, args);
            if (actual != null) {
                try {
                    return c.newInstance(actual);
                } catch (InvocationTargetException e) {
                    throw new EngineException(type.getSimpleName() + ": " + e.getCause(), e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw new EngineException("cannot construct " + type.getName() + ": " + e, e);
                }
            }
        }
        throw new EngineException(
                "no constructor of " + type.getName() + " takes " + args.length + " such arguments", null);
    }

    private static Object invoke(Class<?> type, Object target, String name, Object[] args) {
        Method m = find(type, name, args);
        return invoke(m, target, adapt(m, args));
    }

    /**
     * Looks a method up once, for calls in a timed loop.
     *
     * @param type the class declaring (or inheriting) it
     * @param name its name
     * @param sampleArgs arguments of the kinds later calls pass
     * @return the first public method accepting them
     */
    static Method find(Class<?> type, String name, Object... sampleArgs) {
        Method best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Method m : type.getMethods()) {
            int distance = m.getName().equals(name) ? distance(m, sampleArgs) : Integer.MAX_VALUE;
            if (distance < bestDistance) {
                best = m;
                bestDistance = distance;
            }
        }
        if (best != null) {
            return best;
        }
        throw new EngineException(
                "no method " + type.getName() + "." + name + " takes " + sampleArgs.length + " such arguments", null);
    }

    /**
     * Calls a method found by {@link #find}, with arguments already of its parameter types.
     *
     * @param m the method
     * @param target the receiver, null for a static method
     * @param args the arguments
     * @return what it returned
     */
    static Object invoke(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw new EngineException(
                    m.getDeclaringClass().getSimpleName() + "." + m.getName() + ": " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new EngineException("cannot call " + m + ": " + e, e);
        }
    }

    /**
     * @return how far the arguments' classes are from the parameter types (superclass steps; an interface counts
     *     as far as a root class), or {@code Integer.MAX_VALUE} when the signature does not accept them
     */
    private static int distance(Executable e, Object[] args) {
        if (adapt(e, args) == null) {
            return Integer.MAX_VALUE;
        }
        Class<?>[] params = e.getParameterTypes();
        int sum = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null || params[i].isPrimitive()) {
                continue;
            }
            int steps = 0;
            Class<?> c = args[i].getClass();
            while (c != null && c != params[i]) {
                c = c.getSuperclass();
                steps++;
            }
            sum += c == null ? 64 : steps;
        }
        return sum;
    }

    /** @return the arguments converted for this signature, or null when it does not accept them */
    private static Object[] adapt(Executable e, Object[] args) {
        Class<?>[] params = e.getParameterTypes();
        if (params.length != args.length
                || e.isVarArgs() && args.length > 0 && !params[params.length - 1].isInstance(args[args.length - 1])) {
            return null;
        }
        Object[] actual = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Class<?> p = params[i];
            Object a = args[i];
            if (a == null) {
                if (p.isPrimitive()) {
                    return null;
                }
                actual[i] = null;
            } else if (p.isPrimitive()) {
                Object converted = primitive(p, a);
                if (converted == null) {
                    return null;
                }
                actual[i] = converted;
            } else if (p.isInstance(a)) {
                actual[i] = a;
            } else {
                return null;
            }
        }
        return actual;
    }

    private static Object primitive(Class<?> p, Object a) {
        if (p == boolean.class) {
            return a instanceof Boolean ? a : null;
        }
        if (!(a instanceof Number n)) {
            return null;
        }
        if (p == int.class) {
            return n.intValue();
        }
        if (p == long.class) {
            return n.longValue();
        }
        if (p == float.class) {
            return n.floatValue();
        }
        if (p == double.class) {
            return n.doubleValue();
        }
        return null;
    }
}
