package org.conv4j.engine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where a workload's time goes, op by op: {@link #wrap} returns a backend that forwards every call
 * to the real one and adds the call's wall time to the op and operand shapes it was made with.
 * Each op is followed by {@link Backend#synchronize}, so on a GPU the time is the op's own work
 * (and the whole is slower than unprofiled: the queue is drained after every op). What
 * {@code conv4j bench ... --profile} prints.
 */
public final class OpProfile {
    /** One op at one set of operand shapes: its calls and their total time. */
    public record Entry(String op, String shapes, long calls, long nanos) {}

    private static final class Total {
        long calls;
        long nanos;
    }

    private final Map<String, Map<String, Total>> totals = new LinkedHashMap<>();
    private final Backend target;
    private boolean recording;

    private OpProfile(Backend target) {
        this.target = target;
    }

    /** A profile of {@code target}'s ops and the backend that records into it (while {@link #start}ed). */
    public static OpProfile of(Backend target) {
        return new OpProfile(target);
    }

    /** The backend to give the model: every op goes to the target, timed while recording. */
    public Backend wrap() {
        InvocationHandler handler = this::invoke;
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, handler);
    }

    /** Forgets what was recorded and records from now on. */
    public void start() {
        totals.clear();
        recording = true;
    }

    public void stop() {
        recording = false;
    }

    private Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        boolean timed = recording && method.getReturnType() != Tensor.class && method.getDeclaringClass() == Backend.class
                && !method.getName().equals("synchronize") && !method.getName().equals("threads");
        long start = timed ? System.nanoTime() : 0;
        Object result;
        try {
            result = method.invoke(target, args);
            if (timed) {
                target.synchronize();
            }
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (timed) {
            Total t = totals.computeIfAbsent(method.getName(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(shapes(args), k -> new Total());
            t.calls++;
            t.nanos += System.nanoTime() - start;
        }
        return result;
    }

    private static String shapes(Object[] args) {
        StringJoiner j = new StringJoiner(", ");
        if (args != null) {
            for (Object a : args) {
                if (a instanceof Tensor t) {
                    j.add(shape(t.shape()));
                } else if (a instanceof Tensor[] ts) {
                    j.add(ts.length + " tensors");
                }
            }
        }
        return j.toString();
    }

    private static String shape(int[] s) {
        StringJoiner j = new StringJoiner("x");
        Arrays.stream(s).forEach(d -> j.add(Integer.toString(d)));
        return j.toString();
    }

    /** Every op and shape recorded, most time first. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        totals.forEach((op, byShape) -> byShape.forEach((shapes, t) -> out.add(new Entry(op, shapes, t.calls, t.nanos))));
        out.sort((a, b) -> Long.compare(b.nanos(), a.nanos()));
        return out;
    }

    /** Time per op name over every shape, most time first. */
    public List<Entry> byOp() {
        List<Entry> out = new ArrayList<>();
        totals.forEach((op, byShape) -> {
            long calls = 0;
            long nanos = 0;
            for (Total t : byShape.values()) {
                calls += t.calls;
                nanos += t.nanos;
            }
            out.add(new Entry(op, "", calls, nanos));
        });
        out.sort((a, b) -> Long.compare(b.nanos(), a.nanos()));
        return out;
    }
}
