package dev.jnetlab.testing;

/**
 * Whether the tests run in CI, where every check must run: a test that would be skipped for
 * want of root, a device or a tool fails instead. {@code CI=true} in the environment; the
 * system property {@value #PROPERTY} overrides it (for the harness's own tests).
 */
public final class Ci {
    public static final String PROPERTY = "jnetlab.ci";

    private Ci() {
    }

    public static boolean required() {
        return "true".equals(System.getProperty(PROPERTY, System.getenv("CI")));
    }
}
