package dev.jnetlab.labs.format;

import com.fasterxml.jackson.core.JsonLocation;
import dev.jnetlab.commands.link.FaultWords;
import dev.jnetlab.commands.settings.SettingWords;
import dev.jnetlab.commands.text.CommandLineSplitter;
import dev.jnetlab.commands.text.Suggestions;
import dev.jnetlab.commands.text.SyntaxException;
import dev.jnetlab.host.Servers;
import dev.jnetlab.host.topology.BuiltinTopologies;
import dev.jnetlab.host.topology.TopologySpec;
import dev.jnetlab.host.settings.Assignment;
import dev.jnetlab.host.settings.SettingException;
import dev.jnetlab.host.settings.SocketOption;
import dev.jnetlab.labs.Lab;
import dev.jnetlab.labs.LabFileException;
import dev.jnetlab.labs.LabSetup;
import dev.jnetlab.labs.LabStep;
import dev.jnetlab.labs.check.NetworkKind;
import dev.jnetlab.labs.check.TcpOptions;
import dev.jnetlab.labs.check.Check;
import dev.jnetlab.labs.check.SocketNames;
import dev.jnetlab.labs.check.Flags;
import dev.jnetlab.labs.check.LinkField;
import dev.jnetlab.labs.check.Ports;
import dev.jnetlab.labs.check.ListenerField;
import dev.jnetlab.labs.check.TcbField;
import dev.jnetlab.labs.check.TcpOptionNames;
import dev.jnetlab.labs.check.WindowSize;
import dev.jnetlab.labs.format.LabFileModel.ArpFile;
import dev.jnetlab.labs.format.LabFileModel.CheckFile;
import dev.jnetlab.labs.format.LabFileModel.CounterFile;
import dev.jnetlab.labs.format.LabFileModel.CwndFile;
import dev.jnetlab.labs.format.LabFileModel.FrameFile;
import dev.jnetlab.labs.format.LabFileModel.LabFile;
import dev.jnetlab.labs.format.LabFileModel.ReceivedFile;
import dev.jnetlab.labs.format.LabFileModel.RetransmissionsFile;
import dev.jnetlab.labs.format.LabFileModel.SetupFile;
import dev.jnetlab.labs.format.LabFileModel.SolutionFile;
import dev.jnetlab.labs.format.LabFileModel.StepFile;
import dev.jnetlab.labs.format.LabFileModel.TapFile;
import dev.jnetlab.labs.format.LabFileModel.TapStepFile;
import dev.jnetlab.labs.format.LabFileModel.TcpStateFile;
import dev.jnetlab.labs.format.LabFileModel.WithinFile;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.iface.Ipv6AddressOrigin;
import dev.jnetlab.stack.iface.Ipv6AddressState;
import dev.jnetlab.stack.iface.NdpState;
import dev.jnetlab.stack.wire.DhcpMessageType;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.iface.NeighborState;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.FilterSyntaxException;
import dev.jnetlab.stack.phy.TraceFilter;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.socket.tcp.CongestionControl;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a bound {@link LabFile} into a {@link Lab}: every required key present, every value
 * meaning something (a trace filter compiles, a TCP state is one of RFC 9293's, a counter
 * exists), every step reachable by the solution. The first problem found ends it, as a
 * {@link LabFileException} at the key or value it is about.
 */
final class LabValidator {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    static final List<String> SERVICES = Servers.NAMES;

    private final String path;
    /** The built-in topology of the lab being read, once its setup is: what {@code node:} and {@code link:} name. */
    private Optional<String> topology = Optional.empty();

    LabValidator(String path) {
        this.path = path;
    }

