package dev.jnetlab.commands.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.commands.topology.TopoCommand.LinkView;
import dev.jnetlab.commands.topology.TopoCommand.Topo;
import org.junit.jupiter.api.Test;

/** How {@code topo} writes a link's properties on its line. */
class TopoLinkTextTest {
    @Test
    void aLinksJitterFollowsItsDelayAfterAPlusMinus() {
        LinkView link = new LinkView("r1-r2", "r1.eth1", "r2.eth1", 20_000, 5_000, 2_000_000, 20, 1500, 1, 1, 0, 0, 0, 0, 0, 0);
        assertEquals("20ms±5ms 2Mbit/s queue 20 mtu 1500 loss 1.0%", Topo.describe(link));
    }

    @Test
    void withoutJitterTheDelayStandsAlone() {
        LinkView link = new LinkView("h1-s1", "h1", "s1", 100, 0, 0, 100, 1500, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals("100us mtu 1500", Topo.describe(link));
    }

    @Test
    void framesDroppedAtTheTailOfItsQueuesFollowEachWayAsTheLossDoes() {
        LinkView link = new LinkView("r1-r2", "r1.eth1", "r2.eth1", 20_000, 0, 2_000_000, 20, 1500, 1, 1, 43, 0, 900, 0, 0, 0);
        assertEquals("20ms 2Mbit/s queue 20 mtu 1500 loss 1.0% tail drops 43/0", Topo.describe(link));
    }

    @Test
    void framesWaitingInItsQueuesNowFollowEachWay() {
        LinkView link = new LinkView("r1-r2", "r1.eth1", "r2.eth1", 20_000, 0, 2_000_000, 20, 1500, 0, 0, 43, 0, 900, 0, 17, 0);
        assertEquals("20ms 2Mbit/s queue 20 mtu 1500 tail drops 43/0 queued 17/0", Topo.describe(link));
    }
}
