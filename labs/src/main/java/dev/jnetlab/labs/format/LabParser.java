package dev.jnetlab.labs.format;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.jnetlab.commands.text.Suggestions;
import dev.jnetlab.labs.Lab;
import dev.jnetlab.labs.LabFileException;
import dev.jnetlab.labs.format.LabFileModel.CheckFile;
import dev.jnetlab.labs.format.LabFileModel.LabFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a lab file: YAML through Jackson into records, strictly (an unknown key, a value of
 * the wrong type, a key written twice all fail), then {@link LabValidator} for what the values
 * mean. Every failure is a {@link LabFileException} whose message is {@code file:line:column:
 * reason}, the reason written for the person editing the file, never Jackson's.
 */
public final class LabParser {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .addModule(new SimpleModule("lab-checks").addDeserializer(CheckFile.class, new CheckDeserializer()))
            .build();

    /** What each record is, in words, for messages. */
    private static final Map<Class<?>, String> NAMES = Map.ofEntries(
            Map.entry(LabFile.class, "a lab file"),
            Map.entry(LabFileModel.SetupFile.class, "the setup"),
            Map.entry(LabFileModel.StepFile.class, "a step"),
            Map.entry(LabFileModel.LadderFile.class, "a step's ladder"),
            Map.entry(LabFileModel.TapFile.class, "the tap section"),
            Map.entry(LabFileModel.TapStepFile.class, "a tap step"),
            Map.entry(LabFileModel.SolutionFile.class, "a solution entry"),
            Map.entry(LabFileModel.ArpFile.class, "an arp check"),
            Map.entry(LabFileModel.TcpStateFile.class, "a tcp-state check"),
            Map.entry(LabFileModel.ReceivedFile.class, "a received check"),
            Map.entry(LabFileModel.FrameFile.class, "a frame check"),
            Map.entry(LabFileModel.CounterFile.class, "a counter check"),
            Map.entry(LabFileModel.RetransmissionsFile.class, "a retransmissions check"),
            Map.entry(LabFileModel.CwndFile.class, "a cwnd check"),
            Map.entry(LabFileModel.TcbFile.class, "a tcb check"),
            Map.entry(LabFileModel.WithinFile.class, "a within check"),
            Map.entry(CheckFile.class, "a check"));

    private LabParser() {
    }