    Lab validate(LabFile file, Located root, Optional<String> expectedId) throws LabFileException {
        String id = required(file.id(), root, "id", "the lab's id, the name 'lab start' takes");
        if (!ID.matcher(id).matches()) {
            throw errorAtValue(root, "id", "the id '" + id + "' is not lower-case letters, digits and dashes (up to 40)");
        }
        if (expectedId.isPresent() && !expectedId.get().equals(id)) {
            throw errorAtValue(root, "id", "the id '" + id + "' differs from the file's name, " + expectedId.get() + ".yaml");
        }
        String title = oneLine(required(file.title(), root, "title", "one line that names the lab"), root, "title");
        String summary = required(file.summary(), root, "summary", "a paragraph on what the lab shows");
        SetupFile setupFile = requiredValue(file.setup(), root, "setup", "the networks it runs on, at least");
        LabSetup setup = setup(setupFile, child(root, "setup"));
        topology = setup.topology();
        List<StepFile> stepFiles = requiredValue(file.steps(), root, "steps", "a list of steps");
        Located stepsNode = child(root, "steps");
        if (stepFiles.isEmpty()) {
            throw errorAtValue(root, "steps", "a lab has at least one step");
        }
        int count = stepFiles.size();
        Map<Integer, StepSolution> solutions = solution(file.solution(), root, count);
        Map<Integer, TapStepFile> tapSteps = new LinkedHashMap<>();
        String tapIntro = "";
        if (file.tap() != null) {
            TapFile tap = file.tap();
            Located tapNode = child(root, "tap");
            tapIntro = tap.intro() == null ? "" : tap.intro();
            List<TapStepFile> entries = tap.steps() == null ? List.of() : tap.steps();
            for (int i = 0; i < entries.size(); i++) {
                Located entryNode = item(child(tapNode, "steps"), i);
                TapStepFile entry = requiredItem(entries.get(i), entryNode, "a tap step");
                int step = stepNumber(entry.step(), entryNode, count);
                if (tapSteps.put(step, entry) != null) {
                    throw errorAtValue(entryNode, "step", "step " + step + " has two tap entries");
                }
                textList(entry.host(), entryNode, "host");
            }
        }
        List<LabStep> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Located stepNode = item(stepsNode, i);
            StepFile step = requiredItem(stepFiles.get(i), stepNode, "a step");
            TapStepFile tap = tapSteps.get(i + 1);
            steps.add(step(step, stepNode, solutions.get(i + 1).commands(), solutions.get(i + 1).fails(),
                    tap == null || tap.host() == null ? List.of() : tap.host(),
                    tap == null || tap.note() == null ? "" : tap.note()));
        }
        return new Lab(id, title, summary, setup, steps, tapIntro, path);
    }

    // ---- setup

    private LabSetup setup(SetupFile file, Located node) throws LabFileException {
        List<String> networkWords = requiredValue(file.network(), node, "network",
                "the networks the lab runs on, like [virtual, tap]");
        Set<NetworkKind> networks = EnumSet.noneOf(NetworkKind.class);
        Located networkNode = child(node, "network");
        if (networkWords.isEmpty()) {
            throw errorAtValue(node, "network", "a lab runs on at least one network: virtual, tap or raw");
        }
        for (int i = 0; i < networkWords.size(); i++) {
            String word = networkWords.get(i);
            Optional<NetworkKind> kind = Arrays.stream(NetworkKind.values()).filter(k -> k.word().equals(word)).findFirst();
            if (kind.isEmpty()) {
                throw error(itemLocation(networkNode, i), "'" + word + "' is not a network; the networks are: virtual, tap, raw, topology");
            }
            if (!networks.add(kind.get())) {
                throw error(itemLocation(networkNode, i), "the network '" + word + "' is listed twice");
            }
        }
        List<String> services = list(file.services());
        for (int i = 0; i < services.size(); i++) {
            String service = services.get(i);
            if (!SERVICES.contains(service)) {
                throw error(itemLocation(child(node, "services"), i),
                        "'" + service + "' is not a service" + Suggestions.didYouMean(service, SERVICES) + "; the services are: "
                                + String.join(", ", SERVICES));
            }
        }
        List<String> serve = list(file.serve());
        for (int i = 0; i < serve.size(); i++) {
            String[] words = serve.get(i).strip().split("\\s+");
            JsonLocation at = itemLocation(child(node, "serve"), i);
            if (!SERVICES.contains(words[0])) {
                throw error(at, "'" + words[0] + "' is not a service" + Suggestions.didYouMean(words[0], SERVICES)
                        + "; the services are: " + String.join(", ", SERVICES));
            }
            if (words.length > 2 || (words.length == 2 && port(words[1]) < 0)) {
                throw error(at, "'" + serve.get(i) + "' is not NAME [PORT], as 'serve' takes it");
            }
        }
        List<String> faults = list(file.faults());
        FaultConfig config = FaultConfig.NONE;
        for (int i = 0; i < faults.size(); i++) {
            try {
                config = FaultWords.apply(config, faults.get(i));
            } catch (SettingException e) {
                throw error(itemLocation(child(node, "faults"), i), e.getMessage());
            }
        }
        List<String> addresses = list(file.addresses());
        for (int i = 0; i < addresses.size(); i++) {
            try {
                Ipv4Cidr.parse(addresses.get(i));
            } catch (IllegalArgumentException e) {
                throw error(itemLocation(child(node, "addresses"), i), e.getMessage());
            }
        }
        return new LabSetup(networks, services, serve, faults, addresses, commands(file.run(), node, "run"),
                commands(file.undo(), node, "undo"), tcp(file.tcp(), child(node, "tcp")), topology(file, networks, node));
    }

    /**
     * {@code topology:}, the built-in topology a lab on {@code topology} needs: required there
     * and only there, since a lab cannot rebuild the network the console was started on.
     */
    private Optional<String> topology(SetupFile file, Set<NetworkKind> networks, Located node) throws LabFileException {
        List<String> names = BuiltinTopologies.NAMES.stream().filter(name -> !name.equals("pair")).toList();
        if (!networks.contains(NetworkKind.TOPOLOGY)) {
            if (file.topology() != null) {
                throw errorAtValue(node, "topology", "a topology is named only by a lab whose network is topology");
            }
            return Optional.empty();
        }
        String name = requiredValue(file.topology(), node, "topology",
                "the built-in topology the lab runs on: " + String.join(", ", names));
        if (!names.contains(name)) {
            throw errorAtValue(node, "topology", "'" + name + "' is not a built-in topology"
                    + Suggestions.didYouMean(name, names) + "; they are: " + String.join(", ", names));
        }
        return Optional.of(name);
    }

    /**
     * The {@code tcp:} map, read by the console's reader of settings: the names and values
     * {@code set tcp.NAME VALUE} takes ({@code buffer: 64}, {@code cc: reno}, {@code sack: off}).
     */
    private TcpOptions tcp(Map<String, Object> file, Located node) throws LabFileException {
        if (file == null) {
            return TcpOptions.DEFAULT;
        }
        List<Assignment> assignments = new ArrayList<>();
        for (Map.Entry<String, Object> entry : file.entrySet()) {
            Object value = entry.getValue();
            // YAML reads on and off as booleans; the settings read them as words.
            String text = value instanceof Boolean on ? (on ? "on" : "off") : String.valueOf(value);
            try {
                for (Assignment assignment : SettingWords.parse(SocketKind.TCP, entry.getKey(), text)) {
                    for (Assignment earlier : assignments) {
                        if (earlier.option() == assignment.option()) {
                            throw errorAtKey(node, entry.getKey(), "'" + entry.getKey() + "' sets "
                                    + assignment.option().word() + " a second time");
                        }
                    }
                    assignments.add(assignment);
                }
            } catch (SettingException e) {
                throw value == null ? errorAtKey(node, entry.getKey(), e.getMessage())
                        : errorAtValue(node, entry.getKey(), e.getMessage());
            }
        }
        return new TcpOptions(assignments);
    }

    /** A congestion control algorithm, read as {@code set tcp.cc} reads it. */
    private CongestionControl.Algorithm algorithm(String word, Located node, String key) throws LabFileException {
        try {
            return CongestionControl.Algorithm.values()[(int) SocketOption.CC.parse(word)];
        } catch (SettingException e) {
            throw errorAtValue(node, key, "'" + word + "' is not a congestion control algorithm; they are: "
                    + SocketOption.CC.type().expected());
        }
    }

    // ---- steps and solution

    private LabStep step(StepFile file, Located node, List<String> solution, List<String> fails, List<String> host,
                         String hostNote)
            throws LabFileException {
        String title = oneLine(required(file.title(), node, "title", "one line that names the step"), node, "title");
        String instructions = required(file.instructions(), node, "instructions", "what to do and why");
        String learned = required(file.learned(), node, "learned", "what finishing the step taught");
        List<String> suggested = commands(file.suggested(), node, "suggested");
        List<String> hints = textList(file.hints(), node, "hints");
        List<CheckFile> checkFiles = requiredValue(file.checks(), node, "checks", "what must be seen for the step to be done");
        if (checkFiles.isEmpty()) {
            throw errorAtValue(node, "checks", "a step has at least one check");
        }
        List<Check> checks = new ArrayList<>();
        Located checksNode = child(node, "checks");
        for (int i = 0; i < checkFiles.size(); i++) {
            checks.add(check(requiredItem(checkFiles.get(i), item(checksNode, i), "a check"), item(checksNode, i)));
        }
        OptionalInt ladder = OptionalInt.empty();
        if (file.ladder() != null) {
            Located ladderNode = child(node, "ladder");
            Integer port = requiredValue(file.ladder().port(), ladderNode, "port",
                    "the port of the connection whose ladder the step shows");
            ladder = OptionalInt.of(portValue(port, ladderNode, "port"));
        }
        TcpOptions tcp = tcp(file.tcp(), child(node, "tcp"));
        List<String> peerAddresses = list(file.peerAddresses());
        List<Ipv4Cidr> peer = new ArrayList<>();
        for (int i = 0; i < peerAddresses.size(); i++) {
            try {
                peer.add(Ipv4Cidr.parse(peerAddresses.get(i)));
            } catch (IllegalArgumentException e) {
                throw error(itemLocation(child(node, "peer-addresses"), i), e.getMessage());
            }
        }
        return new LabStep(title, instructions, suggested, checks, hints, learned, ladder, tcp, peer, solution, fails,
                host, hostNote);
    }

    /** One step's solution: its commands, and those of them that are meant to fail (a refused connection). */
    private record StepSolution(List<String> commands, List<String> fails) {
    }

    private Map<Integer, StepSolution> solution(List<SolutionFile> entries, Located root, int count)
            throws LabFileException {
        List<SolutionFile> list = requiredValue(entries, root, "solution",
                "the commands that complete each step on the virtual network");
        Located node = child(root, "solution");
        Map<Integer, StepSolution> byStep = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Located entryNode = item(node, i);
            SolutionFile entry = requiredItem(list.get(i), entryNode, "a solution entry");
            int step = stepNumber(entry.step(), entryNode, count);
            if (step != byStep.size() + 1) {
                throw errorAtValue(entryNode, "step", byStep.containsKey(step)
                        ? "step " + step + " has two solution entries"
                        : "the solution goes step by step: expected step " + (byStep.size() + 1) + " here, not " + step);
            }
            List<String> commands = commands(requiredValue(entry.commands(), entryNode, "commands",
                    "the console commands of the step"), entryNode, "commands");
            if (commands.isEmpty()) {
                throw errorAtValue(entryNode, "commands", "step " + step + "'s solution has no commands");
            }
            List<String> fails = entry.fails() == null ? List.of()
                    : commands(entry.fails(), entryNode, "fails");
            for (String failing : fails) {
                if (!commands.contains(failing)) {
                    throw errorAtValue(entryNode, "fails", "'" + failing + "' is not one of step " + step
                            + "'s commands; fails names the commands of the step that are meant to fail");
                }
            }
            byStep.put(step, new StepSolution(commands, fails));
        }
        if (byStep.size() < count) {
            throw error(node.location, "the solution ends at step " + byStep.size() + " of " + count
                    + "; every step needs its commands");
        }
        return byStep;
    }

    private int stepNumber(Integer step, Located node, int count) throws LabFileException {
        int number = requiredValue(step, node, "step", "the number of the step, from 1");
        if (number < 1 || number > count) {
            throw errorAtValue(node, "step", "there is no step " + number + "; the steps are 1 to " + count);
        }
        return number;
    }

    /** Console command lines: each must be one command, as the console splits a line. */
    private List<String> commands(List<String> lines, Located node, String key) throws LabFileException {
        List<String> list = textList(lines, node, key);
        for (int i = 0; i < list.size(); i++) {
            try {
                int commands = CommandLineSplitter.commands(list.get(i)).size();
                if (commands != 1) {
                    throw error(itemLocation(child(node, key), i), "'" + list.get(i) + "' is "
                            + (commands == 0 ? "no command" : commands + " commands") + "; write one command per item");
                }
            } catch (SyntaxException e) {
                throw error(itemLocation(child(node, key), i), "'" + list.get(i) + "': " + e.getMessage());
            }
        }
        return list;
    }

    // ---- checks

    private Check check(CheckFile file, Located node) throws LabFileException {
        Located body = child(node, file.kind());
        Check check = switch (file.kind()) {
            case "arp" -> arp((ArpFile) file.body(), body);
            case "ndp" -> ndp((LabFileModel.NdpFile) file.body(), body);
            case "address" -> address((LabFileModel.AddressFile) file.body(), body);
            case "tcp-state" -> tcpState((TcpStateFile) file.body(), body);
            case "received" -> received((ReceivedFile) file.body(), body);
            case "frame" -> frame((FrameFile) file.body(), body);
            case "dhcp" -> dhcp((LabFileModel.DhcpFile) file.body(), body);
            case "dns" -> dns((LabFileModel.DnsFile) file.body(), body);
            case "counter" -> counter((CounterFile) file.body(), body);
            case "retransmissions" -> retransmissions((RetransmissionsFile) file.body(), body);
            case "cwnd" -> cwnd((CwndFile) file.body(), body);
            case "tcb" -> tcb((LabFileModel.TcbFile) file.body(), body);
            case "listener" -> listener((LabFileModel.ListenerFile) file.body(), body);
            case "link" -> link((LabFileModel.LinkFile) file.body(), body);
            case "command" -> command((LabFileModel.CommandFile) file.body(), body);
            case "within" -> within((WithinFile) file.body(), body);
            case "all", "any" -> {
                List<Check> parts = parts(file.body(), body, file.kind());
                yield file.kind().equals("all") ? new Check.All(parts) : new Check.Any(parts);
            }
            case "not" -> new Check.Not(part(check((CheckFile) file.body(), body), body));
            default -> throw new IllegalStateException("a predicate without a validation: " + file.kind());
        };
        if (file.label() != null) {
            if (file.label().isBlank()) {
                throw errorAtValue(node, "label", "a label has words");
            }
            return new Check.Labeled(file.label().strip(), check);
        }
        return check;
    }

    private List<Check> parts(Object body, Located node, String kind) throws LabFileException {
        List<?> files = (List<?>) body;
        if (files.isEmpty()) {
            throw error(node.location, kind + " needs at least one check");
        }
        List<Check> parts = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            parts.add(part(check(requiredItem((CheckFile) files.get(i), item(node, i), "a check"), item(node, i)),
                    item(node, i)));
        }
        return parts;
    }

    /** {@code check} as a part of a composite, which a key action cannot be: it restarts the step's checks after it. */
    private Check part(Check check, Located node) throws LabFileException {
        Check inner = check instanceof Check.Labeled labeled ? labeled.check() : check;
        if (inner instanceof Check.CommandRun command && command.key()) {
            throw error(node.location, "a key action ('key: true') is a check of the step itself, not a part of "
                    + "all, any, not or within: the step's checks after it begin again when it runs");
        }
        return check;
    }

    private Check arp(ArpFile file, Located node) throws LabFileException {
        String text = requiredValue(file.address(), node, "address", "the IPv4 address of the entry");
        Ipv4Address address;
        try {
            address = Ipv4Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw errorAtValue(node, "address", e.getMessage());
        }
        Optional<NeighborState> state = Optional.empty();
        if (file.state() != null) {
            List<String> names = Arrays.stream(NeighborState.values()).map(Enum::name).toList();
            if (!names.contains(file.state())) {
                throw errorAtValue(node, "state", "'" + file.state() + "' is not a state of an ARP entry"
                        + Suggestions.didYouMean(file.state(), names) + "; the states are: " + String.join(", ", names));
            }
            state = Optional.of(NeighborState.valueOf(file.state()));
        }
        Optional<MacAddress> mac = Optional.empty();
        if (file.mac() != null) {
            try {
                mac = Optional.of(MacAddress.parse(file.mac()));
            } catch (IllegalArgumentException e) {
                throw errorAtValue(node, "mac", e.getMessage());
            }
        }
        return new Check.ArpEntry(address, state, mac);
    }

    private Check ndp(LabFileModel.NdpFile file, Located node) throws LabFileException {
        Ipv6Address address = ipv6(file.address(), node, "the IPv6 address of the entry");
        Optional<NdpState> state = Optional.empty();
        if (file.state() != null) {
            state = Optional.of(NdpState.valueOf(oneOf(file.state(), NdpState.values(), false, node, "state",
                    "a state of an NDP entry (RFC 4861 section 7.3.2)")));
        }
        Optional<MacAddress> mac = Optional.empty();
        if (file.mac() != null) {
            try {
                mac = Optional.of(MacAddress.parse(file.mac()));
            } catch (IllegalArgumentException e) {
                throw errorAtValue(node, "mac", e.getMessage());
            }
        }
        return new Check.NdpEntry(address, state, mac);
    }

    /** {@code state} and {@code origin} are written as {@code iface} prints them: preferred, slaac, link-local. */
    private Check address(LabFileModel.AddressFile file, Located node) throws LabFileException {
        Ipv6Address address = ipv6(file.address(), node, "an IPv6 address of this host, like fd00::1");
        Optional<Ipv6AddressState> state = Optional.empty();
        if (file.state() != null) {
            state = Optional.of(Ipv6AddressState.valueOf(oneOf(file.state(), Ipv6AddressState.values(), true, node, "state",
                    "a state of an IPv6 address (RFC 4862 section 2)")));
        }
        Optional<Ipv6AddressOrigin> origin = Optional.empty();
        if (file.origin() != null) {
            origin = Optional.of(Ipv6AddressOrigin.valueOf(oneOf(file.origin(), Ipv6AddressOrigin.values(), true, node, "origin",
                    "an origin of an IPv6 address")));
        }
        return new Check.AddressHeld(address, state, origin);
    }

    private Ipv6Address ipv6(String text, Located node, String what) throws LabFileException {
        String value = requiredValue(text, node, "address", what);
        try {
            return Ipv6Address.parse(value);
        } catch (IllegalArgumentException e) {
            throw errorAtValue(node, "address", e.getMessage());
        }
    }

    /**
     * The constant of {@code values} that {@code text} names, in either case and with dashes
     * for underscores; the error lists them as the console prints them: {@code ndp} in capitals
     * (REACHABLE), {@code iface} in {@code lowerCase} (preferred, link-local).
     */
    private String oneOf(String text, Enum<?>[] values, boolean lowerCase, Located node, String key, String what)
            throws LabFileException {
        String name = text.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        List<String> names = Arrays.stream(values).map(Enum::name).toList();
        if (!names.contains(name)) {
            List<String> written = lowerCase
                    ? names.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toList() : names;
            throw errorAtValue(node, key, "'" + text + "' is not " + what + Suggestions.didYouMean(text, written)
                    + "; they are: " + String.join(", ", written));
        }
        return name;
    }

    private Check command(LabFileModel.CommandFile file, Located node) throws LabFileException {
        String name = requiredValue(file.name(), node, "name", "the command, as 'help' names it, like 'udp recv'");
        if (name.isBlank()) {
            throw errorAtValue(node, "name", "a command has a name, like 'udp recv'");
        }
        int count = file.count() == null ? 1 : file.count();
        if (count < 1) {
            throw errorAtValue(node, "count", "count is at least 1, not " + count);
        }
        Optional<String> uses = Optional.empty();
        if (file.uses() != null) {
            if (!SocketNames.NAME.matcher(file.uses()).matches()) {
                throw errorAtValue(node, "uses", "'" + file.uses() + "' is not a socket name; one is {tcp:PORT} (a"
                        + " connection to PORT), {udp:PORT} (a UDP socket on PORT) or {listen:PORT}");
            }
            uses = Optional.of(file.uses());
        }
        List<String> with = file.with() == null ? List.of() : file.with();
        for (String word : with) {
            if (word == null || word.isBlank() || word.strip().contains(" ")) {
                throw errorAtValue(node, "with", "with: lists single words of the command ('--cwnd', '{dir}/flow.svg')");
            }
        }
        return new Check.CommandRun(name.strip().replaceAll("\\s+", " "), count, uses, Boolean.TRUE.equals(file.key()), with);
    }

    private Check tcpState(TcpStateFile file, Located node) throws LabFileException {
        String text = requiredValue(file.state(), node, "state", "an RFC 9293 state, like ESTABLISHED");
        List<String> names = Arrays.stream(TcpState.values()).map(TcpState::toString).toList();
        int index = names.indexOf(text);
        if (index < 0) {
            throw errorAtValue(node, "state", "'" + text + "' is not a TCP state" + Suggestions.didYouMean(text, names)
                    + "; RFC 9293 names them: " + String.join(", ", names));
        }
        return onNode(file.node(), new Check.SocketState(TcpState.values()[index],
                ports(file.localPort(), file.remotePort(), node)), node);
    }

    private Check received(ReceivedFile file, Located node) throws LabFileException {
        long octets = requiredValue(file.octets(), node, "octets", "how many octets must have arrived");
        if (octets < 1) {
            throw errorAtValue(node, "octets", "octets is at least 1, not " + octets);
        }
        return onNode(file.node(), new Check.OctetsReceived(octets, ports(file.localPort(), file.remotePort(), node)), node);
    }

    private Check frame(FrameFile file, Located node) throws LabFileException {
        String filter = file.filter() == null ? "" : file.filter().strip();
        if (!filter.isEmpty()) {
            try {
                TraceFilter.parse(filter);
            } catch (FilterSyntaxException e) {
                throw errorAtValue(node, "filter", "the filter '" + filter + "' does not compile: " + e.getMessage());
            }
        }
        Optional<Direction> direction = direction(file.direction(), node);
        int flags = flags(file.flags(), node, "flags");
        int without = flags(file.without(), node, "without");
        if ((flags & without) != 0) {
            throw errorAtKey(node, "without", "a flag cannot be both in flags and in without: " + Flags.names(flags & without));
        }
        OptionalInt window = OptionalInt.empty();
        if (file.window() != null) {
            if (file.window() < 0 || file.window() > 0xFFFF) {
                throw errorAtValue(node, "window", "the window field is 0 to 65535, not " + file.window());
            }
            window = OptionalInt.of(file.window());
        }
        OptionalInt minLength = OptionalInt.empty();
        if (file.minLength() != null) {
            if (file.minLength() < 0) {
                throw errorAtValue(node, "min-length", "min-length is not negative: " + file.minLength());
            }
            minLength = OptionalInt.of(file.minLength());
        }
        int options = 0;
        List<String> optionNames = list(file.options());
        for (int i = 0; i < optionNames.size(); i++) {
            int bit = TcpOptionNames.bit(optionNames.get(i));
            if (bit == 0) {
                throw error(itemLocation(child(node, "options"), i), "'" + optionNames.get(i) + "' is not a TCP option"
                        + Suggestions.didYouMean(optionNames.get(i), TcpOptionNames.names()) + "; the options are: "
                        + String.join(", ", TcpOptionNames.names()));
            }
            options |= bit;
        }
        return onNode(file.node(), new Check.FrameSeen(filter, direction, flags, without, window, minLength, options,
                count(file.count(), node)), node);
    }

    private Optional<Direction> direction(String word, Located node) throws LabFileException {
        if (word == null) {
            return Optional.empty();
        }
        return switch (word) {
            case "rx" -> Optional.of(Direction.RX);
            case "tx" -> Optional.of(Direction.TX);
            case "any" -> Optional.empty();
            default -> throw errorAtValue(node, "direction", "'" + word
                    + "' is not a direction; write rx (received), tx (sent) or any");
        };
    }

    private int count(Integer count, Located node) throws LabFileException {
        int value = count == null ? 1 : count;
        if (value < 1) {
            throw errorAtValue(node, "count", "count is at least 1, not " + value);
        }
        return value;
    }

    private Check dhcp(LabFileModel.DhcpFile file, Located node) throws LabFileException {
        String word = required(file.message(), node, "message", "the DHCP message type (DISCOVER, OFFER, REQUEST, "
                + "ACK, NAK, DECLINE, RELEASE, INFORM)");
        DhcpMessageType message = null;
        for (DhcpMessageType type : DhcpMessageType.values()) {
            if (type.name().equalsIgnoreCase(word)) {
                message = type;
            }
        }
        if (message == null) {
            List<String> names = java.util.Arrays.stream(DhcpMessageType.values()).map(Enum::name).toList();
            throw errorAtValue(node, "message", "'" + word + "' is not a DHCP message type"
                    + Suggestions.didYouMean(word.toUpperCase(java.util.Locale.ROOT), names) + "; they are: "
                    + String.join(", ", names));
        }
        return new Check.DhcpSeen(message, direction(file.direction(), node), count(file.count(), node));
    }

    private Check dns(LabFileModel.DnsFile file, Located node) throws LabFileException {
        Optional<String> transport = Optional.ofNullable(file.transport());
        if (transport.isPresent() && !List.of("udp", "tcp").contains(transport.get())) {
            throw errorAtValue(node, "transport", "'" + transport.get() + "' is not a transport; write udp or tcp");
        }
        Optional<Boolean> response = Optional.empty();
        if (file.message() != null) {
            response = switch (file.message()) {
                case "query" -> Optional.of(false);
                case "answer" -> Optional.of(true);
                default -> throw errorAtValue(node, "message", "'" + file.message()
                        + "' is not a kind of DNS message; write query or answer");
            };
        }
        Optional<String> name = Optional.ofNullable(file.name()).map(String::strip);
        if (name.isPresent() && name.get().isEmpty()) {
            throw errorAtValue(node, "name", "a name is not empty (write peer.lab)");
        }
        return new Check.DnsSeen(direction(file.direction(), node), transport, response, name,
                Optional.ofNullable(file.cname()), Optional.ofNullable(file.truncated()), count(file.count(), node));
    }

    private int flags(List<String> names, Located node, String key) throws LabFileException {
        int bits = 0;
        List<String> list = list(names);
        for (int i = 0; i < list.size(); i++) {
            int bit = Flags.bit(list.get(i));
            if (bit < 0) {
                throw error(itemLocation(child(node, key), i), "'" + list.get(i) + "' is not a TCP flag"
                        + Suggestions.didYouMean(list.get(i), Flags.names()) + "; the flags are: " + String.join(", ", Flags.names()));
            }
            bits |= bit;
        }
        return bits;
    }

    private Check counter(CounterFile file, Located node) throws LabFileException {
        String name = requiredValue(file.name(), node, "name", "a counter of 'stats', like arp_requests_out");
        List<String> keys = Arrays.stream(InterfaceCounter.values()).map(InterfaceCounter::key).toList();
        int index = keys.indexOf(name);
        if (index < 0) {
            throw errorAtValue(node, "name", "'" + name + "' is not an interface counter" + Suggestions.didYouMean(name, keys)
                    + "; 'stats' lists them");
        }
        long atLeast = requiredValue(file.atLeast(), node, "at-least", "the value the counter must reach");
        if (atLeast < 1) {
            throw errorAtValue(node, "at-least", "at-least is at least 1, not " + atLeast);
        }
        return onNode(file.node(), new Check.CounterAtLeast(InterfaceCounter.values()[index], atLeast), node);
    }

    private Check retransmissions(RetransmissionsFile file, Located node) throws LabFileException {
        long atLeast = requiredValue(file.atLeast(), node, "at-least", "how many retransmissions");
        if (atLeast < 1) {
            throw errorAtValue(node, "at-least", "at-least is at least 1, not " + atLeast);
        }
        Check.Cause cause = Check.Cause.ANY;
        if (file.cause() != null) {
            cause = switch (file.cause()) {
                case "any" -> Check.Cause.ANY;
                case "timeout" -> Check.Cause.TIMEOUT;
                case "fast" -> Check.Cause.FAST;
                default -> throw errorAtValue(node, "cause", "'" + file.cause()
                        + "' is not a cause; write any, timeout (an RTO fired) or fast (fast retransmit)");
            };
        }
        return onNode(file.node(), new Check.Retransmissions(atLeast, cause, ports(file.localPort(), file.remotePort(), node)),
                node);
    }

    /** A check's at-least and at-most: one at least, neither negative, in order. */
    private void bounds(String kind, Long atLeast, Long atMost, Located node) throws LabFileException {
        if (atLeast == null && atMost == null) {
            throw error(node.location, "a " + kind + " check needs a bound: at-least, at-most or both");
        }
        if (atLeast != null && atLeast < 0) {
            throw errorAtValue(node, "at-least", "at-least is not negative: " + atLeast);
        }
        if (atMost != null && atMost < 0) {
            throw errorAtValue(node, "at-most", "at-most is not negative: " + atMost);
        }
        if (atLeast != null && atMost != null && atLeast > atMost) {
            throw errorAtKey(node, "at-most", "at-most " + atMost + " is below at-least " + atLeast);
        }
    }

    private Check tcb(LabFileModel.TcbFile file, Located node) throws LabFileException {
        String name = requiredValue(file.field(), node, "field", "a field of 'tcp show', like rto-ms");
        List<String> keys = Arrays.stream(TcbField.values()).map(TcbField::key).toList();
        int index = keys.indexOf(name);
        if (index < 0) {
            throw errorAtValue(node, "field", "'" + name + "' is not a field a lab can check" + Suggestions.didYouMean(name, keys)
                    + "; the fields are: " + String.join(", ", keys));
        }
        bounds("tcb", file.atLeast(), file.atMost(), node);
        Optional<CongestionControl.Algorithm> algorithm = Optional.empty();
        if (file.algorithm() != null) {
            algorithm = Optional.of(algorithm(file.algorithm(), node, "algorithm"));
        }
        return onNode(file.node(), new Check.ControlBlock(TcbField.values()[index],
                file.atLeast() == null ? OptionalLong.empty() : OptionalLong.of(file.atLeast()),
                file.atMost() == null ? OptionalLong.empty() : OptionalLong.of(file.atMost()),
                algorithm, ports(file.localPort(), file.remotePort(), node)), node);
    }

    private Check listener(LabFileModel.ListenerFile file, Located node) throws LabFileException {
        if (file.port() == null) {
            throw error(node.location, "a listener check names its port: 'port: 80'");
        }
        if (file.port() < 1 || file.port() > 0xFFFF) {
            throw errorAtValue(node, "port", "not a port: " + file.port() + " (1 to 65535)");
        }
        String name = requiredValue(file.field(), node, "field", "a number of 'tcp show' of a listener, like cookies-sent");
        List<String> keys = Arrays.stream(ListenerField.values()).map(ListenerField::key).toList();
        int index = keys.indexOf(name);
        if (index < 0) {
            throw errorAtValue(node, "field", "'" + name + "' is not a field of a listener a lab can check"
                    + Suggestions.didYouMean(name, keys) + "; the fields are: " + String.join(", ", keys));
        }
        bounds("listener", file.atLeast(), file.atMost(), node);
        return new Check.Listener(file.port(), ListenerField.values()[index],
                file.atLeast() == null ? OptionalLong.empty() : OptionalLong.of(file.atLeast()),
                file.atMost() == null ? OptionalLong.empty() : OptionalLong.of(file.atMost()));
    }

    private Check cwnd(CwndFile file, Located node) throws LabFileException {
        if (file.above() == null && file.below() == null) {
            throw error(node.location, "a cwnd check needs a bound: above, below or both");
        }
        Optional<WindowSize> above = windowSize(file.above(), node, "above");
        Optional<WindowSize> below = windowSize(file.below(), node, "below");
        Optional<CongestionControl.Algorithm> algorithm = Optional.empty();
        if (file.algorithm() != null) {
            algorithm = Optional.of(algorithm(file.algorithm(), node, "algorithm"));
        }
        return onNode(file.node(), new Check.Cwnd(above, below, algorithm, ports(file.localPort(), file.remotePort(), node)),
                node);
    }

    private Optional<WindowSize> windowSize(Object value, Located node, String key) throws LabFileException {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Integer || value instanceof Long) {
            long octets = ((Number) value).longValue();
            if (octets < 0) {
                throw errorAtValue(node, key, "a window is not negative: " + octets);
            }
            return Optional.of(new WindowSize(octets, WindowSize.Unit.OCTETS));
        }
        if (value instanceof String text) {
            try {
                return Optional.of(WindowSize.parse(text));
            } catch (IllegalArgumentException e) {
                throw errorAtValue(node, key, e.getMessage());
            }
        }
        throw errorAtValue(node, key, "'" + key + "' is a number of octets or a text like '10 segments'");
    }

    /**
     * {@code check} as it holds on the topology's host {@code name} ({@code node: h2}); as it is
     * without a name, or with the lab's own host's. A name needs the lab's topology, and must
     * be one of its hosts.
     */
    private Check onNode(String name, Check check, Located node) throws LabFileException {
        if (name == null) {
            return check;
        }
        TopologySpec spec = labTopology(node, "node", "a check names a node");
        List<String> hosts = spec.nodes().stream().filter(n -> n instanceof TopologySpec.HostSpec)
                .map(TopologySpec.NodeSpec::name).toList();
        if (!hosts.contains(name)) {
            throw errorAtValue(node, "node", "'" + name + "' is not a host of " + spec.name()
                    + Suggestions.didYouMean(name, hosts) + "; its hosts are: " + String.join(", ", hosts));
        }
        return name.equals(spec.start()) ? check : new Check.OnNode(name, check);
    }

    /** The built-in topology the lab runs on, which {@code key} needs ({@code what} says why). */
    private TopologySpec labTopology(Located node, String key, String what) throws LabFileException {
        if (topology.isEmpty()) {
            throw errorAtKey(node, key, what + ", which only a lab on a topology can (setup: network: [topology], "
                    + "topology: NAME)");
        }
        return BuiltinTopologies.named(topology.get()).orElseThrow();
    }

    private Check link(LabFileModel.LinkFile file, Located node) throws LabFileException {
        TopologySpec spec = labTopology(node, "name", "a link check reads a topology's link");
        String name = requiredValue(file.name(), node, "name", "the link as 'topo' prints it, like r1-r2");
        List<String> names = spec.links().stream().map(TopologySpec.LinkSpec::name).toList();
        TopologySpec.LinkSpec link = spec.links().stream().filter(l -> l.name().equals(name)
                || (TopologySpec.LinkSpec.node(l.b()) + "-" + TopologySpec.LinkSpec.node(l.a())).equals(name))
                .findFirst().orElseThrow(() -> errorAtValue(node, "name", "'" + name + "' is not a link of " + spec.name()
                        + Suggestions.didYouMean(name, names) + "; its links are: " + String.join(", ", names)));
        Optional<String> from = Optional.ofNullable(file.from());
        List<String> ends = List.of(TopologySpec.LinkSpec.node(link.a()), TopologySpec.LinkSpec.node(link.b()));
        if (from.isPresent() && !ends.contains(from.get())) {
            throw errorAtValue(node, "from", "'" + from.get() + "' is not an end of " + name + "; its ends are "
                    + String.join(" and ", ends));
        }
        String fieldName = requiredValue(file.field(), node, "field", "what to count: frames, tail-drops or queued");
        List<String> keys = Arrays.stream(LinkField.values()).map(LinkField::key).toList();
        int index = keys.indexOf(fieldName);
        if (index < 0) {
            throw errorAtValue(node, "field", "'" + fieldName + "' is not a field of a link" + Suggestions.didYouMean(fieldName, keys)
                    + "; the fields are: " + String.join(", ", keys));
        }
        bounds("link", file.atLeast(), file.atMost(), node);
        return new Check.LinkCount(name, from, LinkField.values()[index],
                file.atLeast() == null ? OptionalLong.empty() : OptionalLong.of(file.atLeast()),
                file.atMost() == null ? OptionalLong.empty() : OptionalLong.of(file.atMost()));
    }

    private Check within(WithinFile file, Located node) throws LabFileException {
        double seconds = requiredValue(file.seconds(), node, "seconds", "how long after the step starts");
        if (!(seconds > 0 && seconds <= 86_400)) {
            throw errorAtValue(node, "seconds", "seconds is more than 0 and at most a day, not " + seconds);
        }
        CheckFile inner = requiredValue(file.check(), node, "check", "the check that must hold in time");
        return new Check.Within(Math.max(1, Math.round(seconds * 1e6)),
                part(check(inner, child(node, "check")), child(node, "check")));
    }

    private Ports ports(Integer local, Integer remote, Located node) throws LabFileException {
        return new Ports(local == null ? OptionalInt.empty() : OptionalInt.of(portValue(local, node, "local-port")),
                remote == null ? OptionalInt.empty() : OptionalInt.of(portValue(remote, node, "remote-port")));
    }

    private int portValue(int port, Located node, String key) throws LabFileException {
        if (port < 1 || port > 0xFFFF) {
            throw errorAtValue(node, key, "a port is 1 to 65535, not " + port);
        }
        return port;
    }

    private static int port(String word) {
        if (word.isEmpty() || word.length() > 5 || !word.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int port = Integer.parseInt(word);
        return port >= 1 && port <= 0xFFFF ? port : -1;
    }

    // ---- values

    private String required(String value, Located node, String key, String what) throws LabFileException {
        String text = requiredValue(value, node, key, what);
        if (text.isBlank()) {
            throw errorAtValue(node, key, "'" + key + "' is empty; it is " + what);
        }
        return text.strip();
    }

    private String oneLine(String text, Located node, String key) throws LabFileException {
        if (text.contains("\n")) {
            throw errorAtValue(node, key, "'" + key + "' is one line");
        }
        return text;
    }

    private <T> T requiredValue(T value, Located node, String key, String what) throws LabFileException {
        if (value == null) {
            Located.Entry entry = node == null ? null : node.entry(key);
            if (entry != null) {
                throw error(entry.value().location, "'" + key + "' has no value; it is " + what);
            }
            throw error(node == null ? null : node.location, "missing '" + key + "': " + what);
        }
        return value;
    }

    private <T> T requiredItem(T value, Located node, String what) throws LabFileException {
        if (value == null) {
            throw error(node == null ? null : node.location, "an empty item where " + what + " belongs");
        }
        return value;
    }

    private List<String> textList(List<String> values, Located node, String key) throws LabFileException {
        List<String> list = list(values);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null || list.get(i).isBlank()) {
                throw error(itemLocation(child(node, key), i), "an empty item in '" + key + "'");
            }
        }
        return list.stream().map(String::strip).toList();
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }


    // ---- places

    private static Located child(Located node, String key) {
        Located.Entry entry = node == null ? null : node.entry(key);
        return entry == null ? null : entry.value();
    }

    private static Located item(Located node, int index) {
        return node == null || index >= node.items.size() ? null : node.items.get(index);
    }

    private LabFileException errorAtValue(Located node, String key, String reason) {
        Located value = child(node, key);
        return error(value != null ? value.location : node == null ? null : node.location, reason);
    }

    private LabFileException errorAtKey(Located node, String key, String reason) {
        Located.Entry entry = node == null ? null : node.entry(key);
        return error(entry != null ? entry.keyLocation() : node == null ? null : node.location, reason);
    }

    /** Where item {@code index} of a sequence is, or the sequence when it is not there. */
    private static JsonLocation itemLocation(Located node, int index) {
        Located item = item(node, index);
        return item != null ? item.location : node == null ? null : node.location;
    }

    LabFileException error(JsonLocation location, String reason) {
        if (location == null) {
            return new LabFileException(path, 0, 0, reason);
        }
        return new LabFileException(path, location.getLineNr(), location.getColumnNr(), reason);
    }
}
