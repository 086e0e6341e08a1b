package dev.jnetlab.stack.iface;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every counter of an interface at one instant, for the console's {@code stats}: immutable,
 * in the order of {@link InterfaceCounter}, each under its stable name.
 *
 * @param counters one value per {@link InterfaceCounter}, in declaration order
 */
public record InterfaceStats(List<CounterValue> counters) {

    public InterfaceStats {
        counters = List.copyOf(counters);
        InterfaceCounter[] all = InterfaceCounter.values();
        if (counters.size() != all.length) {
            throw new IllegalArgumentException("a snapshot holds every counter: " + counters.size() + " of " + all.length);
        }
        for (int i = 0; i < all.length; i++) {
            if (counters.get(i).counter() != all[i]) {
                throw new IllegalArgumentException("counters out of order at " + i + ": " + counters.get(i));
            }
        }
    }

    static InterfaceStats of(long[] values) {
        InterfaceCounter[] all = InterfaceCounter.values();
        List<CounterValue> list = new ArrayList<>(all.length);
        for (InterfaceCounter counter : all) {
            list.add(new CounterValue(counter, values[counter.ordinal()]));
        }
        return new InterfaceStats(list);
    }

    /** The value of {@code counter}. */
    public long get(InterfaceCounter counter) {
        return counters.get(Objects.requireNonNull(counter, "counter").ordinal()).value();
    }

    /** The counters that are not zero, in order: what {@code stats} shows by default. */
    public List<CounterValue> nonZero() {
        List<CounterValue> list = new ArrayList<>();
        for (CounterValue value : counters) {
            if (value.value() != 0) {
                list.add(value);
            }
        }
        return List.copyOf(list);
    }

    /** The sum of every {@code drop_} counter. */
    public long totalDrops() {
        long total = 0;
        for (CounterValue value : counters) {
            if (value.counter().isDrop()) {
                total += value.value();
            }
        }
        return total;
    }

    /** Name to value, in order: the JSON object of {@code stats --json}. */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        for (CounterValue value : counters) {
            map.put(value.name(), value.value());
        }
        return map;
    }

    @Override
    public String toString() {
        return "InterfaceStats" + nonZero();
    }
}
