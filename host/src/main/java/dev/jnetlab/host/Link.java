package dev.jnetlab.host;

import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.FaultInjector;
import dev.jnetlab.stack.phy.FrameMonitor;
import dev.jnetlab.stack.phy.PcapWriter;
import dev.jnetlab.stack.phy.Tracer;

/**
 * The console host's device chain, from the link up (the order the stack's README
 * recommends): the link device (tap, raw socket, or an end of the virtual wire), then the
 * {@link FaultInjector} (the bad cable: {@code fault ...}), the {@link PcapWriter}
 * ({@code capture ...}, {@code --pcap}), the {@link Tracer} ({@code trace ...}), then the
 * interface. The capture and the trace so show what the stack really received and sent, and
 * the injector reports every fault to the tracer.
 *
 * <p>Everything here belongs to the stack's thread.
 */
public final class Link {
    private final Device device;
    private final FaultInjector faults;
    private final PcapWriter capture;
    private final FrameMonitor monitor;
    private final TraceOutput traceOutput;
    private final Tracer tracer;

    /**
     * @param device the link device
     * @param config the faults to start with
     * @param seed   the injector's seed
     * @param output where trace lines go
     */
    public Link(Device device, FaultConfig config, long seed, Output output) {
        this.device = device;
        this.faults = new FaultInjector(device, config, seed);
        this.capture = new PcapWriter(faults);
        this.monitor = new FrameMonitor(capture);
        this.traceOutput = new TraceOutput(output);
        this.tracer = new Tracer(monitor, traceOutput, traceOutput);
        faults.setListener(tracer);
    }

    /** The link device itself, below every piece of middleware. */
    public Device device() {
        return device;
    }

    /** The top of the chain: what the interface polls. */
    public Device top() {
        return tracer;
    }

    public FaultInjector faults() {
        return faults;
    }

    public PcapWriter capture() {
        return capture;
    }

    /** Sees every frame, both directions, for each of its listeners (a running lab, the connection ladders). */
    public FrameMonitor monitor() {
        return monitor;
    }

    public Tracer tracer() {
        return tracer;
    }

    /** How trace lines look (the hex switch). */
    public TraceOutput traceOutput() {
        return traceOutput;
    }
}
