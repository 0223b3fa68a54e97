package org.conv4j.apps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.io.AtomicFiles;

/**
 * NumPy's .npy format (versions 1 to 3) for float arrays: the magic "\x93NUMPY", a version, the
 * header length (2 bytes little-endian in version 1, 4 in 2 and 3), a Python dict literal
 * {'descr': '<f4', 'fortran_order': False, 'shape': (...), } padded with spaces to a multiple of
 * 64 bytes, then the values in C order. Reads little- and big-endian float32 and float64; writes
 * version 1 little-endian float32.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fiu])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    public static Tensor read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("input file " + file + " does not exist", e);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (byte m : MAGIC) {
            if (!b.hasRemaining() || b.get() != m) {
                throw new IOException(file + " is not a NumPy .npy file (bad magic)");
            }
        }
        int major = b.get();
        b.get();
        int headerLength = major == 1 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
        if (headerLength > b.remaining()) {
            throw new IOException(file + " is truncated: its header is cut short");
        }
        String header = new String(bytes, b.position(), headerLength, StandardCharsets.ISO_8859_1);
        b.position(b.position() + headerLength);
        Matcher descr = DESCR.matcher(header), fortran = FORTRAN.matcher(header), shapeMatch = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeMatch.find()) {
            throw new IOException(file + ": unreadable .npy header " + header.trim());
        }
        if (fortran.group(1).equals("True")) {
            throw new IOException(file + " is stored in Fortran order: save it with np.save(np.ascontiguousarray(x))");
        }
        if (!descr.group(2).equals("f") || !(descr.group(3).equals("4") || descr.group(3).equals("8"))) {
            throw new IOException(file + " holds dtype " + descr.group(2) + descr.group(3) + ": conv4j reads float32 (or float64); "
                    + "convert with x.astype('float32')");
        }
        int[] shape = parseShape(shapeMatch.group(1));
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        int width = Integer.parseInt(descr.group(3));
        if ((long) b.remaining() < count * width) {
            throw new IOException(file + " is truncated: shape " + shapeMatch.group(0) + " needs " + count * width
                    + " bytes of data, it has " + b.remaining());
        }
        b.order(descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = width == 4 ? b.getFloat() : (float) b.getDouble();
        }
        return Tensor.of(values, shape);
    }

    private static int[] parseShape(String text) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                dims.add(Integer.parseInt(part.trim().replace("L", "")));
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Writes {@code t} as little-endian float32 .npy (version 1), atomically. */
    public static void write(Path file, Tensor t) throws IOException {
        StringBuilder shape = new StringBuilder();
        for (int d : t.shape()) {
            shape.append(d).append(", ");
        }
        String dims = t.rank() == 1 ? shape.toString().trim() : shape.substring(0, Math.max(0, shape.length() - 2));
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }");
        while ((MAGIC.length + 4 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + 4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < t.size(); i++) {
            b.putFloat((float) t.get(i));
        }
        AtomicFiles.writeBytes(file, b.array());
    }
}
