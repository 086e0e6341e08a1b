package dev.jnetlab.netns;

import dev.jnetlab.testing.Ci;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit side of {@link RealPeer}: checks the host before each test and hands the test a
 * namespace that JUnit closes (and so deletes) when the test ends, whatever its outcome.
 */
public final class NetnsExtension implements BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(NetnsExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<String> missing = HostRequirements.missing(tools(context));
        if (missing.isPresent()) {
            String reason = "real-peer test: " + missing.get();
            if (Ci.required()) {
                Assertions.fail(reason + " (CI=true: real-peer tests must run in CI)");
            }
            Assumptions.abort(reason);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == NetworkNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // One namespace per test, however many parameters ask for it; the store closes it
        // (AutoCloseable) when the test's context ends, even when the test failed.
        return context.getStore(STORE).getOrComputeIfAbsent(
                "namespace", key -> NetworkNamespace.withTap(), NetworkNamespace.class);
    }

    private static String[] tools(ExtensionContext context) {
        Set<String> tools = new LinkedHashSet<>();
        for (Optional<ExtensionContext> at = Optional.of(context); at.isPresent(); at = at.get().getParent()) {
            at.get().getElement()
                    .flatMap(element -> AnnotationSupport.findAnnotation(element, RealPeer.class))
                    .ifPresent(peer -> tools.addAll(Set.of(peer.tools())));
        }
        return tools.toArray(String[]::new);
    }
}
