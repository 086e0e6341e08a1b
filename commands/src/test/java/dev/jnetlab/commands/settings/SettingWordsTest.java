package dev.jnetlab.commands.settings;

import dev.jnetlab.host.settings.Assignment;
import dev.jnetlab.host.settings.BufferCeiling;
import dev.jnetlab.host.settings.ConsoleSettings;
import dev.jnetlab.host.settings.SettingException;
import dev.jnetlab.host.settings.SocketOption;
import dev.jnetlab.host.settings.SocketSettings;
import dev.jnetlab.host.settings.ValueType;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.socket.tcp.CongestionControl;
import dev.jnetlab.stack.socket.tcp.RttEstimator;
import dev.jnetlab.stack.time.Micros;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one reader of option names and values: what set, tcp set, udp set and the lab files take. */
class SettingWordsTest {

    @Nested
    class Values {
        @ParameterizedTest
        @CsvSource({
            "tcp.sack, off, SACK, 0",
            "tcp.nagle, on, NAGLE, 1",
            "tcp.cc, reno, CC, 1",
            "tcp.cc, CUBIC, CC, 2",
            "tcp.rto-min, 200ms, RTO_MIN, 200000",
            "tcp.rto-min, 1.5s, RTO_MIN, 1500000",
            "tcp.delack-timeout, 500us, DELACK_TIMEOUT, 500",
            "tcp.time-wait, 0, TIME_WAIT, 0",
            "tcp.keepalive, 2min, KEEPALIVE, 120000000",
            "tcp.sndbuf, 64K, SNDBUF, 65536",
            "tcp.rcvbuf, 1M, RCVBUF, 1048576",
            "tcp.rcvbuf, 4096, RCVBUF, 4096",
            "tcp.mss, 536, MSS, 536",
            "tcp.keepalive-count, 3, KEEPALIVE_COUNT, 3",
            "tcp.keepalive-idle, 1min, KEEPALIVE, 60000000",
            "tcp.keepalive-interval, 5s, KEEPALIVE_INTERVAL, 5000000",
            "tcp.initial-window, 10, INITIAL_WINDOW, 10",
            "tcp.initial-window, auto, INITIAL_WINDOW, 0",
            "udp.ttl, 1, UDP_TTL, 1",
            "icmp.df, on, ICMP_DF, 1",
        })
        void areReadWithTheirUnits(String name, String value, SocketOption option, long expected) throws Exception {
            assertEquals(List.of(new Assignment(option, expected)), SettingWords.parse(name, value));
        }

        @Test
        void offTurnsATimerOrTheClampOff() throws Exception {
            assertEquals(Micros.NEVER, SettingWords.parse("tcp.user-timeout", "off").get(0).value());
            assertEquals(ValueType.SIZE_OFF, SettingWords.parse("tcp.mss", "off").get(0).value());
        }

        @Test
        void aValueIsShownAsItIsTyped() {
            assertEquals("64K", SocketOption.SNDBUF.format(65536));
            assertEquals("200ms", SocketOption.RTO_MIN.format(200_000));
            assertEquals("off", SocketOption.KEEPALIVE.format(Micros.NEVER));
            assertEquals("reno", SocketOption.CC.format(CongestionControl.Algorithm.RENO.ordinal()));
            assertEquals("1000", SocketOption.SNDBUF.format(1000));
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {
            "tcp.sack;maybe;sack: 'maybe' is not on or off",
            "tcp.cc;vegas;cc: 'vegas' is not none, reno or cubic",
            "tcp.rto-min;fast;rto-min: 'fast' is not a duration such as 200ms, 1.5s or 500us",
            "tcp.rto-min;0ms;rto-min: '0ms' is out of range (1ms to 600s)",
            "tcp.buffer;64Q;tcp.buffer: '64Q' is not a size such as 65536, 64K or 1M (K, M, G are 2^10, 2^20, 2^30)",
            "tcp.delack-timeout;500ms;delack-timeout: '500ms' is out of range (1us to 499ms)",
            "udp.ttl;256;ttl: '256' is out of range (1 to 255)",
            "tcp.mss;10;mss: '10' is out of range (64 to 65495)",
        })
        void aBadValueIsOneLineNamingTheOption(String name, String value, String message) {
            assertEquals(message, assertThrows(SettingException.class, () -> SettingWords.parse(name, value)).getMessage());
        }

        @Test
        void aBufferIsAtMostWhatTheHeapCanHold() {
            String ceiling = ValueType.SIZE.format(BufferCeiling.OCTETS);
            assertEquals("tcp.buffer: '0' is out of range (1 to " + ceiling + ")",
                    assertThrows(SettingException.class, () -> SettingWords.parse("tcp.buffer", "0")).getMessage());
            assertThrows(SettingException.class, () -> SettingWords.parse("tcp.sndbuf", Long.toString(BufferCeiling.OCTETS * 2)));
        }
    }

