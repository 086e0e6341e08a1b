package dev.jnetlab.labs.console;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.Session;
import dev.jnetlab.host.Output;
import dev.jnetlab.labs.check.NetworkKind;
import dev.jnetlab.labs.commands.LabCommand;
import dev.jnetlab.labs.engine.LabEngine;
import dev.jnetlab.labs.format.LabCatalog;

/**
 * Wires the lab engine into a console, in one call, the same way for the real console and for
 * tests on the virtual network:
 * <ul>
 *   <li>a {@link LabEngine} over the session's network ({@link NetworkLabWorld}) and the
 *       built-in labs;</li>
 *   <li>the {@code lab} command registered in {@code registry};</li>
 *   <li>the engine's ticker polled beside the stack, as a companion of the network, so that
 *       whoever drives the network (the event loop, a {@code VirtualDriver}) drives it; the
 *       frame observer goes on the link's monitor when a lab starts.</li>
 * </ul>
 * What remains for the console: {@code engine.afterCommand(session.driver())} after every
 * command line, {@code engine.marks(Marks.ASCII)} without a colour terminal, and
 * {@code engine.start(id, session)} for {@code --lab ID}.
 */
public final class ConsoleLabs {
    private ConsoleLabs() {
    }

    /** Installs the built-in labs; see the class comment. */
    public static LabEngine install(CommandRegistry registry, Session session, NetworkKind kind, Output output)
            throws InterruptedException {
        return install(LabCatalog.builtInOnDemand(), registry, session, kind, output);
    }

    /** Installs the labs of {@code catalog}; see the class comment. */
    public static LabEngine install(LabCatalog catalog, CommandRegistry registry, Session session, NetworkKind kind,
                                    Output output) throws InterruptedException {
        LabEngine[] made = new LabEngine[1];
        try {
            session.stack((network, now) -> {
                LabEngine engine = new LabEngine(catalog, new NetworkLabWorld(network, kind), registry, output);
                network.addCompanion(engine.ticker());
                made[0] = engine;
                return null;
            });
        } catch (CommandException e) {
            throw new IllegalStateException("installing the labs: " + e.getMessage(), e);
        }
        LabEngine engine = made[0];
        registry.register(() -> new LabCommand(engine));
        return engine;
    }
}
