package dev.jnetlab.netns;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test (or a class of them) that runs against the real Linux kernel inside a network
 * namespace. A {@link NetworkNamespace} parameter receives a fresh namespace holding tap0
 * (see {@link NetworkNamespace#withTap()}); it is removed after the test, pass or fail.
 *
 * <p>Without root, /dev/net/tun or one of the {@link #tools()} the test is skipped with a
 * one-line reason, except under {@code CI=true}, where a real-peer test that cannot run is a
 * failure.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-peer")
@ExtendWith(NetnsExtension.class)
public @interface RealPeer {
    /** Peer programs the test runs inside the namespace (socat, ping, curl, tcpdump…). */
    String[] tools() default {};
}
