package org.segforge.core.io.nifti;

import java.io.EOFException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A gzip stream (RFC 1952, one or more members) decoded from a byte array held in memory. Compared
 * with {@link java.util.zip.GZIPInputStream} over a file it hands the inflater all input at once
 * and inflates straight into the caller's (large) buffer: on the Colin27 T1 (3.5 MB gzipped) a bare
 * Inflater took a median 88 ms against 153 ms for GZIPInputStream over the file (loaded 2-core
 * machine, /tmp benchmark during development). Members' CRC-32 and length are checked; bytes after the last member that do not start
 * another member are ignored, as GZIPInputStream does. Truncation ends in an {@link EOFException},
 * corruption in a {@link ZipException}.
 */
final class GzipBytes extends InputStream {
    private static final int FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16;

    private final byte[] in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private int memberDataStart;
    private boolean eof;

    GzipBytes(byte[] compressed) throws ZipException, EOFException {
        this.in = compressed;
        startMember(0);
    }

    /** Parses a member header at {@code pos} and points the inflater at its deflate data. */
    private void startMember(int pos) throws ZipException, EOFException {
        if (pos + 10 > in.length) {
            throw new EOFException("gzip header cut short");
        }
        if ((in[pos] & 0xFF) != 0x1f || (in[pos + 1] & 0xFF) != 0x8b) {
            throw new ZipException("not in gzip format");
        }
        if (in[pos + 2] != 8) {
            throw new ZipException("unsupported gzip compression method " + (in[pos + 2] & 0xFF));
        }
        int flags = in[pos + 3] & 0xFF;
        int p = pos + 10;
        if ((flags & FEXTRA) != 0) {
            if (p + 2 > in.length) {
                throw new EOFException("gzip header cut short");
            }
            p += 2 + ((in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8);
        }
        if ((flags & FNAME) != 0) {
            p = skipZeroTerminated(p);
        }
        if ((flags & FCOMMENT) != 0) {
            p = skipZeroTerminated(p);
        }
        if ((flags & FHCRC) != 0) {
            p += 2;
        }
        if (p > in.length) {
            throw new EOFException("gzip header cut short");
        }
        inflater.reset();
        inflater.setInput(in, p, in.length - p);
        crc.reset();
        memberDataStart = p;
    }

    private int skipZeroTerminated(int p) throws EOFException {
        while (p < in.length && in[p] != 0) {
            p++;
        }
        if (p >= in.length) {
            throw new EOFException("gzip header cut short");
        }
        return p + 1;
    }

    @Override
    public int read() throws java.io.IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == 1 ? one[0] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws java.io.IOException {
        if (len == 0) {
            return 0;
        }
        while (!eof) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("invalid deflate data: " + e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished()) {
                endMember();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("deflate data asks for a preset dictionary");
            } else if (inflater.needsInput()) {
                throw new EOFException("unexpected end of gzip data");
            }
        }
        return -1;
    }

    /** Checks the trailer (CRC-32, length mod 2^32), then moves to the next member if there is one. */
    private void endMember() throws ZipException, EOFException {
        int trailer = memberDataStart + (int) inflater.getBytesRead();
        if (trailer + 8 > in.length) {
            throw new EOFException("gzip trailer cut short");
        }
        long storedCrc = le32(trailer), storedSize = le32(trailer + 4);
        if (storedCrc != crc.getValue()) {
            throw new ZipException("gzip CRC mismatch (data corrupt)");
        }
        if (storedSize != (inflater.getBytesWritten() & 0xFFFFFFFFL)) {
            throw new ZipException("gzip length mismatch (data corrupt)");
        }
        int next = trailer + 8;
        if (next + 2 <= in.length && (in[next] & 0xFF) == 0x1f && (in[next + 1] & 0xFF) == 0x8b) {
            startMember(next);
        } else {
            eof = true;
        }
    }

    private long le32(int p) {
        return (in[p] & 0xFFL) | (in[p + 1] & 0xFFL) << 8 | (in[p + 2] & 0xFFL) << 16 | (in[p + 3] & 0xFFL) << 24;
    }

    @Override
    public void close() {
        inflater.end();
    }
}
