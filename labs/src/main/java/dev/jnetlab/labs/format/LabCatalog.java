package dev.jnetlab.labs.format;

import dev.jnetlab.commands.text.Suggestions;
import dev.jnetlab.labs.Lab;
import dev.jnetlab.labs.LabFileException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The labs {@code lab list} shows: the built-in ones, read from the classpath in the order of
 * {@code dev/jnetlab/labs/index.txt} (one file name per line, {@code #} comments), each file
 * named after its lab's id. {@link #find} also takes the path of a lab file of one's own.
 */
public final class LabCatalog {
    /** Where the built-in labs are, on the classpath. */
    public static final String RESOURCE_DIRECTORY = "dev/jnetlab/labs/";
    private static final String INDEX = RESOURCE_DIRECTORY + "index.txt";

    /** The labs by id; null in a catalog made {@link #builtInOnDemand() on demand} until first asked. */
    private Map<String, Lab> labs;

    public LabCatalog(List<Lab> labs) {
        this.labs = indexed(labs);
    }

    private LabCatalog() {
        this.labs = null;
    }

    private static Map<String, Lab> indexed(List<Lab> labs) {
        Map<String, Lab> byId = new LinkedHashMap<>();
        for (Lab lab : labs) {
            if (byId.put(lab.id(), lab) != null) {
                throw new IllegalArgumentException("two labs with the id " + lab.id());
            }
        }
        return Collections.unmodifiableMap(byId);
    }

    /**
     * The built-in labs, read when first asked for rather than now: reading them takes the YAML
     * parser and Jackson, most of a console's start-up (README, "Start-up"), and a console that
     * never opens a lab need not pay for it. A built-in lab that does not load is a bug (the
     * tests keep it from shipping); here it surfaces as an {@link IllegalStateException} at first use.
     */
    public static LabCatalog builtInOnDemand() {
        return new LabCatalog();
    }

    /** The labs by id, reading the built-in ones on first use; any thread. */
    private synchronized Map<String, Lab> byId() {
        if (labs == null) {
            try {
                labs = builtIn().labs;
            } catch (LabFileException e) {
                throw new IllegalStateException("a built-in lab does not load (a bug): " + e.getMessage(), e);
            }
        }
        return labs;
    }

    /**
     * The built-in labs.
     *
     * @throws LabFileException when one of them is bad (the tests keep that from shipping)
     */
    public static LabCatalog builtIn() throws LabFileException {
        List<Lab> labs = new ArrayList<>();
        for (String name : builtInFiles()) {
            String resource = RESOURCE_DIRECTORY + name;
            try (InputStream in = resource(resource)) {
                labs.add(LabParser.parse(resource, in, Optional.of(name.substring(0, name.lastIndexOf('.')))));
            } catch (IOException e) {
                throw new LabFileException(resource, 0, 0, "cannot read it: " + e.getMessage());
            }
        }
        return new LabCatalog(labs);
    }

    /** The file names the index lists, in order. */
    public static List<String> builtInFiles() throws LabFileException {
        List<String> names = new ArrayList<>();
        try (InputStream in = resource(INDEX);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new LabFileException(INDEX, 0, 0, "cannot read it: " + e.getMessage());
        }
        return names;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = LabCatalog.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("not on the classpath");
        }
        return in;
    }

    /** Every lab, in the index's order. */
    public List<Lab> labs() {
        return List.copyOf(byId().values());
    }

    /**
     * The lab {@code idOrPath} names: a built-in lab's id, or the path of a lab file (anything
     * with a {@code /} or ending in {@code .yaml} or {@code .yml}).
     *
     * @throws LabFileException the file's problem, at its line
     * @throws IllegalArgumentException no such lab, with the ids that are close
     */
    public Lab find(String idOrPath) throws LabFileException {
        Map<String, Lab> labs = byId();
        Lab lab = labs.get(idOrPath);
        if (lab != null) {
            return lab;
        }
        if (idOrPath.contains("/") || idOrPath.endsWith(".yaml") || idOrPath.endsWith(".yml")) {
            return LabParser.parse(Path.of(idOrPath));
        }
        throw new IllegalArgumentException("no lab '" + idOrPath + "'"
                + Suggestions.didYouMean(idOrPath, labs.keySet()) + "; 'lab list' shows them");
    }
}