    /** Reads the lab file at {@code file}; its messages name the file as given. */
    public static Lab parse(Path file) throws LabFileException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in, Optional.empty());
        } catch (NoSuchFileException e) {
            throw new LabFileException(file.toString(), 0, 0, "no such file");
        } catch (IOException e) {
            throw new LabFileException(file.toString(), 0, 0, "cannot read it: " + e.getMessage());
        }
    }

    /**
     * Reads a lab file from {@code in}.
     *
     * @param path       how messages name the file
     * @param expectedId the id the file must declare (its name, for the built-in labs)
     */
    public static Lab parse(String path, InputStream in, Optional<String> expectedId) throws LabFileException {
        LabValidator validator = new LabValidator(path);
        LocatingParser parser = null;
        LabFile file;
        try {
            parser = new LocatingParser(MAPPER.getFactory().createParser(in));
            if (parser.nextToken() == null) {
                throw new LabFileException(path, 0, 0, "the file is empty; a lab file starts with id:, title:, summary:");
            }
            file = MAPPER.readValue(parser, LabFile.class);
        } catch (LocatedProblem e) {
            throw validator.error(e.getLocation(), e.getOriginalMessage());
        } catch (UnrecognizedPropertyException e) {
            throw validator.error(keyLocation(parser, e), unknownKey(e));
        } catch (MismatchedInputException e) {
            throw validator.error(e.getLocation(), mismatch(e));
        } catch (JacksonException e) {
            throw validator.error(e.getLocation(), syntax(e));
        } catch (IOException e) {
            throw new LabFileException(path, 0, 0, "cannot read it: " + e.getMessage());
        }
        if (file == null) {
            throw new LabFileException(path, 1, 1, "the file holds no lab; a lab file starts with id:, title:, summary:");
        }
        return validator.validate(file, parser.root(), expectedId);
    }

    /**
     * Where the unknown key is written. Jackson reports it either while the mapping is open (the
     * key is in one of the open mappings) or, for records, once the mapping is closed and
     * buffered (the key is in the mapping closed last).
     */
    private static JsonLocation keyLocation(LocatingParser parser, UnrecognizedPropertyException e) {
        String name = e.getPropertyName();
        if (parser == null) {
            return e.getLocation();
        }
        if (parser.lastClosed() != null && parser.lastClosed().entry(name) != null) {
            return parser.lastClosed().entry(name).keyLocation();
        }
        for (Located open : parser.open()) {
            Located.Entry entry = open.entry(name);
            if (entry != null) {
                return entry.keyLocation();
            }
        }
        return e.getLocation();
    }

    private static String unknownKey(UnrecognizedPropertyException e) {
        String what = NAMES.getOrDefault(e.getReferringClass(), "this mapping");
        List<String> known = new ArrayList<>();
        Class<?> type = e.getReferringClass();
        if (type != null && type.isRecord()) {
            PropertyNamingStrategies.KebabCaseStrategy kebab = new PropertyNamingStrategies.KebabCaseStrategy();
            for (RecordComponent component : type.getRecordComponents()) {
                known.add(kebab.translate(component.getName()));
            }
        } else if (e.getKnownPropertyIds() != null) {
            e.getKnownPropertyIds().forEach(id -> known.add(id.toString()));
            known.sort(null);
        }
        return "unknown key '" + e.getPropertyName() + "' in " + what
                + Suggestions.didYouMean(e.getPropertyName(), known)
                + "; " + what + " has: " + String.join(", ", known);
    }

    private static String mismatch(MismatchedInputException e) {
        String key = lastKey(e);
        String expected = expected(e.getTargetType());
        List<JsonMappingException.Reference> path = e.getPath();
        boolean item = !path.isEmpty() && path.get(path.size() - 1).getFieldName() == null;
        String subject = key == null ? "this" : item ? "each item of '" + key + "'" : "'" + key + "'";
        if (e instanceof InvalidFormatException invalid) {
            return subject + " is " + expected + ", not '" + invalid.getValue() + "'";
        }
        if (e.getProcessor() instanceof JsonParser parser && parser.currentToken() != null) {
            if (parser.currentToken().isScalarValue()) {
                try {
                    return subject + " is " + expected + ", not '" + parser.getText() + "'";
                } catch (IOException unreadable) {
                    // say less
                }
            }
            if (parser.currentToken() == JsonToken.START_OBJECT && e.getTargetType() == String.class) {
                return subject + " is a text, not a mapping: a ': ' inside a plain text makes one; put the text in quotes";
            }
        }
        return key == null ? "expected " + expected + " here" : subject + " is " + expected;
    }

    private static String lastKey(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).getFieldName() != null) {
                return path.get(i).getFieldName();
            }
        }
        return null;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "something else";
        }
        if (type == String.class) {
            return "a text";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        String name = NAMES.get(type);
        return name != null ? name + ", a mapping of keys" : "a " + type.getSimpleName();
    }

    /**
     * YAML's own problem and context ("mapping values are not allowed here"), from the
     * exception the YAML parser wraps; Jackson 2 marks that wrapper deprecated (Jackson 3 drops
     * it) but it is the one that says what SnakeYAML found without the echo of the source.
     */
    @SuppressWarnings("deprecation")
    private static String syntax(JacksonException e) {
        Throwable cause = e.getCause();
        if (cause instanceof com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException yaml) {
            String problem = yaml.getProblem();
            return "this is not valid YAML: " + problem
                    + (yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")")
                    + (problem != null && problem.startsWith("mapping values are not allowed")
                    ? "; a line indented unlike its neighbours, or a ': ' inside an unquoted text, does this" : "");
        }
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