    @Nested
    class Names {
        @Test
        void bufferIsBothOfTcpsBuffers() throws Exception {
            assertEquals(List.of(new Assignment(SocketOption.SNDBUF, 65536), new Assignment(SocketOption.RCVBUF, 65536)),
                    SettingWords.parse("tcp.buffer", "64K"));
        }

        @Test
        void theLabFilesOlderNamesStillWork() throws Exception {
            assertEquals(List.of(new Assignment(SocketOption.CC, CongestionControl.Algorithm.RENO.ordinal())),
                    SettingWords.parse(SocketKind.TCP, "congestion", "reno"));
            assertEquals(List.of(new Assignment(SocketOption.RCVBUF, 128)),
                    SettingWords.parse(SocketKind.TCP, "receive-buffer", "128"));
        }

        @Test
        void theSameWordIsAnOptionOfEachKind() throws Exception {
            assertEquals(SocketOption.UDP_TTL, SettingWords.parse("udp.ttl", "9").get(0).option());
            assertEquals(SocketOption.ICMP_TTL, SettingWords.parse("icmp.ttl", "9").get(0).option());
        }

        @Test
        void anUnknownOptionSuggestsTheClosestAndListsThem() {
            String message = assertThrows(SettingException.class, () -> SettingWords.parse("tcp.sakc", "off")).getMessage();
            assertTrue(message.startsWith("'sakc' is not a tcp option (did you mean sack?); they are: buffer, cc, sndbuf, "
                    + "rcvbuf, nagle,"), message);
        }

        @Test
        void aNameWithoutItsKindSaysHowSettingsAreNamed() {
            assertEquals("'sack' is not a setting: settings are named KIND.OPTION, KIND one of tcp, udp, icmp "
                    + "(set tcp.sack off); 'set' lists them",
                    assertThrows(SettingException.class, () -> SettingWords.parse("sack", "off")).getMessage());
        }

        @Test
        void everyNameIsListedForCompletion() {
            List<String> names = SettingWords.qualifiedNames();
            assertTrue(names.containsAll(List.of("tcp.buffer", "tcp.cc", "tcp.sack", "tcp.timestamps", "tcp.nagle",
                    "tcp.rto-min", "tcp.rto-max", "tcp.mss", "tcp.backlog", "tcp.half-open", "udp.ttl", "udp.df",
                    "udp.buffer", "icmp.ttl")), names.toString());
        }

        @Test
        void aListenersQueuesAreNamedLikeTcpsOptions() throws Exception {
            assertEquals(List.of(new Assignment(SocketOption.BACKLOG, 16)), SettingWords.parse("tcp.backlog", "16"));
            assertEquals(List.of(new Assignment(SocketOption.HALF_OPEN, 4)), SettingWords.parse("tcp.half-open", "4"));
            assertThrows(SettingException.class, () -> SettingWords.parse("tcp.backlog", "0"));
        }

        @Test
        void syncookiesTakesLinuxsThreeValues() throws Exception {
            assertEquals(List.of(new Assignment(SocketOption.SYNCOOKIES, 0)), SettingWords.parse("tcp.syncookies", "0"));
            assertEquals(List.of(new Assignment(SocketOption.SYNCOOKIES, 2)), SettingWords.parse("tcp.syncookies", "2"));
            assertThrows(SettingException.class, () -> SettingWords.parse("tcp.syncookies", "3"));
        }
    }

    @Nested
    class TheConsolesSettings {
        private final ConsoleSettings settings = new ConsoleSettings();

        @Test
        void sayWhereEachValueCameFrom() throws Exception {
            settings.set(SettingWords.parse("tcp.sack", "off"));
            settings.lab("lab", SettingWords.parse("tcp.buffer", "64"));
            assertEquals(ConsoleSettings.SET_ORIGIN, settings.origin(SocketOption.SACK));
            assertEquals("lab", settings.origin(SocketOption.RCVBUF));
            assertEquals(ConsoleSettings.DEFAULT_ORIGIN, settings.origin(SocketOption.NAGLE));
            assertEquals(64, settings.effective().newTcpSocket().recvCapacity());
        }

        @Test
        void aLabsSettingsWinWhileItRunsAndThePersonsComeBack() throws Exception {
            settings.set(SettingWords.parse("tcp.cc", "cubic"));
            settings.lab("lab", SettingWords.parse("tcp.cc", "reno"));
            assertEquals(CongestionControl.Algorithm.RENO, settings.effective().newTcpSocket().congestionAlgorithm());
            settings.clearLab();
            assertEquals(CongestionControl.Algorithm.CUBIC, settings.effective().newTcpSocket().congestionAlgorithm());
        }

