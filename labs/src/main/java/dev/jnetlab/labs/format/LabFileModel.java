package dev.jnetlab.labs.format;

import com.fasterxml.jackson.core.JsonLocation;
import java.util.List;
import java.util.Map;

/**
 * A lab file as Jackson binds it: every key optional, every value as written. {@link LabValidator}
 * turns it into a {@code Lab}, checking what is required and what each value means. The names
 * of the record components, in kebab case, are the keys of the format ({@code labs/README.md}).
 */
final class LabFileModel {
    private LabFileModel() {
    }

    record LabFile(String id, String title, String summary, SetupFile setup, List<StepFile> steps, TapFile tap,
                   List<SolutionFile> solution) {
    }

    record SetupFile(List<String> network, List<String> services, List<String> serve, List<String> faults,
                     List<String> addresses, List<String> run, List<String> undo, Map<String, Object> tcp,
                     String topology) {
    }


    record StepFile(String title, String instructions, List<String> suggested, List<CheckFile> checks,
                    List<String> hints, String learned, LadderFile ladder, Map<String, Object> tcp,
                    List<String> peerAddresses) {
    }

    record LadderFile(Integer port) {
    }

    record TapFile(String intro, List<TapStepFile> steps) {
    }

    record TapStepFile(Integer step, List<String> host, String note) {
    }

    record SolutionFile(Integer step, List<String> commands, List<String> fails) {
    }

    /**
     * One check: a mapping with one predicate key (and an optional {@code label}), read by
     * {@link CheckDeserializer}.
     *
     * @param kind        the predicate's key: {@code arp}, {@code tcp-state}, ...
     * @param body        the predicate's value: one of the records below, a list of checks
     *                    ({@code all}, {@code any}) or a check ({@code not})
     * @param keyLocation where the predicate's key is written
     */
    record CheckFile(String kind, String label, Object body, JsonLocation keyLocation) {
    }

    record ArpFile(String address, String state, String mac) {
    }

    record NdpFile(String address, String state, String mac) {
    }

    record AddressFile(String address, String state, String origin) {
    }

    record CommandFile(String name, Integer count, String uses, Boolean key, List<String> with) {
    }

    record TcpStateFile(String state, Integer localPort, Integer remotePort, String node) {
    }

    record ReceivedFile(Long octets, Integer localPort, Integer remotePort, String node) {
    }

    record FrameFile(String filter, String direction, List<String> flags, List<String> without, Integer window,
                     Integer minLength, List<String> options, Integer count, String node) {
    }

    record DhcpFile(String message, String direction, Integer count) {
    }

    record DnsFile(String direction, String transport, String message, String name, Boolean cname, Boolean truncated,
                   Integer count) {
    }

    record CounterFile(String name, Long atLeast, String node) {
    }

    record RetransmissionsFile(Long atLeast, String cause, Integer localPort, Integer remotePort, String node) {
    }

    record TcbFile(String field, Long atLeast, Long atMost, String algorithm, Integer localPort, Integer remotePort,
                   String node) {
    }

    record ListenerFile(Integer port, String field, Long atLeast, Long atMost) {
    }

    /** {@code above} and {@code below} are a number of octets or a text such as {@code 10 segments}. */
    record CwndFile(Object above, Object below, String algorithm, Integer localPort, Integer remotePort, String node) {
    }

    /** A topology link's counter: {@code name} as {@code topo} prints it, {@code from} one of its ends. */
    record LinkFile(String name, String from, String field, Long atLeast, Long atMost) {
    }

    record WithinFile(Double seconds, CheckFile check) {
    }
}
