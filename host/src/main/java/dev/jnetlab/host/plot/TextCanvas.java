package dev.jnetlab.host.plot;

/**
 * A grid of terminal cells to draw dots on: with braille, each cell is a Unicode braille
 * pattern of 2 by 4 dots (U+2800 plus one bit per dot), so a line is four times finer than the
 * rows; without, each cell is one dot and shows its ink's ASCII letter. A cell takes the colour
 * or letter of the last-declared {@link Ink} drawn in it.
 */
public final class TextCanvas {
    /** The bit of the braille dot at column {@code x % 2}, row {@code y % 4} of its cell (ISO/TR 11548-1). */
    private static final int[][] BRAILLE_BITS = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};
    private static final char BRAILLE_BLANK = '\u2800';

    private final int columns;
    private final int rows;
    private final boolean braille;
    private final int[] dots;
    private final Ink[] inks;

    public TextCanvas(int columns, int rows, boolean braille) {
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("a canvas of " + columns + "x" + rows);
        }
        this.columns = columns;
        this.rows = rows;
        this.braille = braille;
        this.dots = new int[columns * rows];
        this.inks = new Ink[columns * rows];
    }

    /** Dots across. */
    public int width() {
        return columns * (braille ? 2 : 1);
    }

    /** Dots down. */
    public int height() {
        return rows * (braille ? 4 : 1);
    }

    /** Sets the dot at {@code (x, y)}, y counting up from the bottom; dots outside are ignored. */
    public void dot(int x, int y, Ink ink) {
        if (x < 0 || y < 0 || x >= width() || y >= height()) {
            return;
        }
        int down = height() - 1 - y;
        int cell = (down / (braille ? 4 : 1)) * columns + x / (braille ? 2 : 1);
        dots[cell] |= braille ? BRAILLE_BITS[x % 2][down % 4] : 1;
        if (inks[cell] == null || ink.ordinal() >= inks[cell].ordinal()) {
            inks[cell] = ink;
        }
    }

    /** A straight line of dots from one end to the other (Bresenham's). */
    public void line(int x0, int y0, int x1, int y1, Ink ink) {
        int dx = Math.abs(x1 - x0);
        int dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1;
        int sy = y0 < y1 ? 1 : -1;
        int error = dx + dy;
        while (true) {
            dot(x0, y0, ink);
            if (x0 == x1 && y0 == y1) {
                return;
            }
            int twice = 2 * error;
            if (twice >= dy) {
                error += dy;
                x0 += sx;
            }
            if (twice <= dx) {
                error += dx;
                y0 += sy;
            }
        }
    }

    /** The ink of the cell at {@code column}, {@code row} (row 0 at the top), null when blank. */
    public Ink ink(int column, int row) {
        return inks[row * columns + column];
    }

    /** Row {@code row} (0 at the top) as text, with SGR colours if {@code colour}. */
    public String row(int row, boolean colour) {
        StringBuilder out = new StringBuilder(columns * 2);
        Ink current = null;
        for (int c = 0; c < columns; c++) {
            int cell = row * columns + c;
            Ink ink = inks[cell];
            if (colour && ink != null && ink != current) {
                out.append("\u001b[").append(ink.ansi()).append('m');
                current = ink;
            }
            if (braille) {
                out.append((char) (BRAILLE_BLANK + dots[cell]));
            } else {
                out.append(ink == null ? ' ' : ink.ascii());
            }
        }
        if (colour && current != null) {
            out.append("\u001b[0m");
        }
        return out.toString();
    }
}
