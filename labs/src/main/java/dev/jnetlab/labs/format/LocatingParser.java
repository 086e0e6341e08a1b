package dev.jnetlab.labs.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A parser that notes where every token was while Jackson reads through it: it builds the
 * {@link Located} tree of the document, remembers the mapping it closed last (the one a
 * record's deserializer just finished), and rejects a key written twice in one mapping, at
 * the second one.
 */
final class LocatingParser extends JsonParserDelegate {
    private final Deque<Located> open = new ArrayDeque<>();
    private Located root;
    private Located lastClosed;
    private String pendingKey;
    private JsonLocation pendingKeyLocation;

    LocatingParser(JsonParser parser) {
        super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = delegate.nextToken();
        if (token == null) {
            return null;
        }
        JsonLocation at = delegate.currentTokenLocation();
        switch (token) {
            case FIELD_NAME -> {
                Located mapping = open.peek();
                String name = delegate.currentName();
                if (mapping != null) {
                    Located.Entry earlier = mapping.entry(name);
                    if (earlier != null) {
                        throw new LocatedProblem(this, "the key '" + name + "' is written twice in this mapping (first on line "
                                + earlier.keyLocation().getLineNr() + ")", at);
                    }
                }
                pendingKey = name;
                pendingKeyLocation = at;
            }
            case START_OBJECT -> open.push(attach(new Located(Located.Kind.MAPPING, at)));
            case START_ARRAY -> open.push(attach(new Located(Located.Kind.SEQUENCE, at)));
            case END_OBJECT, END_ARRAY -> lastClosed = open.pop();
            default -> attach(new Located(Located.Kind.SCALAR, at));
        }
        return token;
    }

    private Located attach(Located node) {
        Located parent = open.peek();
        if (parent == null) {
            root = node;
        } else if (parent.kind == Located.Kind.MAPPING) {
            if (pendingKey != null) {
                parent.keys.put(pendingKey, new Located.Entry(pendingKeyLocation, node));
                pendingKey = null;
            }
        } else {
            parent.items.add(node);
        }
        return node;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        JsonToken token = currentToken();
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return this;
        }
        int depth = 1;
        while (depth > 0) {
            JsonToken next = nextToken();
            if (next == null) {
                return this;
            }
            if (next.isStructStart()) {
                depth++;
            } else if (next.isStructEnd()) {
                depth--;
            }
        }
        return this;
    }

    /** The document as read so far. */
    Located root() {
        return root;
    }

    /** The mapping or sequence closed last. */
    Located lastClosed() {
        return lastClosed;
    }

    /** The mappings and sequences open now, innermost first. */
    Iterable<Located> open() {
        return open;
    }
}
