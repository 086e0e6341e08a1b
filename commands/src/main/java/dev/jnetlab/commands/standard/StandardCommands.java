package dev.jnetlab.commands.standard;

import dev.jnetlab.commands.plot.PlotCommand;
import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.bench.BenchCommand;
import dev.jnetlab.commands.dhcp.DhcpCommand;
import dev.jnetlab.commands.dns.ResolveCommand;
import dev.jnetlab.commands.builtin.HelpCommand;
import dev.jnetlab.commands.builtin.QuitCommand;
import dev.jnetlab.commands.builtin.SleepCommand;
import dev.jnetlab.commands.craft.CraftCommand;
import dev.jnetlab.commands.craft.CraftedFrames;
import dev.jnetlab.commands.craft.SendCommand;
import dev.jnetlab.commands.craft.SrCommand;
import dev.jnetlab.commands.ip.ArpCommand;
import dev.jnetlab.commands.ip.NdpCommand;
import dev.jnetlab.commands.ip.IfaceCommand;
import dev.jnetlab.commands.ip.IpCommand;
import dev.jnetlab.commands.ip.PingCommand;
import dev.jnetlab.commands.ip.RouteCommand;
import dev.jnetlab.commands.ip.StatsCommand;
import dev.jnetlab.commands.link.CaptureCommand;
import dev.jnetlab.commands.link.FaultCommand;
import dev.jnetlab.commands.link.TraceCommand;
import dev.jnetlab.commands.serve.ServeCommand;
import dev.jnetlab.commands.settings.SetCommand;
import dev.jnetlab.commands.tcp.TcpCommand;
import dev.jnetlab.commands.topology.ClockCommand;
import dev.jnetlab.commands.topology.NodeCommand;
import dev.jnetlab.commands.topology.TopoCommand;
import dev.jnetlab.commands.topology.TracerouteCommand;
import dev.jnetlab.commands.udp.SocketsCommand;
import dev.jnetlab.commands.udp.UdpCommand;

/**
 * The commands of this module, registered in one place. A new family of commands (tcp, serve,
 * bench, lab) is its own classes and one more {@code register} line, here or by the module that
 * owns it.
 */
public final class StandardCommands {
    private StandardCommands() {
    }

    /** A registry with every command of this module. */
    public static CommandRegistry registry() {
        return register(new CommandRegistry());
    }

    /** Adds every command of this module to {@code registry}. */
    public static CommandRegistry register(CommandRegistry registry) {
        CraftedFrames crafted = new CraftedFrames();
        return registry.register(() -> new HelpCommand(registry))
                .register(SleepCommand::new)
                .register(QuitCommand::new)
                .register(IfaceCommand::new)
                .register(IpCommand::new)
                .register(RouteCommand::new)
                .register(ArpCommand::new)
                .register(NdpCommand::new)
                .register(PingCommand::new)
                .register(StatsCommand::new)
                .register(UdpCommand::new)
                .register(TcpCommand::new)
                .register(SocketsCommand::new)
                .register(TraceCommand::new)
                .register(FaultCommand::new)
                .register(CaptureCommand::new)
                .register(ServeCommand::new)
                .register(BenchCommand::new)
                .register(() -> new CraftCommand(crafted))
                .register(() -> new SendCommand(crafted))
                .register(() -> new SrCommand(crafted))
                .register(DhcpCommand::new)
                .register(ResolveCommand::new)
                .register(SetCommand::new)
                .register(NodeCommand::new)
                .register(TopoCommand::new)
                .register(TracerouteCommand::new)
                .register(ClockCommand::new)
                .register(PlotCommand::new);
    }
}