        @Test
        void resetTakesBackWhatThePersonSet() throws Exception {
            settings.set(SettingWords.parse("tcp.nagle", "off"));
            settings.reset();
            assertEquals(SocketSettings.DEFAULT, settings.effective());
            assertTrue(settings.effective().newTcpSocket().nagle());
        }

        @Test
        void aSocketIsMadeWithEveryOption() throws Exception {
            for (String[] pair : new String[][] {{"tcp.nagle", "off"}, {"tcp.delack", "off"}, {"tcp.sack", "off"},
                {"tcp.timestamps", "off"}, {"tcp.wscale", "off"}, {"tcp.mss", "1000"}, {"tcp.rto-min", "200ms"},
                {"tcp.rto-max", "5s"}, {"tcp.keepalive", "30s"}, {"tcp.keepalive-count", "3"},
                {"tcp.keepalive-interval", "4s"}, {"tcp.initial-window", "10"},
                {"tcp.user-timeout", "20s"}, {"tcp.time-wait", "2s"}, {"tcp.delack-timeout", "100ms"},
                {"tcp.sndbuf", "8K"}, {"tcp.rcvbuf", "16K"}, {"tcp.cc", "reno"}}) {
                settings.set(SettingWords.parse(pair[0], pair[1]));
            }
            var socket = settings.effective().newTcpSocket();
            assertEquals(false, socket.nagle());
            assertEquals(false, socket.delayedAck());
            assertEquals(false, socket.sackEnabled());
            assertEquals(false, socket.timestampsEnabled());
            assertEquals(false, socket.windowScaleEnabled());
            assertEquals(1000, socket.mssClamp());
            assertEquals(Micros.ofMillis(200), socket.minRto());
            assertEquals(Micros.ofSeconds(5), socket.maxRto());
            assertEquals(Micros.ofSeconds(30), socket.keepAliveIdle());
            assertEquals(Micros.ofSeconds(4), socket.keepAliveInterval());
            assertEquals(10, socket.initialWindow());
            assertEquals(3, socket.keepAliveProbes());
            assertEquals(Micros.ofSeconds(20), socket.userTimeout());
            assertEquals(Micros.ofSeconds(2), socket.timeWaitDuration());
            assertEquals(Micros.ofMillis(100), socket.ackDelay());
            assertEquals(8192, socket.sendCapacity());
            assertEquals(16384, socket.recvCapacity());
            assertEquals(CongestionControl.Algorithm.RENO, socket.congestionAlgorithm());
            for (SocketOption option : SocketOption.values()) {
                if (option.kind() == SocketKind.TCP) {
                    assertEquals(settings.effective().value(option), SocketSettings.of(socket).value(option), option.qualifiedName());
                }
            }
        }

        @Test
        void aFloorAboveTheCeilingIsRefusedAndChangesNothing() throws Exception {
            settings.set(SettingWords.parse("tcp.rto-max", "1s"));
            SettingException floor = assertThrows(SettingException.class,
                    () -> settings.set(SettingWords.parse("tcp.rto-min", "10s")));
            assertTrue(floor.getMessage().contains("raise tcp.rto-max first"), floor.getMessage());
            assertEquals(RttEstimator.DEFAULT_MIN_RTO, settings.effective().value(SocketOption.RTO_MIN));
            settings.set(SettingWords.parse("tcp.rto-min", "500ms"));
            SettingException ceiling = assertThrows(SettingException.class,
                    () -> settings.set(SettingWords.parse("tcp.rto-max", "100ms")));
            assertTrue(ceiling.getMessage().contains("lower tcp.rto-min first"), ceiling.getMessage());
            assertEquals(Micros.ofSeconds(1), settings.effective().newTcpSocket().maxRto());
        }

        @Test
        void aLabsFloorAboveThePersonsCeilingStillMakesASocket() throws Exception {
            settings.set(SettingWords.parse("tcp.rto-max", "1s"));
            settings.lab("lab", SettingWords.parse("tcp.rto-min", "3s"));
            var socket = settings.effective().newTcpSocket();
            assertEquals(Micros.ofSeconds(3), socket.minRto());
            assertEquals(Micros.ofSeconds(3), socket.maxRto());
        }

        @Test
        void udpAndIcmpSocketsToo() throws Exception {
            settings.set(SettingWords.parse("udp.ttl", "3"));
            settings.set(SettingWords.parse("udp.df", "on"));
            settings.set(SettingWords.parse("icmp.ttl", "1"));
            assertEquals(3, settings.effective().newUdpSocket().ttl());
            assertTrue(settings.effective().newUdpSocket().dontFragment());
            assertEquals(1, settings.effective().newIcmpSocket().ttl());
        }
    }
}
