package dev.jnetlab.host;

/**
 * Where lines go that are not a command's result: ping replies as they arrive, trace lines,
 * data on a watched socket, lab progress. The console prints them above the prompt; scripts
 * print them in order; JSON mode keeps stdout for results alone.
 */
@FunctionalInterface
public interface Output {
    void println(String line);
}
